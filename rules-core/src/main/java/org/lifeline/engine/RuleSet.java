package org.lifeline.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.lifeline.calendar.CalendarException;
import org.lifeline.calendar.CampaignCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled, checked rule set: the KieBase, each rule's metadata, the campaign calendar and the liaison
 * table. Immutable and shared by every session built from it. Built whole or not at all.
 */
final class RuleSet {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSet.class);
    private static final Pattern RULE_ID = Pattern.compile("(T(0[1-9]|1[0-4])|A)\\.[A-Z][A-Z0-9_]*");
    private static final Pattern RULE_DECL = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern MILESTONE_KEY = Pattern.compile("Milestone\\s*\\(\\s*key\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern SETTING_NAME = Pattern.compile("Setting\\s*\\(\\s*name\\s*==\\s*\"([^\"]+)\"");
    private static final String SRC = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieBase kieBase;
    private final Map<String, RuleMeta> meta;
    private final CampaignCalendar calendar;
    private final LiaisonTable liaison;
    private final String version;

    private final boolean failFast;
    private final RuleSources sources;
    private final boolean trusted;
    private final Set<String> removed;
    private final FactFilter filter;
    /** The executable model compiled at build time (the bundled rules), or null: compiled from the sources. */
    private final List<org.drools.model.Model> models;

    private RuleSet(KieBase kieBase, Map<String, RuleMeta> meta, CampaignCalendar calendar, LiaisonTable liaison,
                    String version, boolean failFast, RuleSources sources, boolean trusted, Set<String> removed,
                    List<org.drools.model.Model> models) {
        this.models = models;
        this.failFast = failFast;
        this.sources = sources;
        this.trusted = trusted;
        this.removed = removed;
        this.kieBase = kieBase;
        this.filter = new FactFilter(kieBase);
        this.meta = meta;
        this.calendar = calendar;
        this.liaison = liaison;
        this.version = version;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** Which facts the rules read (only those are put into a session). */
    FactFilter filter() {
        return filter;
    }

    /** True when a failing rule stops the evaluation instead of being reported and skipped. */
    boolean failFast() {
        return failFast;
    }

    /**
     * The same rule set without one rule (whose conditions throw on the data): the rest keeps working.
     */
    RuleSet without(String ruleId) {
        Set<String> gone = new java.util.TreeSet<>(removed);
        gone.add(ruleId);
        RuleSet reduced = keeping(id -> !gone.contains(id));
        LOG.warn("rule {} taken out of this evaluation: its conditions fail on the data", ruleId);
        return new RuleSet(reduced.kieBase, reduced.meta, reduced.calendar, reduced.liaison, version, failFast,
                sources, trusted, Set.copyOf(gone), models);
    }

    /** Only this rule, to find the fact it fails on. */
    RuleSet only(String ruleId) {
        return keeping(ruleId::equals);
    }

    private RuleSet keeping(java.util.function.Predicate<String> keep) {
        return models != null ? fromModels(sources.keeping(keep), models, keep, liaison, failFast, System.nanoTime())
                : compile(sources.keeping(keep), liaison, trusted, failFast);
    }

    /** True when the KieBase comes from the executable model compiled at build time. */
    boolean precompiled() {
        return models != null;
    }

    /** The rule named by a Drools error about a condition ({@code ... in [Rule "T04.X" in file.drl]}), or null. */
    static String failingRule(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher r = Pattern.compile("\\[Rule \"([^\"]+)\"").matcher(m);
                if (r.find()) {
                    return r.group(1);
                }
            }
        }
        return null;
    }

    /** A new session; failing consequences go to the {@link FailureHandler}. */
    org.kie.api.runtime.KieSession newSession() {
        return kieBase.newKieSession();
    }

    RuleMeta meta(String ruleId) {
        return meta.get(ruleId);
    }

    Map<String, RuleMeta> allMeta() {
        return meta;
    }

    CampaignCalendar calendar() {
        return calendar;
    }

    LiaisonTable liaison() {
        return liaison;
    }

    String version() {
        return version;
    }

    /**
     * Compiles and checks a rule set; {@code liaisonOverride}, when not null, replaces the sources' table.
     *
     * @throws RuleCompilationException with every error found, each with file and line
     */
    static RuleSet compile(RuleSources sources, LiaisonTable liaisonOverride, boolean trusted, boolean failFast) {
        ClassicCompiler.require(trusted);
        List<RuleError> errors = new ArrayList<>();
        if (!trusted) {
            for (RuleSources.Source s : sources.drl()) {
                errors.addAll(RuleGuard.check(s.path(), s.text()));
            }
            if (!errors.isEmpty()) {
                throw new RuleCompilationException(errors);
            }
        }
        Prepared prepared = prepare(sources, liaisonOverride, errors);
        if (sources.drl().isEmpty()) {
            errors.add(new RuleError(sources.origin(), 0, 0, "no .drl rule files"));
        }

        long started = System.nanoTime();
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.lifeline.rules", "ruleset-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        for (RuleSources.Source s : sources.drl()) {
            kfs.write(SRC + s.path(), s.text());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        Map<String, String> texts = new HashMap<>();
        sources.drl().forEach(s -> texts.put(s.path(), s.text()));
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? sources.origin() : m.getPath().replaceFirst("^" + SRC, "");
            errors.add(located(path, m.getLine(), m.getColumn(), m.getText(), texts.get(path)));
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase kieBase = container.newKieBase(kieBaseConfiguration());
        ks.getRepository().removeKieModule(releaseId);
        return checked(sources, kieBase, prepared, errors, started, failFast, trusted, null);
    }

    private static org.kie.api.KieBaseConfiguration kieBaseConfiguration() {
        org.kie.api.KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration();
        conf.setOption(org.kie.internal.conf.ConsequenceExceptionHandlerOption.get(FailureHandler.class));
        return conf;
    }

    /** The calendar and liaison table of a rule set, parsed; their errors go to {@code errors}. */
    private record Prepared(CampaignCalendar calendar, LiaisonTable liaison) {
    }

    private static Prepared prepare(RuleSources sources, LiaisonTable liaisonOverride, List<RuleError> errors) {
        CampaignCalendar calendar = null;
        try {
            calendar = CampaignCalendar.parse(sources.calendar().text(), sources.calendar().path());
        } catch (CalendarException e) {
            errors.add(parseLocated(e.getMessage()));
        }
        LiaisonTable liaison = liaisonOverride;
        if (liaison == null && sources.liaison() != null) {
            try {
                liaison = LiaisonTable.read(new ByteArrayInputStream(
                        sources.liaison().text().getBytes(StandardCharsets.UTF_8)), sources.liaison().path());
            } catch (IllegalArgumentException e) {
                errors.add(new RuleError(sources.liaison().path(), 0, 0, e.getMessage()));
            }
        }
        if (liaison == null) {
            liaison = new LiaisonTable(Map.of(), Map.of());
        }
        return new Prepared(calendar, liaison);
    }

    /**
     * The bundled rule set: the executable model that rules-definitions compiled at build time (no compiler runs
     * now), or, when the classpath holds no such model for these rule files, the classic compilation.
     *
     * @param keep the rules to keep, or null for all
     */
    static RuleSet bundled(ClassLoader loader, LiaisonTable liaisonOverride, java.util.function.Predicate<String> keep,
                           boolean trusted, boolean failFast) {
        long started = System.nanoTime();
        RuleSources all = RuleSources.bundled(loader);
        RuleSources sources = keep == null ? all : all.keeping(keep);
        List<org.drools.model.Model> models = ExecutableModel.load(loader, digest(all));
        if (models == null) {
            return compile(sources, liaisonOverride, trusted, failFast);
        }
        return fromModels(sources, models, keep, liaisonOverride, failFast, started);
    }

    /** A rule set from the executable model: a new KieBase of its rules (those {@code keep} passes, when given). */
    private static RuleSet fromModels(RuleSources sources, List<org.drools.model.Model> models,
                                      java.util.function.Predicate<String> keep, LiaisonTable liaisonOverride,
                                      boolean failFast, long started) {
        List<RuleError> errors = new ArrayList<>();
        Prepared prepared = prepare(sources, liaisonOverride, errors);
        KieBase kieBase = org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(models, kieBaseConfiguration());
        if (keep != null) {
            for (KiePackage p : kieBase.getKiePackages()) {
                for (Rule r : List.copyOf(p.getRules())) {
                    if (!keep.test(r.getName())) {
                        kieBase.removeRule(p.getName(), r.getName());
                    }
                }
            }
        }
        return checked(sources, kieBase, prepared, errors, started, failFast, true, models);
    }

    /** Checks a KieBase's rules (ids, metadata, milestones and settings they name) and makes the rule set. */
    private static RuleSet checked(RuleSources sources, KieBase kieBase, Prepared prepared, List<RuleError> errors,
                                   long started, boolean failFast, boolean trusted, List<org.drools.model.Model> models) {
        CampaignCalendar calendar = prepared.calendar();
        LiaisonTable liaison = prepared.liaison();

        Map<String, RuleMeta> meta = new TreeMap<>();
        Map<String, RuleSources.Source> fileOf = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (RuleSources.Source s : sources.drl()) {
            Matcher m = RULE_DECL.matcher(s.text());
            while (m.find()) {
                String name = m.group(1);
                if (fileOf.containsKey(name)) {
                    errors.add(new RuleError(s.path(), line(s.text(), m.start(1)), 0,
                            "rule id " + name + " is used twice (also in " + fileOf.get(name).path() + ")"));
                }
                fileOf.put(name, s);
                lineOf.put(name, line(s.text(), m.start(1)));
            }
        }
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                String id = r.getName();
                RuleSources.Source src = fileOf.get(id);
                String file = src == null ? sources.origin() : src.path();
                int line = lineOf.getOrDefault(id, 0);
                if (!RULE_ID.matcher(id).matches()) {
                    errors.add(new RuleError(file, line, 0, "rule id '" + id + "' is not of the form Tnn.NAME or A.NAME"));
                    continue;
                }
                try {
                    Map<String, Object> metaData = new HashMap<>(r.getMetaData());
                    if (!metaData.containsKey("description") && src != null) {
                        // the classic compiler takes @description as a built-in annotation and leaves it out of the
                        // metadata (the executable model keeps it): read it from the rule's text, the same both ways
                        String d = description(src.text(), id);
                        if (d != null) {
                            metaData.put("description", d);
                        }
                    }
                    RuleMeta rm = RuleMeta.of(id, metaData);
                    int expectedTask = id.startsWith("A.") ? 0 : Integer.parseInt(id.substring(1, 3));
                    if (rm.task() != expectedTask) {
                        errors.add(new RuleError(file, line, 0, "@taskId(" + rm.task() + ") does not match rule id " + id));
                    }
                    meta.put(id, rm);
                } catch (RuntimeException e) {
                    errors.add(new RuleError(file, line, 0, "rule " + id
                            + " needs @taskId(\"n\") and @severity(\"VIOLATION|WARNING|ANOMALY|MEASURE\") metadata"));
                }
            }
        }
        if (calendar != null) {
            Set<String> keys = calendar.milestoneKeys();
            for (RuleSources.Source s : sources.drl()) {
                Matcher m = MILESTONE_KEY.matcher(s.text());
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        errors.add(new RuleError(s.path(), line(s.text(), m.start(1)), 0,
                                "milestone '" + m.group(1) + "' is not in " + sources.calendar().path()));
                    }
                }
                m = SETTING_NAME.matcher(s.text());
                while (m.find()) {
                    if (!calendar.settings().containsKey(m.group(1))) {
                        errors.add(new RuleError(s.path(), line(s.text(), m.start(1)), 0,
                                "setting '" + m.group(1) + "' is not in " + sources.calendar().path()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
        String version = digest(sources);
        LOG.info("{} {} rules from {} files ({}) in {} ms, version {}",
                models == null ? "Compiled" : "Loaded the executable model of", meta.size(), sources.drl().size(),
                sources.origin(), (System.nanoTime() - started) / 1_000_000, version);
        return new RuleSet(kieBase, Map.copyOf(meta), calendar, liaison, version, failFast, sources, trusted, Set.of(),
                models);
    }

    private static final Pattern DESCRIPTION = Pattern.compile("@description\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    /** The {@code @description("…")} of a rule in its file's text (between its name and its {@code when}), or null. */
    static String description(String text, String ruleId) {
        Matcher m = Pattern.compile("^\\s*rule\\s+\"" + Pattern.quote(ruleId) + "\"(.*?)^\\s*when\\b",
                Pattern.MULTILINE | Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            return null;
        }
        Matcher d = DESCRIPTION.matcher(m.group(1));
        return d.find() ? d.group(1).replaceAll("\\\\(.)", "$1") : null;
    }

    private static final Pattern LINE_IN_TEXT = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)\\]");
    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):?\\s*$", Pattern.MULTILINE);

    /**
     * A compiler message as one line with the best line number available: the compiler's own, else one named in
     * its text, else the line where the expression it could not analyse stands.
     */
    static RuleError located(String path, int line, int column, String text, String source) {
        String oneLine = text.trim().lines().map(String::trim).filter(l -> !l.isEmpty() && !l.equals("^"))
                .reduce((a, b) -> a + " " + b).orElse("").replaceAll("\\s+", " ");
        if (line <= 0) {
            Matcher m = LINE_IN_TEXT.matcher(text);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2));
            } else if (source != null) {
                Matcher e = EXPRESSION.matcher(text);
                if (e.find()) {
                    int at = source.indexOf(e.group(1).trim());
                    if (at >= 0) {
                        line = line(source, at);
                        column = 0;
                    }
                }
            }
        }
        return new RuleError(path, Math.max(line, 0), Math.max(column, 0), oneLine);
    }

    private static RuleError parseLocated(String message) {
        Matcher m = Pattern.compile("^([^:]+):(\\d+): (.*)$").matcher(message);
        if (m.matches()) {
            return new RuleError(m.group(1), Integer.parseInt(m.group(2)), 0, m.group(3));
        }
        int colon = message.indexOf(": ");
        return colon > 0 ? new RuleError(message.substring(0, colon), 0, 0, message.substring(colon + 2))
                : new RuleError("calendar.yaml", 0, 0, message);
    }

    /** The 1-based line of an offset in a text. */
    static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A short digest of the rule files and calendar (the rules version). */
    static String digest(RuleSources sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (RuleSources.Source s : sources.drl()) {
                md.update(s.path().getBytes(StandardCharsets.UTF_8));
                md.update(s.text().getBytes(StandardCharsets.UTF_8));
            }
            md.update(sources.calendar().text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
