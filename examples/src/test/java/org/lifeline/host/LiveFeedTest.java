package org.lifeline.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Lifeline;
import org.lifeline.history.History;
import org.lifeline.history.Snapshot;

class LiveFeedTest {

    @Test
    void printsEachViolationAsItIsRaisedChangedAndResolved() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rejected;
        try (InputStreamReader in = new InputStreamReader(getClass().getResourceAsStream("/live-feed.jsonl"), StandardCharsets.UTF_8)) {
            rejected = LiveFeed.run(Lifeline.bundled(), LocalDate.of(2018, 6, 20), in, new PrintWriter(out), new PrintWriter(err, true));
        }
        assertThat(out.toString().lines().map(l -> l.replaceAll("^(\\S+\\s+\\S+ \\S+ \\S+).*$", "$1")))
                .containsExactly(
                        "RAISED   WARNING T10.LEDGER_NOT_SUBMITTED GZ",        // a city with no ledger, inside the 06-22 window
                        "CHANGED  VIOLATION T10.LEDGER_NOT_SUBMITTED GZ",      // clock 06-24: overdue
                        "RAISED   WARNING T04.HOLLOW_BRANCH B1",              // the 06-30 window opens
                        "RAISED   WARNING T13.FEE_MANAGERS_MISSING GZ",
                        "RESOLVED WARNING T04.HOLLOW_BRANCH B1",              // a member arrives
                        "RAISED   ANOMALY A.UNDERSIZED_BRANCH B1",            // ... only one
                        "CHANGED  VIOLATION T13.FEE_MANAGERS_MISSING GZ",     // clock 07-01
                        "RAISED   WARNING T09.FEE_AUTHORITY_NOT_DESIGNATED GZ",
                        "CHANGED  ANOMALY A.UNDERSIZED_BRANCH B1",            // two members
                        "RESOLVED ANOMALY A.UNDERSIZED_BRANCH B1",            // three
                        "RAISED   VIOLATION T04.BRANCH_WITHOUT_SECRETARY B1", // the secretary is deleted
                        "-- 4 violations hold");
        assertThat(rejected).isEqualTo(3);
        assertThat(err.toString().lines()).containsExactly(
                "line 7: rejected: Member M1: field 'id': already present (use update to change it)",
                "line 8: rejected: field 'kind': unknown fact kind 'people'",
                "line 13: rejected: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void withAHistoryItRecordsTheDayTheClockLeavesAndTheLastDay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        StringWriter err = new StringWriter();
        try (InputStreamReader in = new InputStreamReader(getClass().getResourceAsStream("/live-feed.jsonl"), StandardCharsets.UTF_8);
             History history = History.open(dir.resolve("live"))) {
            LiveFeed.run(Lifeline.bundled(), LocalDate.of(2018, 6, 20), in, new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true), history);
            assertThat(history.snapshots()).extracting(Snapshot::asOf)
                    .containsExactly(LocalDate.of(2018, 6, 20), LocalDate.of(2018, 6, 24), LocalDate.of(2018, 7, 1));
            assertThat(history.snapshots()).extracting(Snapshot::violations).containsExactly(1, 3, 4);
        }
        assertThat(err.toString()).doesNotContain("not recorded");
    }
}
