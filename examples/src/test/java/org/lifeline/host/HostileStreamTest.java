package org.lifeline.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lifeline.engine.Lifeline;

/**
 * Broken change streams (truncated JSON, wrong types, unknown kinds and operations, ids referring to nothing,
 * cycles, huge fields): the feed never crashes, and every line is either applied or reported as rejected.
 */
class HostileStreamTest {

    private static final Lifeline LIFELINE = Lifeline.bundled();
    private static final List<String> GOOD = List.of(
            "{\"op\":\"insert\",\"kind\":\"organizations\",\"fact\":{\"id\":\"GD\",\"name\":\"团省委\",\"type\":\"PROVINCIAL_COMMITTEE\",\"sector\":\"REGIONAL\"}}",
            "{\"op\":\"insert\",\"kind\":\"organizations\",\"fact\":{\"id\":\"B1\",\"name\":\"b\",\"parentId\":\"GD\",\"type\":\"BRANCH\",\"sector\":\"REGIONAL\"}}",
            "{\"op\":\"insert\",\"kind\":\"members\",\"fact\":{\"id\":\"M1\",\"orgId\":\"B1\",\"joinedOn\":\"2017-02-03\"}}",
            "{\"op\":\"update\",\"kind\":\"organizations\",\"fact\":{\"id\":\"GD\",\"name\":\"x\",\"parentId\":\"B1\",\"type\":\"PROVINCIAL_COMMITTEE\",\"sector\":\"REGIONAL\"}}",
            "{\"op\":\"delete\",\"kind\":\"organizations\",\"id\":\"GD\"}",
            "{\"op\":\"delete\",\"kind\":\"members\",\"id\":\"NOBODY\"}",
            "{\"op\":\"clock\",\"asOf\":\"2018-07-01\"}",
            "{\"op\":\"clock\",\"asOf\":\"2018-02-30\"}",
            "{\"op\":\"insert\",\"kind\":\"feePayments\",\"fact\":{\"id\":\"P1\",\"memberId\":\"M1\",\"month\":\"2018-09\",\"paidOn\":\"2018-09-02\",\"channel\":\"ONLINE\",\"amountCents\":\"fifty\"}}",
            "{\"op\":\"insert\",\"kind\":\"members\",\"fact\":{\"id\":\"M2\",\"orgId\":\"B1\",\"reportedAt\":[1,2]}}",
            "{\"op\":\"insert\",\"kind\":\"members\",\"fact\":{\"id\":\"M3\",\"orgId\":\"" + "z".repeat(20_000) + "\"}}",
            "{\"op\":\"fly\"}", "{\"op\":\"insert\",\"kind\":\"members\"}", "[1,2,3]", "null", "{", "\"just text\"");

    @Provide
    Arbitrary<List<String>> streams() {
        Arbitrary<String> line = Arbitraries.oneOf(Arbitraries.of(GOOD),
                Arbitraries.of(GOOD).map(l -> l.substring(0, l.length() / 2)),
                Arbitraries.strings().ofMaxLength(40));
        return line.list().ofMaxSize(25);
    }

    @Property(tries = 150)
    void everyLineIsAppliedOrRejectedAndTheFeedGoesOn(@ForAll("streams") List<String> lines) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rejected = LiveFeed.run(LIFELINE, LocalDate.of(2018, 6, 20), new StringReader(String.join("\n", lines)),
                new PrintWriter(out), new PrintWriter(err, true));
        long nonBlank = lines.stream().flatMap(String::lines).filter(l -> !l.isBlank()).count();
        assertThat(err.toString().lines().count()).as("one line per rejected input line").isEqualTo(rejected);
        assertThat(rejected).isBetween(0, (int) nonBlank);
        assertThat(out.toString()).contains("line(s) rejected");
    }
}
