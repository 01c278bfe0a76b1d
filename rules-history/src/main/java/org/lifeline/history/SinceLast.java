package org.lifeline.history;

import java.time.LocalDate;
import java.util.List;

/**
 * What changed between two snapshots (usually a check and the one recorded before it): the violations that are
 * new, those resolved, how many persist (same rule and subject in both), and per top unit and task the change in
 * the number of violations.
 *
 * @param previousAsOf the earlier snapshot's date
 * @param asOf         the later snapshot's date
 * @param added        violations in the later snapshot only, in task, rule, subject order
 * @param resolved     violations in the earlier snapshot only, in the same order
 * @param persisting   violations in both
 * @param counts       per top unit ("" for none) and task whose number of violations changed: before and after
 */
public record SinceLast(LocalDate previousAsOf, LocalDate asOf, List<Change> added, List<Change> resolved,
                        int persisting, List<UnitTask> counts) {

    public SinceLast {
        added = List.copyOf(added);
        resolved = List.copyOf(resolved);
        counts = List.copyOf(counts);
    }

    /** A violation that appeared or went away, as recorded (rule and subject are its fingerprint). */
    public record Change(String ruleId, int task, String severity, String subjectType, String subjectId,
                         String topUnitId) {
    }

    /** The number of violations of one top unit and task in the two snapshots. */
    public record UnitTask(String unitId, int task, int before, int after) {

        public int change() {
            return after - before;
        }
    }
}
