package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;

/** What travels between Flink tasks: POJOs that Flink serialises itself (no Kryo), and that give back the same facts. */
class FlinkTypesTest {

    @Test
    void factsAndFindingsAreFlinkPojosWithoutGenericFields() {
        for (Class<?> type : new Class<?>[] {FactRow.class, ViolationRow.class, Routed.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                        .as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }

    @Test
    void everyFactOfTheSampleComesBackEqualFromItsRow() {
        FactSet facts = Fixtures.crossUnit();
        long n = 0;
        for (Fact f : facts.stream().toList()) {
            assertThat(FactRow.of("C1", f, n++, null).fact()).isEqualTo(f);
        }
        assertThat(n).isEqualTo(facts.size());
    }

    @Test
    void everyFindingComesBackEqualFromItsRow() {
        var found = Fixtures.RULES.evaluate(Fixtures.crossUnit(), java.time.LocalDate.parse("2018-10-31")).violations();

        assertThat(found).isNotEmpty();
        for (Violation v : found) {
            assertThat(ViolationRow.of(v).violation()).isEqualTo(v);
        }
    }
}
