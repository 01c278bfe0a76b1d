package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class MonitorTest {

    @TempDir
    static Path dir;
    static Lifeline lifeline;

    private static final LocalDate JULY_1 = LocalDate.of(2018, 7, 1);

    @BeforeAll
    static void compile() {
        lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
    }

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id + "名称", parent, type, Sector.REGIONAL);
    }

    private static List<Fact> province() {
        return List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("GZ", "GD", OrgType.CITY_COMMITTEE),
                org("B1", "GZ", OrgType.BRANCH), org("B2", "GZ", OrgType.BRANCH), Member.of("M1", "B1"));
    }

    @Test
    void raisesAndResolvesAsFactsChange() {
        ViolationListener listener = mock(ViolationListener.class);
        try (Monitor m = lifeline.monitor(JULY_1, listener)) {
            m.insertAll(province());
            ArgumentCaptor<Violation> raised = ArgumentCaptor.forClass(Violation.class);
            verify(listener).raised(raised.capture());
            assertThat(raised.getValue().subjectId()).isEqualTo("B2");
            assertThat(raised.getValue().severity()).isEqualTo(Severity.VIOLATION);
            assertThat(raised.getValue().message()).isEqualTo("B2名称为空心团支部，须于6月30日前解决");

            m.insert(Member.of("M2", "B2"));
            verify(listener).resolved(raised.getValue());
            assertThat(m.violations()).isEmpty();

            m.delete(FactKind.MEMBERS, "M1");
            ArgumentCaptor<Violation> again = ArgumentCaptor.forClass(Violation.class);
            verify(listener, org.mockito.Mockito.times(2)).raised(again.capture());
            assertThat(again.getValue().subjectId()).isEqualTo("B1");
        }
    }

    @Test
    void movingTheClockTurnsAWarningIntoAViolation() {
        ViolationListener listener = mock(ViolationListener.class);
        try (Monitor m = lifeline.monitor(LocalDate.of(2018, 6, 23), listener)) {
            m.insertAll(province());
            verify(listener, never()).raised(any());
            m.setAsOf(LocalDate.of(2018, 6, 24));
            ArgumentCaptor<Violation> v = ArgumentCaptor.forClass(Violation.class);
            verify(listener).raised(v.capture());
            assertThat(v.getValue().severity()).isEqualTo(Severity.WARNING);
            m.setAsOf(JULY_1);
            ArgumentCaptor<Violation> before = ArgumentCaptor.forClass(Violation.class);
            ArgumentCaptor<Violation> after = ArgumentCaptor.forClass(Violation.class);
            verify(listener).changed(before.capture(), after.capture());
            assertThat(before.getValue().severity()).isEqualTo(Severity.WARNING);
            assertThat(after.getValue().severity()).isEqualTo(Severity.VIOLATION);
            assertThat(m.violations()).containsExactly(after.getValue());
            m.setAsOf(LocalDate.of(2018, 6, 1));
            assertThat(m.violations()).isEmpty();
        }
    }

    @Test
    void theDefaultChangedCallbackIsResolvedThenRaised() {
        List<String> heard = new ArrayList<>();
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                heard.add("raised " + v.severity());
            }

            @Override
            public void resolved(Violation v) {
                heard.add("resolved " + v.severity());
            }
        };
        try (Monitor m = lifeline.monitor(LocalDate.of(2018, 6, 30), listener)) {
            m.insertAll(province());
            m.setAsOf(JULY_1);
        }
        assertThat(heard).containsExactly("raised WARNING", "resolved WARNING", "raised VIOLATION");
    }

    @Test
    void badChangesAreRefusedAndLeaveTheMonitorAsItWas() {
        try (Monitor m = lifeline.monitor(JULY_1, mock(ViolationListener.class))) {
            m.insertAll(province());
            List<Violation> before = m.violations();
            assertThatThrownBy(() -> m.insert(Member.of("M1", "B2"))).isInstanceOf(FactException.class)
                    .hasMessage("Member M1: field 'id': already present (use update to change it)");
            assertThatThrownBy(() -> m.update(Member.of("M9", "B2"))).hasMessage("Member M9: field 'id': no such fact to update");
            assertThatThrownBy(() -> m.delete(FactKind.MEMBERS, "M9")).hasMessage("Member M9: field 'id': no such fact to delete");
            assertThatThrownBy(() -> m.insert(org("B3", "NOPE", OrgType.BRANCH)))
                    .hasMessage("Organization B3: field 'parentId': no organisation 'NOPE'");
            assertThatThrownBy(() -> m.update(org("GZ", "B1", OrgType.CITY_COMMITTEE)))
                    .hasMessageContaining("cycle");
            assertThatThrownBy(() -> m.delete(FactKind.ORGANIZATIONS, "GZ"))
                    .hasMessageContaining("cannot delete");
            assertThat(m.violations()).isEqualTo(before);
        }
    }

    @Test
    void aListenerMayNotCallBack() {
        Monitor[] holder = new Monitor[1];
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                holder[0].insert(Member.of("M9", "B2"));
            }

            @Override
            public void resolved(Violation v) {
            }
        };
        try (Monitor m = lifeline.monitor(JULY_1, listener)) {
            holder[0] = m;
            assertThatThrownBy(() -> m.insertAll(province())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not call back");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotDropTheOtherCallbacksAndTheChangeRethrowsAfterAllRan() {
        ViolationListener listener = mock(ViolationListener.class);
        RuntimeException first = new IllegalStateException("host bug on B2");
        RuntimeException second = new IllegalArgumentException("host bug on B3");
        org.mockito.Mockito.doThrow(first).when(listener).raised(org.mockito.ArgumentMatchers.argThat(v -> v.subjectId().equals("B2")));
        org.mockito.Mockito.doThrow(second).when(listener).raised(org.mockito.ArgumentMatchers.argThat(v -> v.subjectId().equals("B3")));
        try (Monitor m = lifeline.monitor(JULY_1, listener)) {
            List<Fact> facts = new ArrayList<>(province());
            facts.add(org("B3", "GZ", OrgType.BRANCH));
            facts.add(org("B4", "GZ", OrgType.BRANCH));
            assertThatThrownBy(() -> m.insertAll(facts)).isSameAs(first)
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
            ArgumentCaptor<Violation> raised = ArgumentCaptor.forClass(Violation.class);
            verify(listener, org.mockito.Mockito.times(3)).raised(raised.capture());
            assertThat(raised.getAllValues()).extracting(Violation::subjectId).containsExactly("B2", "B3", "B4");
            // the change stands: the monitor holds what the listener was told, and hears the next change as usual
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2", "B3", "B4");
            m.insert(Member.of("M4", "B4"));
            verify(listener).resolved(any());
        }
    }

    @Test
    void concurrentChangesEndWhereASnapshotOfTheSameFactsEnds() throws Exception {
        List<Fact> facts = new ArrayList<>(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("GZ", "GD", OrgType.CITY_COMMITTEE)));
        for (int i = 0; i < 200; i++) {
            facts.add(org("B" + i, "GZ", OrgType.BRANCH));
        }
        ViolationListener listener = mock(ViolationListener.class);
        try (Monitor m = lifeline.monitor(JULY_1, listener)) {
            m.insertAll(facts);
            assertThat(m.violations()).hasSize(200);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < 200; i += 4) {
                        if (i % 3 != 0) {
                            m.insert(Member.of("M" + i, "B" + i));
                        }
                        m.violations();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            List<Fact> all = new ArrayList<>(facts);
            for (int i = 0; i < 200; i++) {
                if (i % 3 != 0) {
                    all.add(Member.of("M" + i, "B" + i));
                }
            }
            List<Violation> snapshot = lifeline.evaluate(FactSet.of(all), JULY_1).violations();
            assertThat(m.violations()).hasSize(67).isEqualTo(snapshot);
            InOrder order = inOrder(listener);
            order.verify(listener, org.mockito.Mockito.times(200)).raised(any());
            verify(listener, org.mockito.Mockito.times(133)).resolved(any());
        }
    }
}
