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
        Checks.required(orgId, "Activity " + id, "orgId");
        Checks.required(heldOn, "Activity " + id, "heldOn");
        Checks.required(kind, "Activity " + id, "kind");
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
}
