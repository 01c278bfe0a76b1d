package org.lifeline.engine;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;

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

    private Lifeline(RuleSet rules) {
        this.rules = rules;
    }

    /**
     * The bundled rule set: the {@code lifeline/} folder on the classpath, which the rules-definitions
     * artifact ships.
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

    /** Evaluates a snapshot of facts as of a date. */
    public Evaluation evaluate(FactSet facts, LocalDate asOf) {
        Objects.requireNonNull(facts, "facts");
        RuleSet current = rules;
        List<RuleFailure> conditionFailures = new ArrayList<>();
        while (true) {
            Fact[] inserting = new Fact[1];
            try (RuleSession session = new RuleSession(current, asOf)) {
                long t0 = System.nanoTime();
                session.adopt(facts, inserting);
                long t1 = System.nanoTime();
                session.fire();
                long t2 = System.nanoTime();
                Evaluation e = session.evaluation(session.violations());
                LOG.debug("evaluation as of {}: facts put in {} ms, derived facts and rules fired in {} ms, "
                        + "{} violations decorated in {} ms", asOf, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        e.violations().size(), (System.nanoTime() - t2) / 1_000_000);
                if (!conditionFailures.isEmpty()) {
                    List<RuleFailure> all = new ArrayList<>(conditionFailures);
                    all.addAll(e.failures());
                    e = new Evaluation(e.asOf(), e.rulesVersion(), e.violations(), e.spotCheckPlan(), all, e.shares());
                }
                if (!e.failures().isEmpty()) {
                    LOG.warn("{} rule failure(s) as of {}; first: {}", e.failures().size(), asOf, e.failures().get(0));
                }
                return e;
            } catch (RuntimeException ex) {
                String ruleId = RuleSet.failingRule(ex);
                if (ruleId == null || rules.failFast() || conditionFailures.size() >= rules.allMeta().size()) {
                    throw ex;
                }
                Fact culprit = inserting[0] != null ? inserting[0] : culprit(current.only(ruleId), facts.stream().toList(), asOf);
                conditionFailures.add(new RuleFailure(ruleId, culprit == null ? List.of() : List.of(String.valueOf(culprit)),
                        rootCause(ex)));
                current = current.without(ruleId);
            }
        }
    }

    /**
     * The fact a rule's conditions fail on, found by halving the facts while the rule alone still fails on one
     * half (a few sessions over ever smaller halves); null when it fails only on a combination.
     */
    static Fact culprit(RuleSet onlyRule, List<Fact> facts, LocalDate asOf) {
        List<Fact> cur = facts;
        while (cur.size() > 1) {
            List<Fact> a = cur.subList(0, cur.size() / 2);
            List<Fact> b = cur.subList(cur.size() / 2, cur.size());
            if (fails(onlyRule, a, asOf)) {
                cur = a;
            } else if (fails(onlyRule, b, asOf)) {
                cur = b;
            } else {
                return null;
            }
        }
        return cur.size() == 1 && fails(onlyRule, cur, asOf) ? cur.get(0) : null;
    }

    private static boolean fails(RuleSet rules, List<Fact> facts, LocalDate asOf) {
        try (RuleSession s = new RuleSession(rules, asOf)) {
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

    /** Starts a live monitor at a date; the listener hears every violation raised and resolved from now on. */
    public Monitor monitor(LocalDate asOf, ViolationListener listener) {
        return new Monitor(new RuleSession(rules, asOf), listener);
    }

    RuleSet ruleSet() {
        return rules;
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
         * Trusts the rule files: lifts the guard that refuses imports and names outside Lifeline's facts,
         * {@code java.time} and {@code java.util} (I/O, network, reflection, threads, processes, the JVM).
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

        /** @throws RuleCompilationException listing every error with file and line */
        public Lifeline build() {
            RuleSources sources = rulesDirectory != null ? RuleSources.fromDirectory(rulesDirectory)
                    : RuleSources.bundled(classLoader);
            if (onlyRules != null) {
                sources = sources.keeping(onlyRules::contains);
            }
            return new Lifeline(RuleSet.compile(sources, liaisonTable, trusted, failFast));
        }
    }
}
