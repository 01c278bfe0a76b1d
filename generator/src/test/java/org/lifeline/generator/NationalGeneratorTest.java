package org.lifeline.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;

/** Two provinces of a generated nation: written as CSV, read back strictly, evaluated; nothing shared between them. */
class NationalGeneratorTest {

    private static final double SCALE = 0.002;

    @Test
    void twoProvincesAreWrittenReadBackStrictlyAndEvaluated(@TempDir Path dir) {
        long made;
        try (CsvFacts.Writer w = new CsvFacts.Writer(dir)) {
            made = NationalGenerator.generate(2, SCALE, 7, w);
        }
        CsvFacts.Loaded loaded = CsvFacts.read(dir, "UTF-8", null);

        assertThat(loaded.rejected()).isEmpty();
        assertThat((long) loaded.facts().size()).isEqualTo(made).isEqualTo(
                ProvinceGenerator.generate(SCALE, 7).size() + ProvinceGenerator.generate(SCALE, 8).size());
        // a forest: two roots, each with its own cities
        List<Organization> roots = loaded.facts().all(Organization.class).stream().filter(o -> o.parentId() == null).toList();
        assertThat(roots).extracting(Organization::id).containsExactlyInAnyOrder("P01-GD", "P02-GD");

        Evaluation e = Lifeline.bundled().evaluate(loaded.facts(), LocalDate.of(2018, 10, 31));
        assertThat(e.failures()).isEmpty();
        Set<String> provinces = e.violations().stream().map(Violation::topUnitId).filter(t -> t != null)
                .map(t -> t.substring(0, 4)).collect(Collectors.toSet());
        assertThat(provinces).containsExactlyInAnyOrder("P01-", "P02-");
    }

    @Test
    void idsKeysAndNumbersAreTheProvincesOwn() {
        FactSet nation = FactSet.of(NationalGenerator.generate(2, SCALE, 7));

        for (FactKind kind : FactKind.values()) {
            for (String id : nation.byId(kind).keySet()) {
                assertThat(id).matches("P0[12]-.+");
            }
        }
        Set<String> numbers = new HashSet<>();
        Set<String> persons = new HashSet<>();
        for (Member m : nation.all(Member.class)) {
            String province = m.id().substring(0, 4);
            assertThat(m.orgId()).startsWith(province);
            if (m.memberNumber() != null) {
                assertThat(m.memberNumber()).hasSize(12).startsWith(province.equals("P01-") ? "110" : "120");
                numbers.add(m.memberNumber());
            }
            if (m.personKey() != null) {
                assertThat(m.personKey()).startsWith(province);
                persons.add(m.personKey());
            }
        }
        assertThat(numbers).isNotEmpty();
        assertThat(persons).isNotEmpty();
    }

    @Test
    void twoProvincesShareNoRegionAndNoNameOfAnOrganisation() {
        FactSet nation = FactSet.of(NationalGenerator.generate(2, SCALE, 7));
        Map<String, Set<String>> provincesByRegion = new HashMap<>();
        Map<String, Set<String>> provincesByName = new HashMap<>();
        for (Organization o : nation.all(Organization.class)) {
            String province = o.id().substring(0, 4);
            assertThat(o.name()).startsWith(province);
            if (o.region() != null) {
                assertThat(o.region()).startsWith(province);
                provincesByRegion.computeIfAbsent(o.region(), k -> new HashSet<>()).add(province);
            }
            provincesByName.computeIfAbsent(o.name(), k -> new HashSet<>()).add(province);
        }
        for (Enterprise e : nation.all(Enterprise.class)) {
            assertThat(e.name()).startsWith(e.id().substring(0, 4));
        }
        assertThat(provincesByRegion).isNotEmpty().allSatisfy((region, provinces) -> assertThat(provinces).hasSize(1));
        assertThat(provincesByName).allSatisfy((name, provinces) -> assertThat(provinces).hasSize(1));
        // the cities of both provinces: each province names the same cities, each under its own code
        assertThat(provincesByRegion).containsKeys("P01-广州", "P02-广州");
    }

    @Test
    void theSameSeedMakesTheSameNationAndEachProvinceItsOwnDraw() {
        List<Fact> once = NationalGenerator.generate(2, SCALE, 7);
        assertThat(NationalGenerator.generate(2, SCALE, 7)).isEqualTo(once);
        // province 2 is drawn with seed + 1: not province 1 renamed
        long p1 = once.stream().filter(f -> f instanceof Member m && m.id().startsWith("P01-")).count();
        long p2 = once.stream().filter(f -> f instanceof Member m && m.id().startsWith("P02-")).count();
        assertThat(p1).isPositive();
        assertThat(p2).isPositive();
        assertThat(once.stream().filter(f -> f instanceof Member m && m.id().startsWith("P02-"))
                .map(f -> ((Member) f).joinedOn()).toList())
                .isNotEqualTo(once.stream().filter(f -> f instanceof Member m && m.id().startsWith("P01-"))
                        .map(f -> ((Member) f).joinedOn()).toList());
    }

    @Test
    void moreProvincesThanTheNationHasAreRefused() {
        assertThatThrownBy(() -> NationalGenerator.generate(32, SCALE, 7, f -> { }))
                .hasMessageContaining("provinces: expected 1 to 31, got 32");
    }
}
