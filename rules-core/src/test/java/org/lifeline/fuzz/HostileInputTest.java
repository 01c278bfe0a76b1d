package org.lifeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioException;

/**
 * Hostile and broken input to every reader: truncated rows, wrong types, huge fields, stray quotes, unknown kinds
 * and values, cycles and dangling ids. Each input is either read whole or refused with a FactException or
 * ScenarioException naming the place; nothing else is thrown and nothing is dropped silently.
 */
class HostileInputTest {

    private static final String ORGS = """
            id,name,parentId,type,sector,region,createdOn,provinciallyManaged
            GD,团省委,,PROVINCIAL_COMMITTEE,REGIONAL,,,
            GZ,广州市团委,GD,CITY_COMMITTEE,REGIONAL,广州,2018-01-02,false
            B1,"示例,团支部",GZ,BRANCH,TWO_NEW,广州,,true
            """;
    private static final String MEMBERS = """
            id,orgId,joinedOn,reportedAt,graduationYear
            M1,B1,2017-03-01,2018-06-01T09:30,2018
            M2,B1,,,
            """;

    @Provide
    Arbitrary<String> mutatedCsv() {
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, ORGS.length());
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("\"", ",", "\n", "\r\n", ",,,,", "\"\"", "BRANCHX", "2018-02-30", "x".repeat(100_000),
                        "\uFEFF", "GD", "NaN", "-1", "true", "\u0000"));
        return Combinators.combine(cut, cut, junk).as((a, b, j) -> {
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            return ORGS.substring(0, from) + j + ORGS.substring(to);
        });
    }

    @Property(tries = 400)
    void aCsvExportIsReadWholeOrRefusedWithAPlace(@ForAll("mutatedCsv") String orgs) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-csv");
        try {
            Files.writeString(dir.resolve("organizations.csv"), orgs, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("members.csv"), MEMBERS, StandardCharsets.UTF_8);
            try {
                CsvFacts.Loaded loaded = CsvFacts.read(dir, "auto", null);
                long rows = loaded.rowsPerFile().values().stream().mapToLong(Long::longValue).sum();
                assertThat(loaded.facts().size()).as("every row loaded is a fact").isEqualTo(rows);
            } catch (FactException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\n"));
                List<String> secrets = new ArrayList<>(longDigitRuns(orgs));
                secrets.add("\u0001no digits"); // never empty, for doesNotContain
                assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain(secrets));
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The runs of 6 or more digits in a text: what could be part of a phone or identity number. */
    static List<String> longDigitRuns(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\d{6,}").matcher(text);
        while (m.find()) {
            out.add(m.group().substring(0, 6)); // any 6 of them in a row are too many
            for (int i = 1; i + 6 <= m.group().length(); i++) {
                out.add(m.group().substring(i, i + 6));
            }
        }
        return out;
    }

    private static final String[] MEMBER_FIELDS = {"id", "orgId", "joinedOn", "reportedAt", "graduationYear", "schoolOrgId",
            "personKey"};

    private static Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(18);
    }

    private static Arbitrary<String> junk() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars("团支部\u2028\u0085").ofMaxLength(8);
    }

    /** A member row whose fields are each good, missing, malformed, dangling or personal-looking data. */
    @Provide
    Arbitrary<List<List<String>>> memberRows() {
        Arbitrary<List<String>> row = Combinators.combine(List.of(
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(2, digits()), Tuple.of(1, Arbitraries.just("M1")),
                        Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("B1", "GZ")), Tuple.of(2, digits()),
                        Tuple.of(1, Arbitraries.just("")), Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("", "2017-03-01", "1900-01-01")), Tuple.of(2, digits()),
                        Tuple.of(1, Arbitraries.of("2018-02-30", "+999999999-12-31", "-2018-01-01", "1899-12-31")),
                        Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("", "2018-06-01T09:30", "2018-06-01 09:30:05")),
                        Tuple.of(2, digits()), Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("", "2018")), Tuple.of(2, digits()),
                        Tuple.of(1, Arbitraries.of("-5", "1899", "2101", "2e3")), Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("", "GZ")), Tuple.of(2, digits()), Tuple.of(1, junk())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("", "pk-1")), Tuple.of(2, digits()), Tuple.of(1, junk()))))
                .as(fields -> fields.stream().map(String::valueOf).toList());
        return row.list().ofMinSize(1).ofMaxSize(30);
    }

    /**
     * Every data row is loaded, left out as rejected, or named in a problem: reading again without the rows named
     * ends in a load where loaded + rejected + rows named = data rows. No message repeats 6 digits in a row from
     * the input.
     */
    @Property(tries = 300)
    void everyRowIsLoadedOrReportedAndNoMessageRepeatsPersonalData(@ForAll("memberRows") List<List<String>> generated)
            throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            List<String> r = new ArrayList<>(generated.get(i));
            if (r.get(0).isEmpty()) {
                r.set(0, "M" + (i + 100)); // mostly unique ids; the rest are digits, duplicates or junk
            }
            rows.add(r);
        }
        List<String> secrets = new ArrayList<>(List.of("\u0001no digits")); // never empty, for doesNotContain
        rows.forEach(r -> r.forEach(v -> secrets.addAll(longDigitRuns(v))));
        Path dir = Files.createTempDirectory("fuzz-rows");
        try {
            Files.writeString(dir.resolve("organizations.csv"), ORGS, StandardCharsets.UTF_8);
            int reported = 0;
            List<List<String>> left = new ArrayList<>(rows);
            for (int round = 0; ; round++) {
                assertThat(round).as("rounds").isLessThan(5);
                StringBuilder text = new StringBuilder(String.join(",", MEMBER_FIELDS)).append('\n');
                Map<Integer, Integer> rowAtLine = new HashMap<>();
                int line = 2;
                for (int i = 0; i < left.size(); i++) {
                    StringBuilder one = new StringBuilder();
                    CsvFacts.writeRow(one, left.get(i));
                    rowAtLine.put(line, i);
                    line += (int) one.chars().filter(c -> c == '\n').count();
                    text.append(one);
                }
                Files.writeString(dir.resolve("members.csv"), text, StandardCharsets.UTF_8);
                try {
                    CsvFacts.Loaded loaded = CsvFacts.read(dir, "UTF-8", null, true);
                    loaded.rejected().forEach(x -> assertThat(x.line()).doesNotContain(secrets).doesNotContain("\n"));
                    assertThat(loaded.facts().all(FactKind.MEMBERS).size() + loaded.rejected().size() + reported)
                            .as("loaded + rejected + reported = data rows").isEqualTo(rows.size());
                    assertThat(loaded.rowsPerFile().get("members.csv")).isEqualTo(left.size());
                    return;
                } catch (FactException e) {
                    Set<Integer> named = new HashSet<>();
                    for (String p : e.problems()) {
                        assertThat(p).doesNotContain(secrets).doesNotContain("\n").doesNotContain("\r");
                        Matcher m = Pattern.compile("^members\\.csv:(\\d+): ").matcher(p);
                        assertThat(m.find()).as(p).isTrue();
                        Integer i = rowAtLine.get(Integer.parseInt(m.group(1)));
                        assertThat(i).as("a problem names the line a row starts on: " + p).isNotNull();
                        named.add(i);
                    }
                    assertThat(named).isNotEmpty();
                    reported += named.size();
                    List<List<String>> next = new ArrayList<>();
                    for (int i = 0; i < left.size(); i++) {
                        if (!named.contains(i)) {
                            next.add(left.get(i));
                        }
                    }
                    left = next;
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final String SCENARIO = """
            name: fuzz
            asOf: 2018-07-01
            facts:
              organizations:
                - {id: GD, name: 团省委, type: PROVINCIAL_COMMITTEE, sector: REGIONAL}
                - {id: B1, name: 示例团支部, parentId: GD, type: BRANCH, sector: REGIONAL}
              members: [{id: M1, orgId: B1, joinedOn: 2017-01-01}]
            expect:
              violations: [{ruleId: T04.HOLLOW_BRANCH, subjectId: B1, memberIds: [M1]}]
              only: false
            steps:
              - {asOf: 2018-07-02, delete: {members: [M1]}, expect: {resolved: [{ruleId: T04.HOLLOW_BRANCH}]}}
            """;

    @Provide
    Arbitrary<String> mutatedScenario() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, SCENARIO.length());
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("{", "}", "[", "]", ":", "- ", "\n  ", "&a", "*a", "!!python/object", "~", "people:",
                        "asOf: x", "\t", "'", "\"", "%YAML 9.9", "y".repeat(50_000)));
        return Combinators.combine(at, at, junk).as((a, b, j) -> SCENARIO.substring(0, Math.min(a, b)) + j
                + SCENARIO.substring(Math.max(a, b)));
    }

    @Property(tries = 400)
    void aScenarioIsReadOrRefusedWithAPlace(@ForAll("mutatedScenario") String text) {
        try {
            Scenario s = Scenario.parse(text, "fuzz.yaml");
            assertThat(s.asOf()).isNotNull();
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml");
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> trees() {
        return Arbitraries.integers().between(0, 12).tuple2().list().ofMaxSize(15);
    }

    @Property(tries = 300)
    void anyTreeIsAcceptedOrRefusedForItsCyclesAndDanglingParents(@ForAll("trees") List<Tuple.Tuple2<Integer, Integer>> edges) {
        List<Fact> orgs = new ArrayList<>();
        orgs.add(Organization.of("O0", "root", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
        for (Tuple.Tuple2<Integer, Integer> e : edges) {
            orgs.add(Organization.of("O" + (e.get1() + 1), "n", "O" + e.get2(), OrgType.BRANCH, Sector.REGIONAL));
        }
        try {
            FactSet set = FactSet.of(orgs);
            assertThat(set.size()).isEqualTo(orgs.size());
        } catch (FactException ex) {
            assertThat(ex.problems()).allSatisfy(p -> assertThat(p).containsAnyOf("duplicate id", "no organisation", "cycle"));
        }
    }
}
