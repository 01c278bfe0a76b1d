package org.lifeline.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one evaluation may spend: wall-clock time for a whole evaluation (a snapshot, a reload, a date move or a
 * bulk load of a monitor) and for one live change, and a number of rule firings proportional to the facts.
 *
 * @param firingsPerFact the firing limit of one {@code fireAllRules} is {@code firingsPerFact × facts in the session
 *                       + } {@link #FIRINGS_BASE}
 */
record Limits(Duration evaluationTimeout, Duration changeTimeout, int firingsPerFact) {

    /** Firings allowed on top of the proportional part, so that tiny sessions are not cut short. */
    static final int FIRINGS_BASE = 10_000;
    /** More facts than this in one {@code insertAll} make it a bulk load, with the evaluation budget. */
    static final int BULK = 10_000;

    /**
     * A province of 5.2 million members evaluates in about 45 s on two cores: ten minutes leave a wide margin. A
     * live change takes milliseconds; thirty seconds allow for a large organisation moving within the tree. The
     * bundled rules fire less than once per fact (they only insert findings and measures logically): twenty
     * firings per fact is far above any sound rule set and still stops a rule that re-fires itself at once.
     */
    static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), Duration.ofSeconds(30), 20);

    Limits {
        Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
        Objects.requireNonNull(changeTimeout, "changeTimeout");
        if (evaluationTimeout.isNegative() || evaluationTimeout.isZero() || changeTimeout.isNegative()
                || changeTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (firingsPerFact < 1) {
            throw new IllegalArgumentException("firingsPerFact must be at least 1");
        }
    }

    /** The most firings one {@code fireAllRules} may take over a session holding this many facts. */
    int maxFirings(long facts) {
        return (int) Math.min(Integer.MAX_VALUE - 1L, firingsPerFact * Math.max(facts, 0) + FIRINGS_BASE);
    }
}
