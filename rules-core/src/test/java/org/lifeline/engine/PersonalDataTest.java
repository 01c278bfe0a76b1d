package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.slf4j.LoggerFactory;

/** A rule failing on a member names it by kind and id: its person key and member number reach no failure and no log. */
class PersonalDataTest {

    private static final String PERSON_KEY = "pk7f3a9c1e55d0b";
    private static final String MEMBER_NUMBER = "4401990012345";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    private static final List<Fact> FACTS = List.of(
            Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
            Organization.of("B1", "一支部", "GD", OrgType.BRANCH, Sector.REGIONAL),
            new Member("M123", "B1", null, MEMBER_NUMBER, null, null, null, null, PERSON_KEY, null));

    private static final String THROWING_CONSEQUENCE = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;

            rule "T04.KEYED_MEMBER"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                $m : Member( personKey != null )
            then
                // throws: NumberFormatException: For input string: "<the person key>"
                insertLogical( Finding.of(drools, $m.orgId()).detail( Long.parseLong($m.personKey()) ) );
            end
            """;

    private static final String THROWING_CONDITION = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;

            rule "T04.NUMBERED_MEMBER"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                $m : Member( Integer.parseInt(memberNumber + personKey) > 0 )
            then
                insertLogical( Finding.of(drools, $m.orgId()) );
            end
            """;

    private List<String> logged() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : log.list) {
            out.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.add(t.getMessage());
            }
        }
        return out;
    }

    private void assertNoPersonalData(List<RuleFailure> failures) {
        assertThat(failures).isNotEmpty();
        for (RuleFailure f : failures) {
            assertThat(f.toString()).doesNotContain(PERSON_KEY).doesNotContain(MEMBER_NUMBER);
        }
        assertThat(logged()).isNotEmpty().allSatisfy(line -> assertThat(String.valueOf(line))
                .doesNotContain(PERSON_KEY).doesNotContain(MEMBER_NUMBER).doesNotContain("personKey=").doesNotContain("Member["));
    }

    @Test
    void aThrowingConsequenceNamesTheMemberByIdOnly() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH, "keyed.drl", THROWING_CONSEQUENCE));
        Lifeline lifeline = Lifeline.fromDirectory(dir);
        Evaluation e = lifeline.evaluate(FactSet.of(FACTS), LocalDate.of(2018, 7, 1));
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.KEYED_MEMBER");
            assertThat(f.facts()).containsExactly("Member M123");
            assertThat(f.error()).contains("NumberFormatException").contains("<Member.personKey>");
        });
        assertNoPersonalData(e.failures());
        try (Monitor m = lifeline.monitor(LocalDate.of(2018, 7, 1), mock(ViolationListener.class))) {
            m.insertAll(FACTS);
            assertNoPersonalData(m.failures());
        }
        Lifeline strict = Lifeline.builder().rulesDirectory(dir).failFast(true).build();
        assertThatThrownBy(() -> strict.evaluate(FactSet.of(FACTS), LocalDate.of(2018, 7, 1)))
                .isInstanceOf(RuleFailureException.class)
                .satisfies(x -> assertThat(x.getMessage()).contains("Member M123").doesNotContain(PERSON_KEY).doesNotContain(MEMBER_NUMBER));
    }

    @Test
    void aThrowingConditionNamesTheMemberByIdOnly() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH, "numbered.drl", THROWING_CONDITION));
        Lifeline lifeline = Lifeline.fromDirectory(dir);
        Evaluation e = lifeline.evaluate(FactSet.of(FACTS), LocalDate.of(2018, 7, 1));
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.NUMBERED_MEMBER");
            assertThat(f.facts()).containsExactly("Member M123");
        });
        assertNoPersonalData(e.failures());
        try (Monitor m = lifeline.monitor(LocalDate.of(2018, 7, 1), mock(ViolationListener.class))) {
            m.insertAll(FACTS);
            assertNoPersonalData(m.failures());
        }
    }

    @Test
    void derivedAndCalendarFactsAreNamedByTheirKeys() {
        assertThat(FactText.describe(new SharedKey(SharedKeyKind.values()[0], PERSON_KEY, List.of("M1", "M2"), List.of())))
                .doesNotContain(PERSON_KEY).contains("M1");
        assertThat(FactText.describe(FACTS.get(2))).isEqualTo("Member M123");
        assertThat(FactText.describe(new Object())).isEqualTo("Object");
        assertThat(FactText.scrub("bad value " + MEMBER_NUMBER, List.of(FACTS.get(2)))).isEqualTo("bad value <Member.memberNumber>");
    }
}
