package org.lifeline.fact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** 团日活动 (task 8) and the contents it covered. */
public record Activity(
        String id,
        String orgId,
        LocalDate heldOn,
        ActivityKind kind,
        List<ActivityContent> covers) implements Fact {

    public Activity {
        Checks.required(id, "Activity", "id");
        Checks.required(orgId, "Activity", id, "orgId");
        Checks.required(heldOn, "Activity", id, "heldOn");
        Checks.required(kind, "Activity", id, "kind");
        covers = Checks.list(covers);
    }

    /** True when this one activity covers all three contents of task 8. */
    public boolean coversAll() {
        return covers.containsAll(List.of(ActivityContent.values()));
    }

    /**
     * The contents that the most complete of these activities left out, in the notice's words, joined with
     * "、"; all three when there is none. (Partial activities do not add up: task 8 asks for one activity.)
     */
    public static String missingContents(Collection<Activity> activities) {
        Activity best = activities.stream()
                .max(Comparator.comparingInt((Activity a) -> a.covers().size()).thenComparing(Activity::id, Comparator.reverseOrder()))
                .orElse(null);
        List<ActivityContent> missing = new ArrayList<>(List.of(ActivityContent.values()));
        if (best != null) {
            missing.removeAll(best.covers());
        }
        return missing.stream().map(ActivityContent::label).collect(Collectors.joining("、"));
    }

    /**
     * A builder, each setter named after its field: {@code Activity.builder("A1").orgId("B1").heldOn(LocalDate.of(2018, 6, 28)).kind(ActivityKind.GRADUATE_THEME_DAY).covers(ActivityContent.values()).build()}.
     * Besides the id, {@code orgId}, {@code heldOn} and {@code kind} are required ({@link Builder#build()} names one left out); the other fields default to absent, {@code covers} to an empty list.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Activity}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String orgId;
        private LocalDate heldOn;
        private ActivityKind kind;
        private List<ActivityContent> covers = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder heldOn(LocalDate heldOn) {
            this.heldOn = heldOn;
            return this;
        }

        public Builder kind(ActivityKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder covers(ActivityContent... covers) {
            this.covers = List.of(covers);
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Activity build() {
            return new Activity(id, orgId, heldOn, kind, covers);
        }
    }
}
