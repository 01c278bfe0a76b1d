package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Organization;

/**
 * In BATCH the routing tasks of one job on one task manager hold one organisation tree between them, not one each
 * (the copies filled 10 GB at four provinces), and let it go when the job ends.
 */
class SharedTreesTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final LocalDate AS_OF = LocalDate.parse("2018-10-31");

    @Test
    void theTasksOfOneJobShareOneTreeParsedOnceAndTheLastTaskLetsItGo() {
        int before = SharedTrees.held();
        SharedTrees.Entry a = SharedTrees.acquire("job-a", AS_OF);
        SharedTrees.Entry b = SharedTrees.acquire("job-a", AS_OF);
        SharedTrees.Entry other = SharedTrees.acquire("job-b", AS_OF);
        assertThat(b).isSameAs(a);
        assertThat(other).isNotSameAs(a);

        java.util.Collection<Organization> orgs = Fixtures.sample().all(Organization.class);
        int[] parsed = {0};
        for (SharedTrees.Entry task : List.of(a, b)) { // every task receives every organisation
            for (Organization o : orgs) {
                task.add(o.id(), () -> {
                    parsed[0]++;
                    return o;
                });
            }
        }
        assertThat(parsed[0]).as("each organisation parsed once on the task manager").isEqualTo(orgs.size());
        Placement p = a.placement();
        assertThat(b.placement()).isSameAs(p);
        assertThat(p.all()).hasSize(orgs.size());

        SharedTrees.release("job-a", a);
        assertThat(SharedTrees.held()).isEqualTo(before + 2);
        SharedTrees.release("job-a", b);
        SharedTrees.release("job-b", other);
        assertThat(SharedTrees.held()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("try") // the collect iterator's close() may throw InterruptedException: the caller's
    void aBatchJobRoutesWithTheSharedTreeAndLeavesNoTreeBehind() throws Exception {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.configure(c);
        env.setParallelism(2);
        FactSet facts = Fixtures.crossUnit();
        long built = SharedTrees.built();

        List<String> flink = new ArrayList<>();
        try (CloseableIterator<FactRow> it = new LifelineJob(AS_OF, null).routedFacts(env, facts)
                .executeAndCollect("routing with a shared tree")) {
            it.forEachRemaining(r -> flink.add(r.key + " " + r.kind + " " + r.id()));
        }

        assertThat(flink).containsExactlyInAnyOrderElementsOf(
                Routing.route(facts, AS_OF).stream().map(r -> r.key + " " + r.kind + " " + r.id()).toList());
        assertThat(SharedTrees.built()).as("placements built from a shared tree by the job").isGreaterThan(built);
        assertThat(SharedTrees.held()).as("trees held after the job").isZero();
    }
}
