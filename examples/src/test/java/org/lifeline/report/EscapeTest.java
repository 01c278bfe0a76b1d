package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each context's escaping, value by value. */
class EscapeTest {

    @Test
    void visibleShowsControlSeparatorAndBidiCharactersAsEscapes() {
        assertThat(Escape.visible("a\nb\r\tc")).isEqualTo("a\\nb\\r\\tc");
        assertThat(Escape.visible("\u0000\u0007\u001b[31m\u007f\u0085")).isEqualTo("\\u0000\\u0007\\u001B[31m\\u007F\\u0085");
        assertThat(Escape.visible("线\u2028分\u2029段")).isEqualTo("线\\u2028分\\u2029段");
        assertThat(Escape.visible("\u202Eevil\u202C\u2066x\u2069")).isEqualTo("\\u202Eevil\\u202C\\u2066x\\u2069");
        assertThat(Escape.visible("广州市团委 &lt; ${x} \\n")).isEqualTo("广州市团委 &lt; ${x} \\n");
        assertThat(Escape.visible(null)).isEmpty();
        String plain = "示例团支部";
        assertThat(Escape.visible(plain)).isSameAs(plain);
    }

    @Test
    void htmlEscapesMarkupAndQuotesAfterMakingControlsVisible() {
        assertThat(Escape.html("<!--<script>")).isEqualTo("&lt;!--&lt;script&gt;");
        assertThat(Escape.html("\"'><svg onload=x>")).isEqualTo("&quot;&#39;&gt;&lt;svg onload=x&gt;");
        assertThat(Escape.html("&lt;")).isEqualTo("&amp;lt;");
        assertThat(Escape.html("a\nb")).isEqualTo("a\\nb");
        assertThat(Escape.html(null)).isEmpty();
    }

    @Test
    void scriptJsonHasNoCharacterThatCanEndOrAlterTheScriptAndStillParses() throws Exception {
        String hostile = "</script><!--<script>&'\"\u2028\u2029\n${x}";
        String json = Escape.scriptJson(Map.of("data", List.of(hostile)));
        assertThat(json).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029", "\n")
                .contains("\\u003C/script\\u003E", "\\u2028", "\\u2029");
        assertThat(new ObjectMapper().readTree(json).get("data").get(0).asText()).isEqualTo(hostile);
    }

    @Test
    void fragmentIdsAreAsciiSafeInAttributesAndUrlsAndDistinct() {
        assertThat(Escape.fragmentId("v", "T04.HOLLOW_BRANCH", "ORGANIZATION", "B1")).isEqualTo("v/T04.HOLLOW_BRANCH/ORGANIZATION/B1");
        String hostile = Escape.fragmentId("u", "B\"><img src=x>", "t4");
        assertThat(hostile).matches("[A-Za-z0-9_.~/-]+").isEqualTo("u/B~0022~003e~003cimg~0020src~003dx~003e/t4");
        assertThat(Escape.fragmentId("u", "支部", "t1")).isEqualTo("u/~652f~90e8/t1");
        assertThat(Escape.fragmentId("u", "a/b", "t1")).isNotEqualTo(Escape.fragmentId("u", "a", "b/t1"));
        assertThat(Escape.fragmentId("u", "a_b", "t1")).isNotEqualTo(Escape.fragmentId("u", "a~005fb", "t1"));
        assertThat(Escape.fragmentId("u", "", "t1")).isEqualTo("u//t1");
    }

    @Test
    void csvCellsThatCouldBeFormulasArePrefixedAndQuoted() {
        assertThat(Escape.csvCell("=HYPERLINK(\"http://example.invalid\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"");
        for (String s : List.of("+1", "-1", "@SUM(1)", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠x")) {
            assertThat(Escape.csvCell(s)).as(s).isEqualTo("\"'" + s + "\"");
        }
        // a value that already looks neutralised gets one more quote, so that stripping one gives it back
        assertThat(Escape.csvCell("'=1")).isEqualTo("\"''=1\"");
        assertThat(Escape.csvCell("'plain")).isEqualTo("'plain");
        assertThat(Escape.csvCell("示例团支部,一")).isEqualTo("\"示例团支部,一\"");
        assertThat(Escape.csvCell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(Escape.csvCell("团委-2")).isEqualTo("团委-2");
        assertThat(Escape.csvCell("")).isEmpty();
        assertThat(Escape.csvCell(null)).isEmpty();
        assertThat(Escape.csvNumber(-0.5)).isEqualTo("-0.5");
        assertThat(Escape.csvNumber(null)).isEmpty();
    }
}
