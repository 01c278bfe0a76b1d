package org.lifeline.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/** Small rule directories and a small province for the starter's tests (the real rules live in rules-definitions). */
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

    /** Line 14 is the condition {@link #broken} breaks. */
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

    /** A rule whose consequence throws on any branch whose name is not a number. */
    static final String NUMBERED_BRANCH = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;

            rule "T04.NUMBERED_BRANCH"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                Organization( type == OrgType.BRANCH, $id : id, $name : name )
            then
                insertLogical( Finding.of(drools, $id).detail( Integer.parseInt($name) ) );
            end
            """;

    /** A rule that fires for ever on organisation B9 (needs trusted rules and stops at the firing limit). */
    static final String UPDATE_LOOP = """
            package rules;
            import org.lifeline.fact.*;

            rule "T04.UPDATE_LOOP"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                $o : Organization( id == "B9" )
            then
                update($o);
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

    /** The calendar and the hollow-branch rule. */
    static Path valid(Path dir) {
        return write(dir, Map.of("calendar.yaml", CALENDAR, "t04.drl", HOLLOW_BRANCH));
    }

    /** The hollow-branch rule with an empty comparison on line 14. */
    static void broken(Path dir) {
        write(dir, Map.of("t04.drl", HOLLOW_BRANCH.replace("not Member( orgId == $id )", "not Member( orgId == )")));
    }

    static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id + "支部", parent, type, Sector.REGIONAL);
    }

    /** The province committee, branch B1 with a member, and B2, hollow. */
    static List<Fact> province() {
        return List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("B1", "GD", OrgType.BRANCH),
                org("B2", "GD", OrgType.BRANCH), Member.of("M1", "B1"));
    }

    static FactSet provinceFacts() {
        return FactSet.of(province());
    }
}
