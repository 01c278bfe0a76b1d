package org.lifeline.history;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded check: its as-of date (a history holds one snapshot per date; recording the same date again
 * replaces it), when it was taken, the version of the rules that judged it, a hash of the input facts, and how
 * many violations it held.
 *
 * @param inputHash an order-independent digest of the facts (same facts, same hash), to tell a re-run from new data
 */
public record Snapshot(LocalDate asOf, Instant takenAt, String rulesVersion, String inputHash, int violations) {
}
