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
    void factsRoutedRowsFindingsAndKeyResultsAreFlinkPojosWithoutGenericFields() {
        for (Class<?> type : new Class<?>[] {FactRow.class, Routed.class, ViolationRow.class, KeyResult.class,
                KeyResult.ShareRow.class, KeyResult.CoverageRow.class, KeyResult.FailureRow.class,
                KeyResult.WaiverRow.class, KeyResult.PlacementRow.class, FactChange.class, FindingEvent.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                TypeInformation<?> field = pojo.getPojoFieldAt(i).getTypeInformation();
                if (field instanceof org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo<?, ?> array) {
                    field = array.getComponentInfo(); // KeyResult's arrays of rows: each row a POJO
                }
                assertThat(field).as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
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
    void aLiveChangeCarriesTheFactAsItStandsOrOnlyItsKindAndIdForADelete() {
        var member = Fixtures.sample().all(org.lifeline.fact.Member.class).iterator().next();

        FactChange upsert = FactChange.upsert(member, 7);
        FactChange delete = FactChange.delete(org.lifeline.fact.FactKind.MEMBERS, member.id());

        assertThat(upsert.deletes()).isFalse();
        assertThat(upsert.row.fact()).isEqualTo(member);
        assertThat(upsert.kind).isEqualTo("members");
        assertThat(upsert.id).isEqualTo(member.id());
        assertThat(delete.deletes()).isTrue();
        assertThat(delete.id).isEqualTo(member.id());
        assertThat(delete.toString()).doesNotContain(member.id());
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
