package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * The background watcher survives whatever a reload throws (an Error included) and a rules folder deleted and
 * copied back, and still loads the next good edit.
 */
class RulesWatcherRecoveryTest {

    @TempDir
    Path tmp;

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final ViolationListener listener = new ViolationListener() {
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

    private static final List<org.lifeline.fact.Fact> FACTS = List.of(
            Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
            Organization.of("B1", "一支部", "GD", OrgType.BRANCH, Sector.REGIONAL));

    private void await(Predicate<List<String>> condition) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (!condition.test(heard) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private static Lifeline trusted(Path d) {
        return Lifeline.builder().rulesDirectory(d).trustRules(true).build();
    }

    @Test
    void aReloadThatThrowsAnErrorIsReportedAndTheNextGoodEditLoads() {
        Path dir = TestRules.valid(tmp.resolve("rules"));
        // a compiler that overflows the stack on a marker file, as the old guard did on a long dotted chain
        Function<Path, Lifeline> compiler = d -> {
            if (Files.exists(d.resolve("overflow.txt"))) {
                throw new StackOverflowError();
            }
            return trusted(d);
        };
        assertTimeoutPreemptively(GENEROUS, () -> {
            try (Monitor m = trusted(dir).monitor(LocalDate.of(2018, 7, 1), listener);
                 RulesWatcher w = RulesWatcher.watch(dir, m, errors -> heard.add("errors " + errors.get(0).message()), compiler)) {
                m.insertAll(FACTS);
                Files.writeString(dir.resolve("overflow.txt"), "x");
                await(h -> h.stream().anyMatch(s -> s.startsWith("errors")));
                assertThat(heard).anySatisfy(s -> assertThat(s).startsWith("errors").contains("StackOverflowError"));

                Files.delete(dir.resolve("overflow.txt"));
                Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
                await(h -> h.contains("changed B1 WARNING"));
                assertThat(heard).contains("raised B1 VIOLATION", "changed B1 WARNING");
            }
        });
    }

    @Test
    void aRuleFileThatOverflowsTheCheckerIsReportedAndTheNextGoodEditLoads() {
        Path dir = TestRules.valid(tmp.resolve("rules"));
        // a 5,000-segment dotted name: deep recursion in a regular expression or a parser
        String chain = String.join(".", java.util.Collections.nCopies(5_000, "a"));
        assertTimeoutPreemptively(GENEROUS, () -> {
            try (Monitor m = Lifeline.fromDirectory(dir).monitor(LocalDate.of(2018, 7, 1), listener);
                 RulesWatcher w = RulesWatcher.watch(dir, m, errors -> heard.add("errors"))) {
                m.insertAll(FACTS);
                Files.writeString(dir.resolve("chain.drl"), RuleBudgetTest.ruleOnB9("T04.CHAIN", "Object x = " + chain + ";"));
                await(h -> h.contains("errors"));
                assertThat(heard).contains("errors");
                Files.delete(dir.resolve("chain.drl"));
                Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
                await(h -> h.contains("changed B1 WARNING"));
                assertThat(heard).contains("raised B1 VIOLATION", "changed B1 WARNING");
            }
        });
    }

    @Test
    void aReloadThatLoopsIsReportedTheMonitorKeepsItsRulesAndTheNextGoodEditLoads() {
        Path dir = TestRules.valid(tmp.resolve("rules"));
        Lifeline first = Lifeline.builder().rulesDirectory(dir).trustRules(true).evaluationTimeout(Duration.ofSeconds(2)).build();
        assertTimeoutPreemptively(GENEROUS, () -> {
            try (Monitor m = first.monitor(LocalDate.of(2018, 7, 1), listener);
                 RulesWatcher w = RulesWatcher.watch(dir, m, errors -> heard.add("errors " + errors.get(0).message()),
                         RulesWatcherRecoveryTest::trusted)) {
                m.insertAll(FACTS);
                m.insert(Organization.of("B9", "九支部", "GD", OrgType.BRANCH, Sector.REGIONAL));
                Files.writeString(dir.resolve("spin.drl"), RuleBudgetTest.SPIN);
                await(h -> h.stream().anyMatch(s -> s.startsWith("errors")));
                assertThat(heard).anySatisfy(s -> assertThat(s).contains("T04.SPIN"));
                m.insert(Member.of("M1", "B1")); // not blocked: the monitor runs on its old rules
                assertThat(m.stopped()).isFalse();
                assertThat(heard).contains("resolved B1");

                Files.delete(dir.resolve("spin.drl"));
                Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
                await(h -> h.contains("changed B9 WARNING"));
                assertThat(heard).contains("changed B9 WARNING");
            }
        });
    }

    @Test
    void aFolderDeletedAndCopiedBackIsWatchedAgain() {
        Path dir = TestRules.valid(tmp.resolve("rules"));
        Path backup = TestRules.write(tmp.resolve("backup"), Map.of("calendar.yaml",
                TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"), "t04.drl", TestRules.HOLLOW_BRANCH));
        assertTimeoutPreemptively(GENEROUS, () -> {
            try (Monitor m = trusted(dir).monitor(LocalDate.of(2018, 7, 1), listener);
                 RulesWatcher w = RulesWatcher.watch(dir, m, errors -> heard.add("errors"), RulesWatcherRecoveryTest::trusted)) {
                m.insertAll(FACTS);
                deleteTree(dir);
                Thread.sleep(1500);
                copyTree(backup, dir);
                await(h -> h.contains("changed B1 WARNING"));
                assertThat(heard).contains("raised B1 VIOLATION", "changed B1 WARNING");

                // and the new folder is watched too
                Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-06-01"));
                await(h -> h.contains("changed B1 VIOLATION"));
                assertThat(heard).endsWith("changed B1 VIOLATION");
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
