package org.lifeline.fact;

import java.time.LocalDate;
import java.util.List;

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
}
