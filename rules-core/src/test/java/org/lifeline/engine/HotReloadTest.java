package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/** Edit a deadline, break a file, fix it again, while facts keep changing: no fact lost, nothing reported twice. */
class HotReloadTest {

    @TempDir
    Path dir;

    @Test
    void reloadKeepsFactsAndReportsOnlyTheDifference() throws Exception {
        TestRules.valid(dir);
        LocalDate asOf = LocalDate.of(2018, 7, 1);
        List<String> heard = new ArrayList<>();
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                heard.add("raised " + v.subjectId() + " " + v.severity());
            }

            @Override
            public void resolved(Violation v) {
                heard.add("resolved " + v.subjectId());
            }

            @Override
            public void changed(Violation before, Violation after) {
                heard.add("changed " + after.subjectId() + " " + after.severity());
            }
        };
        List<Fact> facts = new ArrayList<>(List.of(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                Organization.of("B1", "一支部", "GD", OrgType.BRANCH, Sector.REGIONAL),
                Organization.of("B2", "二支部", "GD", OrgType.BRANCH, Sector.REGIONAL), Member.of("M1", "B1")));
        List<List<RuleError>> errors = new ArrayList<>();
        try (Monitor m = Lifeline.fromDirectory(dir).monitor(asOf, listener);
             RulesWatcher watcher = RulesWatcher.polling(dir, m, errors::add)) {
            m.insertAll(facts);
            assertThat(heard).containsExactly("raised B2 VIOLATION");
            assertThat(watcher.checkNow()).isTrue();
            assertThat(heard).as("the same rules again: nothing to report").hasSize(1);

            // policy staff move the deadline to 07-05: the violation becomes a warning, not resolved-and-raised
            Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
            assertThat(watcher.checkNow()).isTrue();
            assertThat(heard).containsExactly("raised B2 VIOLATION", "changed B2 WARNING");

            // a fact arrives, then someone breaks the rule file: the monitor keeps the old rules and the facts
            Organization b3 = Organization.of("B3", "三支部", "GD", OrgType.BRANCH, Sector.REGIONAL);
            m.insert(b3);
            facts.add(b3);
            Path drl = dir.resolve("t04.drl");
            String good = Files.readString(drl);
            Files.writeString(drl, good.replace("not Member( orgId == $id )", "not Member( orgId == )"));
            assertThat(watcher.checkNow()).isFalse();
            assertThat(errors).singleElement().satisfies(list -> assertThat(list.get(0).file()).isEqualTo("t04.drl"));
            Member m2 = Member.of("M2", "B2");
            m.insert(m2);
            facts.add(m2);
            assertThat(heard).containsExactly("raised B2 VIOLATION", "changed B2 WARNING", "raised B3 WARNING", "resolved B2");

            // fixed again, with a new message: each holding violation changes once, none is lost or doubled
            Files.writeString(drl, good.replace("须于{deadline}前解决", "最迟{deadline}解决"));
            assertThat(watcher.checkNow()).isTrue();
            assertThat(heard).endsWith("changed B3 WARNING");
            assertThat(m.violations()).singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("三支部为空心团支部，最迟7月5日解决"));
            assertThat(m.violations()).isEqualTo(Lifeline.fromDirectory(dir).evaluate(FactSet.of(facts), asOf).violations());
        }
    }

    @Test
    void theBackgroundWatcherPicksUpAnEditedCalendar() throws Exception {
        TestRules.valid(dir);
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                heard.add("raised " + v.severity());
            }

            @Override
            public void resolved(Violation v) {
                heard.add("resolved");
            }

            @Override
            public void changed(Violation before, Violation after) {
                heard.add("changed " + after.severity());
            }
        };
        try (Monitor m = Lifeline.fromDirectory(dir).monitor(LocalDate.of(2018, 7, 1), listener);
             RulesWatcher watcher = RulesWatcher.watch(dir, m, e -> heard.add("errors"))) {
            m.insertAll(List.of(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                    Organization.of("B1", "一支部", "GD", OrgType.BRANCH, Sector.REGIONAL)));
            Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
            long until = System.nanoTime() + 20_000_000_000L;
            while (!heard.contains("changed WARNING") && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(heard).containsExactly("raised VIOLATION", "changed WARNING");
        }
    }
}
