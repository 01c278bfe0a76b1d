package org.lifeline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small rule directories for the core's tests (the real rules live in rules-definitions). */
final class TestRules {

    static final String CALENDAR = """
            campaign: test
            warningDays: 7
            milestones:
              T04:
                - {deadline: 2018-06-30}
            settings:
              minBranchMembers: 3
            """;

    static final String HOLLOW_BRANCH = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.calendar.Milestone;
            import org.lifeline.engine.Finding;

            rule "T04.HOLLOW_BRANCH"
                @taskId("4") @severity("VIOLATION")
                @description("空心团支部")
                @message("{subject}为空心团支部，须于{deadline}前解决")
                @messageEn("{subject} is hollow (due {deadline})")
            when
                $m : Milestone( key == "T04" )
                Organization( type == OrgType.BRANCH, purpose == null, $id : id )
                not Member( orgId == $id )
            then
                insertLogical( Finding.of(drools, $id).at($m) );
            end
            """;

    private TestRules() {
    }

    static Path write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path valid(Path dir) {
        return write(dir, Map.of("calendar.yaml", CALENDAR, "t04.drl", HOLLOW_BRANCH));
    }
}
