package org.lifeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
