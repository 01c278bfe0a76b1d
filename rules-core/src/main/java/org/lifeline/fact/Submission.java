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
        Checks.required(orgId, "Submission", id, "orgId");
        Checks.required(kind, "Submission", id, "kind");
        Checks.required(submittedOn, "Submission", id, "submittedOn");
    }

    /**
     * A builder, each setter named after its field: {@code Submission.builder("S1").orgId("U1").kind(SubmissionKind.GRADUATE_COUNT).submittedOn(LocalDate.of(2018, 6, 21)).value(120.0).build()}.
     * Besides the id, {@code orgId}, {@code kind} and {@code submittedOn} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Submission}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String orgId;
        private SubmissionKind kind;
        private LocalDate submittedOn;
        private Double value;

        private Builder(String id) {
            this.id = id;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder kind(SubmissionKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder submittedOn(LocalDate submittedOn) {
            this.submittedOn = submittedOn;
            return this;
        }

        public Builder value(@Nullable Double value) {
            this.value = value;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Submission build() {
            return new Submission(id, orgId, kind, submittedOn, value);
        }
    }
}
