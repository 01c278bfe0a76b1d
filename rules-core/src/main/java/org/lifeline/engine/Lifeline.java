package org.lifeline.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.waiver.Waiver;
import org.lifeline.waiver.Waivers;

/**
 * The entry point: a compiled rule set (DRL files, the campaign calendar and the liaison table) that
 * evaluates facts. Immutable and thread-safe; compile once, evaluate and monitor many times.
 *
 * <pre>{@code
 * Lifeline lifeline = Lifeline.bundled();                        // the rules of rules-definitions
 * Evaluation e = lifeline.evaluate(facts, LocalDate.of(2018, 7, 1));
 * try (Monitor m = lifeline.monitor(LocalDate.of(2018, 6, 25), listener)) { m.insert(member); }
 * }</pre>
 */
public final class Lifeline {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Lifeline.class);

    private final RuleSet rules;
    private final Limits limits;
    private final Waivers waivers;

    private Lifeline(RuleSet rules, Limits limits, Waivers waivers) {
        this.rules = rules;
        this.limits = limits;
        this.waivers = waivers;
    }

    /**
     * The bundled rule set: the {@code lifeline/} folder on the classpath, which the rules-definitions
     * artifact ships, with its rules compiled at build time to Drools' executable model (nothing is compiled now;
     * a folder without that model is compiled now, by the classic compiler).
     *
     * @throws RuleCompilationException when the bundled rules do not compile (a broken build)
     */
    public static Lifeline bundled() {
        return builder().build();
    }

    /**
     * The rule set in a directory: its {@code .drl} files (recursively), {@code calendar.yaml} and optionally
     * {@code liaison-groups.yaml}.
     *
     * @throws RuleCompilationException listing every error with file and line; nothing is loaded
     * @throws IllegalStateException     when the classic compiler (drools-mvel) or the guard's parser (JavaParser),
     *                                   which the bundled rules do not need, is not on the classpath: it names them
     */
    public static Lifeline fromDirectory(Path rulesDir) {
        return builder().rulesDirectory(rulesDir).build();
    }

    /**
     * Compiles and checks the rule set in a directory without keeping it.
     *
     * @return every error with file and line; empty when the rules are sound
     */
    public static List<RuleError> validate(Path rulesDir) {
        try {
            fromDirectory(rulesDir);
            return List.of();
        } catch (RuleCompilationException e) {
            return e.errors();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates a snapshot of facts as of a date.
     *
     * <p>The rules run on a worker thread within the evaluation budget ({@link Builder#evaluationTimeout}) and
     * the firing limit ({@link Builder#firingLimitPerFact}). A rule whose consequence throws is reported in
     * {@link Evaluation#failures()} and the others stand; so is a rule whose conditions throw, or whose consequence
     * overflows the stack (it is taken out).
     *
     * @throws EvaluationStoppedException when the rules do not finish (a loop, a consequence that never returns,
     *                                    out of memory): no result, the findings of such a rule set are not
     *                                    trustworthy
     * @throws RuleFailureException       when a rule fails and the rule set fails fast
     */
    public Evaluation evaluate(FactSet facts, LocalDate asOf) {
        return evaluate(facts, asOf, null);
    }

    /**
     * Evaluates a snapshot as {@link #evaluate(FactSet, LocalDate)} does, but {@link RuleCoverage#matches()} and
     * {@link RuleCoverage#fired()} count only the matches whose objects {@code counted} accepts; the findings and
     * everything else of the evaluation are the same.
     *
     * <p>For a caller that evaluates a part of the facts among others and sums the parts' coverage: each part counts
     * the matches it answers for (e.g. those about a subject it owns), so that every match of the whole is counted
     * once. The predicate gets a match's objects in the order of the rule's patterns ({@code Match.getObjects()}:
     * calendar facts, the engine's derived facts, the results of accumulates as they come); it runs on the
     * evaluation's worker thread, twice per match (when created, when fired), and must not change them.
     *
     * @param counted the matches to count, by their objects; null counts every match (the method above)
     */
    public Evaluation evaluate(FactSet facts, LocalDate asOf, java.util.function.Predicate<? super List<Object>> counted) {
        Objects.requireNonNull(facts, "facts");
        AtomicReference<RuleSession> running = new AtomicReference<>();
        try (Watchdog worker = new Watchdog("lifeline-evaluation")) {
            return worker.call(() -> evaluateNow(facts, asOf, running, counted), limits.evaluationTimeout(),
                    () -> stop(running.get(), limits.evaluationTimeout()));
        } catch (EvaluationStoppedException e) {
            LOG.error("evaluation as of {} stopped: {}", asOf, e.getMessage());
            throw e;
        }
    }

    /** Halts a session whose budget ran out and says why. */
    static EvaluationStoppedException stop(RuleSession s, Duration budget) {
        if (s == null) {
            return EvaluationStoppedException.timeout(budget, null, List.of(), null);
        }
        EvaluationStoppedException e = s.timedOut(budget);
        s.halt();
        return e;
    }

    private Evaluation evaluateNow(FactSet facts, LocalDate asOf, AtomicReference<RuleSession> running,
                                   java.util.function.Predicate<? super List<Object>> counted) {
        RuleSet current = rules;
        List<RuleFailure> conditionFailures = new ArrayList<>();
        while (true) {
            Fact[] inserting = new Fact[1];
            try (RuleSession session = new RuleSession(current, asOf, limits)) {
                session.useWaivers(waivers);
                session.countOnly(counted);
                running.set(session);
                long t0 = System.nanoTime();
                session.adopt(facts, inserting);
                long t1 = System.nanoTime();
                session.fire();
                long t2 = System.nanoTime();
                List<Violation> violations = session.violations();
                long t3 = System.nanoTime();
                Evaluation e = session.evaluation(violations);
                LOG.debug("evaluation as of {}: facts put in {} ms, derived facts and rules fired in {} ms, "
                        + "{} violations decorated and sorted in {} ms, spot-check plan and coverage in {} ms", asOf,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, e.violations().size(), (t3 - t2) / 1_000_000,
                        (System.nanoTime() - t3) / 1_000_000);
                if (!conditionFailures.isEmpty()) {
                    List<RuleFailure> all = new ArrayList<>(conditionFailures);
                    all.addAll(e.failures());
                    e = new Evaluation(e.asOf(), e.rulesVersion(), e.violations(), e.spotCheckPlan(), all, e.shares(),
                            RuleCoverage.withTakenOut(e.coverage(), conditionFailures), e.waivers());
                }
                if (!e.failures().isEmpty()) {
                    LOG.warn("{} rule failure(s) as of {}; first: {}", e.failures().size(), asOf, e.failures().get(0));
                }
                return e;
            } catch (EvaluationStoppedException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                RuleSet failed = current;
                RuleFailure failure = ruleFailure(ex, failed, () -> {
                    Fact f = inserting[0];
                    return f != null ? f : culprit(failed.only(RuleSet.failingRule(ex)), facts.stream().toList(), asOf, limits);
                });
                if (failure == null || rules.failFast() || conditionFailures.size() >= rules.allMeta().size()) {
                    throw ex instanceof RuleSession.Crash c ? new RuleFailureException(c.failure) : ex;
                }
                conditionFailures.add(failure.asTakenOut());
                current = current.without(failure.ruleId());
            }
        }
    }

    /**
     * The failure of the rule an exception out of a session names (its conditions threw, or its consequence
     * crashed), with the fact it failed on by kind and id; null when the exception names no rule.
     */
    static RuleFailure ruleFailure(RuntimeException ex, RuleSet rules, java.util.function.Supplier<Fact> culprit) {
        if (ex instanceof RuleSession.Crash c) {
            return c.failure;
        }
        String ruleId = RuleSet.failingRule(ex);
        if (ruleId == null || rules.failFast()) {
            return null;
        }
        Fact f = culprit.get();
        List<Fact> facts = f == null ? List.of() : List.of(f);
        return new RuleFailure(ruleId, FactText.describeAll(facts), FactText.scrub(rootCause(ex), facts));
    }

    /**
     * The fact a rule's conditions fail on, found by halving the facts while the rule alone still fails on one
     * half (a few sessions over ever smaller halves); null when it fails only on a combination.
     */
    static Fact culprit(RuleSet onlyRule, List<Fact> facts, LocalDate asOf, Limits limits) {
        List<Fact> cur = facts;
        while (cur.size() > 1) {
            List<Fact> a = cur.subList(0, cur.size() / 2);
            List<Fact> b = cur.subList(cur.size() / 2, cur.size());
            if (fails(onlyRule, a, asOf, limits)) {
                cur = a;
            } else if (fails(onlyRule, b, asOf, limits)) {
                cur = b;
            } else {
                return null;
            }
        }
        return cur.size() == 1 && fails(onlyRule, cur, asOf, limits) ? cur.get(0) : null;
    }

    private static boolean fails(RuleSet rules, List<Fact> facts, LocalDate asOf, Limits limits) {
        try (RuleSession s = new RuleSession(rules, asOf, limits)) {
            s.insertAll(facts);
            s.fire();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return t == e ? first : first + " (" + t + ")";
    }

    /**
     * Starts a live monitor at a date; the listener hears every violation raised, changed and resolved from now on.
     *
     * @throws NullPointerException when the date or the listener is null (at the call, not at the first callback)
     */
    public Monitor monitor(LocalDate asOf, ViolationListener listener) {
        Objects.requireNonNull(asOf, "asOf: Lifeline.monitor needs the date to start at");
        Objects.requireNonNull(listener, "listener: Lifeline.monitor needs a ViolationListener "
                + "(one whose methods do nothing, if the host only reads Monitor.violations())");
        return new Monitor(rules, limits, asOf, listener, waivers);
    }

    /** The waivers this rule set applies ({@link Waivers#NONE} for none). */
    public Waivers waivers() {
        return waivers;
    }

    /**
     * The same compiled rules with other waivers (nothing is compiled again): for a host that reads its waivers
     * itself, and for a monitor to {@link Monitor#reload} when only the waivers changed.
     *
     * @throws RuleCompilationException listing every problem of the waivers (file and line)
     */
    public Lifeline withWaivers(Waivers other) {
        Objects.requireNonNull(other, "waivers");
        List<RuleError> errors = checked(other, rules);
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
        return new Lifeline(rules, limits, other);
    }

    /**
     * The same rules with these taken out, as an evaluation takes out a rule whose conditions fail
     * ({@link RuleFailure#takenOut()}); the version and the waivers stay this rule set's. For a host that evaluates
     * parts of its facts apart (a distributed job): a rule one part took out is taken out of every part, as one
     * evaluation of all the facts would have.
     */
    public Lifeline without(java.util.Collection<String> ruleIds) {
        RuleSet reduced = rules;
        for (String id : new java.util.TreeSet<>(ruleIds)) {
            reduced = reduced.without(id);
        }
        return new Lifeline(reduced, limits, waivers);
    }

    /**
     * The problems of this rule set's waivers that need the facts: a subject that is no organisation, member or
     * enterprise, an approver or requester that is no organisation, an approver that does not sit above the
     * subject. At evaluation a waiver whose approver is not above its subject applies to nothing and is reported
     * ({@link org.lifeline.waiver.WaiverStatus.State#INVALID}).
     */
    public List<RuleError> checkWaivers(FactSet facts) {
        java.util.Map<String, Fact> orgs = facts.byId(org.lifeline.fact.FactKind.ORGANIZATIONS);
        java.util.Map<String, Fact> members = facts.byId(org.lifeline.fact.FactKind.MEMBERS);
        java.util.Map<String, Fact> enterprises = facts.byId(org.lifeline.fact.FactKind.ENTERPRISES);
        String root = orgs.values().stream().map(o -> (org.lifeline.fact.Organization) o)
                .filter(o -> o.parentId() == null).map(org.lifeline.fact.Organization::id).findFirst().orElse(null);
        List<RuleError> out = new ArrayList<>();
        for (Waiver w : waivers.list()) {
            String subjectOrg = null;
            if (orgs.containsKey(w.subjectId())) {
                subjectOrg = w.subjectId();
            } else if (members.get(w.subjectId()) instanceof org.lifeline.fact.Member m) {
                subjectOrg = m.orgId();
            } else if (enterprises.get(w.subjectId()) instanceof org.lifeline.fact.Enterprise en) {
                subjectOrg = en.leagueOrgId() != null ? en.leagueOrgId() : root;
            }
            if (subjectOrg == null) {
                out.add(waiverError(new Waivers.Problem(waivers.file(), w.line(), "豁免 " + w.id()
                        + "：豁免对象不存在 / waiver " + w.id() + ": field 'subjectId': no organisation, member or enterprise "
                        + w.subjectId() + " among the facts")));
                continue;
            }
            if (!orgs.containsKey(w.requestedBy())) {
                out.add(waiverError(new Waivers.Problem(waivers.file(), w.line(), "豁免 " + w.id()
                        + "：申请单位不存在 / waiver " + w.id() + ": field 'requestedBy': no organisation " + w.requestedBy())));
            }
            String problem = Waivers.approverProblem(w, subjectOrg, id -> orgs.get(id) instanceof org.lifeline.fact.Organization o
                    ? o.parentId() : null, orgs::containsKey);
            if (problem != null) {
                out.add(waiverError(new Waivers.Problem(waivers.file(), w.line(), problem)));
            }
        }
        return out;
    }

    /** Every problem of waivers read for a rule set: as read, then against its rules and calendar. */
    static List<RuleError> checked(Waivers w, RuleSet rules) {
        List<RuleError> errors = new ArrayList<>();
        w.problems().forEach(p -> errors.add(waiverError(p)));
        java.util.Set<Integer> tasks = new java.util.HashSet<>();
        rules.allMeta().values().forEach(m -> tasks.add(m.task()));
        Object max = rules.calendar().settings().get("waiverMaxDays");
        int maxDays = max instanceof Double d ? d.intValue() : Waivers.DEFAULT_MAX_DAYS;
        w.check(rules.allMeta().keySet(), tasks, maxDays).forEach(p -> errors.add(waiverError(p)));
        return errors;
    }

    private static RuleError waiverError(Waivers.Problem p) {
        return new RuleError(p.file(), p.line(), 0, p.message());
    }

    /** The rules version and the waivers' digest: tells a changed rules directory from the same one. */
    String fingerprint() {
        return rules.version() + "/" + waivers.digest();
    }

    RuleSet ruleSet() {
        return rules;
    }

    Limits limits() {
        return limits;
    }

    /** A short digest of the rule files and calendar: which rules produced a result. */
    public String rulesVersion() {
        return rules.version();
    }

    public CampaignCalendar calendar() {
        return rules.calendar();
    }

    /** The ids of the rules that report violations, sorted (rules that only measure are left out). */
    public List<String> ruleIds() {
        return rules.allMeta().values().stream().filter(m -> !m.measures()).map(RuleMeta::ruleId).sorted().toList();
    }

    /** Chooses the rules and the liaison table. */
    public static final class Builder {
        private Path rulesDirectory;
        private LiaisonTable liaisonTable;
        private ClassLoader classLoader = Lifeline.class.getClassLoader();
        private boolean trusted;
        private boolean failFast;
        private java.util.Set<String> onlyRules;
        private Duration evaluationTimeout = Limits.DEFAULT.evaluationTimeout();
        private Duration changeTimeout = Limits.DEFAULT.changeTimeout();
        private int firingsPerFact = Limits.DEFAULT.firingsPerFact();
        private Path waiversFile;

        private Builder() {
        }

        /** Rule files, calendar and (optional) liaison table from this directory instead of the bundled ones. */
        public Builder rulesDirectory(Path dir) {
            this.rulesDirectory = dir;
            return this;
        }

        /** Replaces the liaison table of the rule set (attachment 2 of the notice). */
        public Builder liaisonTable(LiaisonTable table) {
            this.liaisonTable = table;
            return this;
        }

        /** Where the bundled rules are looked up; the library's own class loader by default. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Trusts the rule files: lifts the guard that parses every rule file and refuses whatever lies outside the
         * allow-list ({@code rule-allowlist.yaml}: Lifeline's facts and derived facts, the finding builder, strings,
         * numbers, {@code java.time} values, read-only collections; no functions, globals, loops, reflection, I/O,
         * threads or processes). Only for rule files the host itself controls: trusted rules may run any Java.
         */
        public Builder trustRules(boolean trust) {
            this.trusted = trust;
            return this;
        }

        /**
         * Fail fast: a rule whose consequence throws stops the evaluation with {@link RuleFailureException}.
         * By default the failure is reported in {@link Evaluation#failures()} and the other findings stand.
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * Keeps only these rules of the set (for profiling, or a host that watches part of the campaign); a rule
         * they read from (a measuring rule) must be named too.
         */
        public Builder onlyRules(java.util.Collection<String> ruleIds) {
            this.onlyRules = java.util.Set.copyOf(ruleIds);
            return this;
        }

        /**
         * The wall-clock budget of a whole evaluation: a snapshot, and a monitor's reload, date move or bulk load
         * (an {@code insertAll} of more than 10,000 facts). Past it the rules are halted, the worker thread running
         * them is abandoned and {@link EvaluationStoppedException} is thrown. Default 10 minutes (a province of
         * 5.2 million members takes about 45 s).
         */
        public Builder evaluationTimeout(Duration budget) {
            this.evaluationTimeout = budget;
            return this;
        }

        /**
         * The wall-clock budget of one live change of a {@link Monitor} (insert, update, delete). Default 30 s
         * (a change takes milliseconds).
         */
        public Builder changeTimeout(Duration budget) {
            this.changeTimeout = budget;
            return this;
        }

        /**
         * The firing limit: one round of firing may take at most {@code perFact} × the facts in the session
         * (given and derived) + 10,000 firings; past it the rules loop and {@link EvaluationStoppedException}
         * names the rules that fired most. Default 20 (the bundled rules fire less than once per fact).
         */
        public Builder firingLimitPerFact(int perFact) {
            this.firingsPerFact = perFact;
            return this;
        }

        /**
         * The office's waivers ({@link Waivers}): accepted exceptions, each with a reason, an approver and an expiry.
         * Without this, a {@code waivers.yaml} in the rules directory is used (the bundled rules have none).
         */
        public Builder waivers(Path file) {
            this.waiversFile = file;
            return this;
        }

        /** @throws RuleCompilationException listing every error with file and line (waivers included) */
        public Lifeline build() {
            Lifeline built = compile();
            Path file = waiversFile;
            if (file == null && rulesDirectory != null && java.nio.file.Files.isRegularFile(rulesDirectory.resolve(Waivers.FILE))) {
                file = rulesDirectory.resolve(Waivers.FILE);
            }
            return file == null ? built : built.withWaivers(Waivers.read(file));
        }

        private Lifeline compile() {
            Limits limits = new Limits(evaluationTimeout, changeTimeout, firingsPerFact);
            java.util.function.Predicate<String> keep = onlyRules == null ? null : onlyRules::contains;
            if (rulesDirectory == null) { // compiled at build time (the executable model), else compiled now
                return new Lifeline(RuleSet.bundled(classLoader, liaisonTable, keep, trusted, failFast), limits, Waivers.NONE);
            }
            RuleSources sources = RuleSources.fromDirectory(rulesDirectory);
            if (keep != null) {
                sources = sources.keeping(keep);
            }
            try {
                return new Lifeline(RuleSet.compile(sources, liaisonTable, trusted, failFast), limits, Waivers.NONE);
            } catch (StackOverflowError e) { // a rule file nested too deep for a checker or the compiler
                throw new RuleCompilationException(List.of(new RuleError(sources.origin(), 0, 0,
                        "StackOverflowError: a rule file nests too deep to be checked and compiled (a very long expression or name)")));
            }
        }
    }
}
