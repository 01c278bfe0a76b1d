package org.lifeline.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lifeline.engine.Severity;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The campaign calendar: every deadline, percentage milestone and policy setting the rules read, from one
 * human-editable YAML file ({@code calendar.yaml} beside the rule files). A different year is a different file.
 *
 * <p>This class is the one place that knows the deadline semantics of CONTRACT §3: for a deadline D, an
 * evaluation date after D makes unmet work a VIOLATION; a date within the {@code warningDays} days up to and
 * including D makes it a WARNING; before that the milestone is not in force at all.
 */
public final class CampaignCalendar {

    /**
     * One dated step of a calendar key.
     *
     * @param monthly true when the duty recurs: due again on the last day of every month after this one (the
     *                online dues of task 13, contract v2); only the last step of a key may recur
     */
    public record Step(LocalDate deadline, Double required, boolean monthly) {

        public Step(LocalDate deadline, Double required) {
            this(deadline, required, false);
        }
    }

    private final String name;
    private final int warningDays;
    private final LocalDate campaignStart;
    private final Map<String, List<Step>> milestones;
    private final Map<String, Object> settings;

    public CampaignCalendar(String name, int warningDays, Map<String, List<Step>> milestones,
                            Map<String, ?> settings) {
        this(name, warningDays, null, milestones, settings);
    }

    /**
     * @param campaignStart the day the campaign starts (the notice's date): no WARNING is given before it; null
     *                      for no such limit
     */
    public CampaignCalendar(String name, int warningDays, LocalDate campaignStart, Map<String, List<Step>> milestones,
                            Map<String, ?> settings) {
        if (warningDays < 1) {
            throw new IllegalArgumentException("warningDays must be at least 1, was " + warningDays);
        }
        this.name = name;
        this.warningDays = warningDays;
        this.campaignStart = campaignStart;
        Map<String, List<Step>> copy = new TreeMap<>();
        milestones.forEach((k, v) -> {
            List<Step> steps = new ArrayList<>(v);
            steps.sort(Comparator.comparing(Step::deadline));
            copy.put(k, List.copyOf(steps));
        });
        this.milestones = Collections.unmodifiableMap(copy);
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public String name() {
        return name;
    }

    public int warningDays() {
        return warningDays;
    }

    /** The campaign's first day, before which nothing is warned of; null when the calendar sets none. */
    public LocalDate campaignStart() {
        return campaignStart;
    }

    public Set<String> milestoneKeys() {
        return milestones.keySet();
    }

    public List<Step> steps(String key) {
        return milestones.getOrDefault(key, List.of());
    }

    public Map<String, Object> settings() {
        return settings;
    }

    /** Calls per liaison group in the spot-check plan: the setting {@code spotCheckPerGroup}, 20 when unset. */
    public int spotCheckPerGroup() {
        return settings.get("spotCheckPerGroup") instanceof Double d ? d.intValue() : 20;
    }

    /** The settings as rule facts. */
    public List<Setting> settingFacts() {
        List<Setting> out = new ArrayList<>();
        settings.forEach((k, v) -> out.add(v instanceof LocalDate d ? new Setting(k, null, d) : new Setting(k, (Double) v)));
        return out;
    }

    /**
     * The milestones in force on {@code asOf}: per key, the latest passed one as VIOLATION and every one
     * whose warning window holds {@code asOf} as WARNING (none before the campaign's start). A monthly step counts
     * as one step per month, due on each month's last day from its own deadline on.
     */
    public List<Milestone> inForce(LocalDate asOf) {
        List<Milestone> out = new ArrayList<>();
        boolean started = campaignStart == null || !asOf.isBefore(campaignStart);
        milestones.forEach((key, steps) -> {
            Step lastPassed = null;
            LocalDate lastPassedDeadline = null;
            for (Step s : steps) {
                for (LocalDate deadline : deadlines(s, asOf)) {
                    if (asOf.isAfter(deadline)) {
                        lastPassed = s;
                        lastPassedDeadline = deadline;
                    } else if (started && !asOf.isBefore(deadline.minusDays(warningDays - 1L))) {
                        out.add(new Milestone(key, deadline, s.required(), Severity.WARNING));
                    }
                }
            }
            if (lastPassed != null) {
                out.add(new Milestone(key, lastPassedDeadline, lastPassed.required(), Severity.VIOLATION));
            }
        });
        return out;
    }

    /** The deadlines of a step up to the first one not passed on {@code asOf}: one, or one a month for a monthly step. */
    private static List<LocalDate> deadlines(Step s, LocalDate asOf) {
        if (!s.monthly()) {
            return List.of(s.deadline());
        }
        List<LocalDate> out = new ArrayList<>();
        java.time.YearMonth month = java.time.YearMonth.from(s.deadline());
        LocalDate d = s.deadline();
        while (true) {
            out.add(d);
            if (!asOf.isAfter(d)) {
                return out;
            }
            month = month.plusMonths(1);
            d = month.atEndOfMonth();
        }
    }

    // ---------------------------------------------------------------- loading

    /** The largest calendar read, in bytes (YAML's own limit is 3 M characters). */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Reads a calendar; {@code source} names the file in error messages. */
    public static CampaignCalendar read(InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CalendarException(source + ": the calendar is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            return parse(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read calendar: " + e.getMessage(), e);
        }
    }

