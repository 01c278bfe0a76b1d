package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/facts.md}, the users' reference of the data format, has a section per fact kind whose table lists
 * every field of the record, in order, with its type and whether it is required, as the parser reads it. A field
 * added, renamed or made optional without the page fails here.
 */
class FactsDocTest {

    private static final Path DOC = Path.of("../docs/facts.md");

    @Test
    void everyFactKindsFieldsAreDocumentedInOrderWithTypeAndWhetherRequired() throws IOException {
        List<String> doc = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        for (FactKind kind : FactKind.values()) {
            List<String> expected = new ArrayList<>();
            for (RecordComponent c : kind.type().getRecordComponents()) {
                expected.add("| `" + c.getName() + "` | " + type(c) + " | " + (required(c) ? "required" : "optional") + " |");
            }
            assertThat(documented(doc, kind)).as(kind.type().getSimpleName() + " in docs/facts.md").isEqualTo(expected);
            assertThat(String.join("\n", doc)).as("its CSV file is named").contains("CSV `" + kind.key() + ".csv`");
        }
    }

    /** The first three cells of each row of the first table under the kind's heading. */
    private static List<String> documented(List<String> doc, FactKind kind) {
        int at = doc.indexOf("### " + kind.type().getSimpleName());
        assertThat(at).as("a section '### " + kind.type().getSimpleName() + "'").isNotNegative();
        while (!doc.get(at).startsWith("| field |")) {
            at++;
        }
        List<String> rows = new ArrayList<>();
        for (int i = at + 2; i < doc.size() && doc.get(i).startsWith("|"); i++) {
            String[] cells = doc.get(i).split(" \\| ", -1);
            rows.add(cells[0] + " | " + cells[1] + " | " + cells[2] + " |");
        }
        return rows;
    }

    private static boolean required(RecordComponent c) {
        return !c.isAnnotationPresent(Nullable.class) && c.getType() != boolean.class && c.getType() != List.class;
    }

    private static String type(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == List.class) {
            return "list of enum `" + ((Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0])
                    .getSimpleName() + "`";
        }
        if (t.isEnum()) {
            return "enum `" + t.getSimpleName() + "`";
        }
        if (t == String.class) {
            return "text";
        }
        if (t == LocalDate.class) {
            return "date";
        }
        if (t == LocalDateTime.class) {
            return "timestamp";
        }
        if (t == YearMonth.class) {
            return "month";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "whole number";
        }
        if (t == double.class || t == Double.class) {
            return "number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true/false";
        }
        throw new AssertionError("no documented type for " + t);
    }
}
