package org.lifeline.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;

/** One CSV row per violation, with the fields of CONTRACT §4 as header; lists {@code ;}-separated. */
public final class CsvReport {

    private CsvReport() {
    }

    public static void write(Evaluation e, Writer out) throws IOException {
        out.write('\ufeff'); // BOM: spreadsheet programs on Chinese Windows then read UTF-8 correctly
        boolean header = true;
        for (Violation v : e.violations()) {
            Map<String, Object> f = JsonReport.fields(v);
            if (header) {
                CsvFacts.writeRow(out, new ArrayList<>(f.keySet()));
                header = false;
            }
            List<String> values = new ArrayList<>();
            for (Object o : f.values()) {
                values.add(o == null ? "" : o instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList()) : String.valueOf(o));
            }
            CsvFacts.writeRow(out, values);
        }
        if (header) {
            CsvFacts.writeRow(out, new ArrayList<>(JsonReport.fields(new Violation("", 0, org.lifeline.engine.Severity.WARNING,
                    org.lifeline.engine.SubjectType.ORGANIZATION, "", null, "", "", null, null, null, null, List.of(), List.of(), "", "")).keySet()));
        }
        out.flush();
    }
}