    /** Parses calendar YAML text; {@code source} names the file in error messages. */
    public static CampaignCalendar parse(String yamlText, String source) {
        Object root;
        try (Reader r = new StringReader(yamlText)) {
            root = textYaml().load(r);
        } catch (MarkedYAMLException e) {
            throw new CalendarException(source + ":" + (e.getProblemMark().getLine() + 1) + ": "
                    + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) { // too many aliases, too long
            throw new CalendarException(source + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(root instanceof Map<?, ?> doc)) {
            throw new CalendarException(source + ": the calendar must be a YAML mapping");
        }
        String name = doc.get("campaign") == null ? source : String.valueOf(doc.get("campaign"));
        int warningDays = require(doc, "warningDays", source, Number.class).intValue();
        LocalDate campaignStart = doc.get("campaignStart") == null ? null
                : date(doc.get("campaignStart"), source, "campaignStart");
        Map<String, List<Step>> milestones = new LinkedHashMap<>();
        Map<?, ?> ms = require(doc, "milestones", source, Map.class);
        for (Map.Entry<?, ?> e : ms.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                throw new CalendarException(source + ": milestones." + key + ": expected a list of {deadline, required?}");
            }
            List<Step> steps = new ArrayList<>();
            LocalDate previous = null;
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new CalendarException(source + ": milestones." + key + ": expected {deadline, required?}, got " + o);
                }
                LocalDate deadline = date(m.get("deadline"), source, "milestones." + key + ".deadline");
                Double required = null;
                if (m.get("required") != null) {
                    if (!(m.get("required") instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                        throw new CalendarException(source + ": milestones." + key + ".required: expected a share between 0 and 1, got " + m.get("required"));
                    }
                    required = n.doubleValue();
                }
                if (previous != null && !deadline.isAfter(previous)) {
                    throw new CalendarException(source + ": milestones." + key + ": deadlines must be in increasing order (" + deadline + " after " + previous + ")");
                }
                if (!steps.isEmpty() && steps.get(steps.size() - 1).monthly()) {
                    throw new CalendarException(source + ": milestones." + key + ": a monthly step (every: month) must be the key's last");
                }
                boolean monthly = false;
                if (m.get("every") != null) {
                    if (!"month".equals(String.valueOf(m.get("every")))) {
                        throw new CalendarException(source + ": milestones." + key + ".every: expected 'month', got " + m.get("every"));
                    }
                    if (!deadline.equals(deadline.withDayOfMonth(deadline.lengthOfMonth()))) {
                        throw new CalendarException(source + ": milestones." + key + ".deadline: a monthly step is due on a month's last day, not " + deadline);
                    }
                    monthly = true;
                }
                for (Object field : m.keySet()) {
                    if (!Set.of("deadline", "required", "every").contains(String.valueOf(field))) {
                        throw new CalendarException(source + ": milestones." + key + ": unknown field '" + field + "' (deadline, required, every)");
                    }
                }
                previous = deadline;
                steps.add(new Step(deadline, required, monthly));
            }
            milestones.put(key, steps);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Object st = doc.get("settings");
        if (st instanceof Map<?, ?> sm) {
            for (Map.Entry<?, ?> e : sm.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    settings.put(String.valueOf(e.getKey()), n.doubleValue());
                } else {
                    settings.put(String.valueOf(e.getKey()), date(e.getValue(), source, "settings." + e.getKey()
                            + " (a number or a date)"));
                }
            }
        } else if (st != null) {
            throw new CalendarException(source + ": settings: expected a mapping of name: number or date");
        }
        return new CampaignCalendar(name, warningDays, campaignStart, milestones, settings);
    }

    /** YAML that keeps dates as text, so that a date like 2018-06-31 is refused instead of rolled over. */
    static Yaml textYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // a milestone given twice is refused, not overwritten
        options.setMaxAliasesForCollections(10); // aliases of aliases cannot expand past a few dozen values
        DumperOptions dump = new DumperOptions();
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options, resolver);
    }

    private static <T> T require(Map<?, ?> doc, String key, String source, Class<T> type) {
        Object v = doc.get(key);
        if (!type.isInstance(v)) {
            throw new CalendarException(source + ": '" + key + "' is missing or not a " + type.getSimpleName().toLowerCase());
        }
        return type.cast(v);
    }

    private static LocalDate date(Object v, String source, String field) {
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw new CalendarException(source + ": " + field + ": not a date (yyyy-MM-dd): " + v);
        }
    }
}
