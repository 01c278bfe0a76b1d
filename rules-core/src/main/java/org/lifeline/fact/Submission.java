package org.lifeline.fact;

import java.time.LocalDate;

/** 报送: something a unit reports to the provincial office; {@code value} where the kind has a number. */
public record Submission(
        String id,
        String orgId,
        SubmissionKind kind,
        LocalDate submittedOn,
        @Nullable Double value) implements Fact {

    public Submission {
        Checks.required(id, "Submission", "id");
        Checks.required(orgId, "Submission " + id, "orgId");
        Checks.required(kind, "Submission " + id, "kind");
        Checks.required(submittedOn, "Submission " + id, "submittedOn");
    }
}
