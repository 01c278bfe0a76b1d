package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;

/**
 * Every report format over the sample province renamed with hostile names ({@link HostileFixture}): the data
 * cannot add lines, formulas or markup, every value round-trips where the format is for machines, and the rule
 * failures are shown. The HTML is also rendered in Chromium by {@link ReportBrowserTest}.
 */
class HostileReportTest {

    static HostileFixture fx;
    static Evaluation e;

    @BeforeAll
    static void evaluate() {
        fx = HostileFixture.get();
        e = fx.evaluation;
        // the fixture is as hostile as intended: names reach messages, charts and the spot-check plan
        assertThat(e.violations()).hasSizeGreaterThan(50);
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.responsibleName()).startsWith("="));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.message()).contains("\n"));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.message()).contains("</script>"));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.subjectId()).isEqualTo(HostileFixture.HOSTILE_ID));
        assertThat(e.spotCheckPlan().isEmpty()).isFalse();
        assertThat(e.shares()).isNotEmpty();
    }

    // ---- text ----

    @Test
    void textHasOneLinePerItemAndNoRawControlCharacters() {
        StringWriter s = new StringWriter();
        TextReport.write(fx.model(), new PrintWriter(s));
        String text = s.toString();
        for (char c : text.toCharArray()) {
            assertThat(c == '\n' || !Escape.isHidden(c)).as("raw U+%04X in the text report", (int) c).isTrue();
        }
        List<String> lines = List.of(text.split("\n", -1));
        assertThat(lines.get(lines.size() - 1)).isEmpty();
        assertThat(lines.size() - 1).isEqualTo(expectedTextLines(fx.model()));
        assertThat(lines.stream().filter(l -> l.matches("    \\[(逾期未完成|临近截止|数据异常)] .*"))).hasSize(e.violations().size());
        assertThat(lines.stream().filter(l -> l.startsWith("== ") && l.endsWith(" =="))).hasSize(fx.model().byUnit().size() + 2);
        assertThat(text).contains("第一行\\n    [逾期未完成] T99.FORGED  伪造的一行\\r\\n== 伪造单位 ==",
                "\\u202Eevil\\u202C\\u0000\\u0007\\u001B[31m红色", "线\\u2028分隔\\u2029段落");
        // the failures: announced under the summary, listed at the end
        assertThat(lines.get(2)).startsWith("！！ 评估不完整：2 条规则执行失败");
        int block = lines.indexOf("== 规则执行失败（2 条，评估不完整） ==");
        assertThat(block).isGreaterThan(lines.indexOf("== 抽查名单（按联络组） =="));
        assertThat(lines.get(block + 1)).startsWith("  T04.NUMBERED_BRANCH  错误：java.lang.NumberFormatException");
        assertThat(lines.get(block + 2)).isEqualTo("    涉及事实：" + Escape.visible(String.join(", ", fx.failures.get(0).facts())));
        assertThat(lines.get(block + 3)).isEqualTo("  </script><img src=x onerror=\"window.__pwned='rule'\">  错误："
                + "=HYPERLINK(\"http://example.invalid\",\"x\")\\n第二行");
    }

    /** What the text report's line count must be, item by item. */
    private static int expectedTextLines(ReportModel m) {
        Evaluation ev = m.evaluation();
        int n = 2 + (ev.failures().isEmpty() ? 0 : 1);
        for (Map<Integer, List<Violation>> unit : m.byUnit().values()) {
            n += 2;
            for (List<Violation> task : unit.values()) {
                n += 1;
                for (Violation v : task) {
                    n += v.memberIds().isEmpty() ? 2 : 3;
                }
            }
        }
        if (!ev.spotCheckPlan().isEmpty()) {
            n += 2 + ev.spotCheckPlan().byGroup().size() + ev.spotCheckPlan().all().size();
        }
        if (!ev.failures().isEmpty()) {
            n += 2;
            for (RuleFailure f : ev.failures()) {
                n += f.facts().isEmpty() ? 1 : 2;
            }
        }
        return n;
    }

    // ---- CSV ----

    @Test
    void csvCellsAreNeutralisedQuotedAndRoundTrip() throws Exception {
        StringWriter s = new StringWriter();
        CsvReport.write(e, s);
        String csv = s.toString();
        assertThat(csv).startsWith("\ufeff");
        List<List<Cell>> rows = parseCsv(csv.substring(1));
        List<String> header = rows.get(0).stream().map(Cell::text).toList();
        assertThat(header).startsWith("ruleId", "task", "severity", "subjectType", "subjectId").endsWith("message", "messageEn", "record");
        assertThat(rows).hasSize(1 + e.violations().size() + e.failures().size());
        int neutralised = 0;
        for (List<Cell> row : rows) {
            assertThat(row).hasSize(header.size());
            for (Cell c : row) {
                if (!c.text().isEmpty()) {
                    assertThat(Escape.isFormulaStart(c.text().charAt(0))).as("unescaped formula cell %s", c.text()).isFalse();
                }
                if (c.text().matches("(?s)'+[=+\\-@\t\r＝＋－＠].*")) {
                    assertThat(c.quoted()).as("neutralised cell %s is quoted", c.text()).isTrue();
                    neutralised++;
                }
            }
        }
        assertThat(neutralised).isGreaterThan(10);
        int record = header.indexOf("record");
        List<List<Cell>> violations = rows.subList(1, 1 + e.violations().size());
        for (int i = 0; i < violations.size(); i++) {
            List<Cell> row = violations.get(i);
            assertThat(row.get(record).text()).isEqualTo("violation");
            Map<String, Object> f = JsonReport.fields(e.violations().get(i));
            for (String field : List.of("ruleId", "subjectId", "responsible", "responsibleName", "message", "messageEn", "memberIds")) {
                Object want = f.get(field);
                String expected = want instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList()) : String.valueOf(want);
                assertThat(unneutralise(row.get(header.indexOf(field)).text())).as(field).isEqualTo(expected);
            }
        }
        List<List<Cell>> failures = rows.subList(1 + e.violations().size(), rows.size());
        for (int i = 0; i < failures.size(); i++) {
            List<Cell> row = failures.get(i);
            RuleFailure rf = e.failures().get(i);
            assertThat(row.get(record).text()).isEqualTo("failure");
            assertThat(unneutralise(row.get(header.indexOf("ruleId")).text())).isEqualTo(rf.ruleId());
            assertThat(unneutralise(row.get(header.indexOf("relatedIds")).text())).isEqualTo(String.join(";", rf.facts()));
            assertThat(row.get(header.indexOf("message")).text()).isEqualTo("规则执行失败，该规则的检查结果不完整：" + rf.error());
            assertThat(row.get(header.indexOf("severity")).text()).isEmpty();
        }
    }

    /** The reverse of {@link Escape#csvCell}'s prefix. */
    private static String unneutralise(String s) {
        return s.matches("(?s)'+[=+\\-@\t\r＝＋－＠].*") ? s.substring(1) : s;
    }

    record Cell(String text, boolean quoted) {
    }

    /** A strict RFC 4180 reader, written here independently of the writer. */
    static List<List<Cell>> parseCsv(String text) {
        List<List<Cell>> rows = new ArrayList<>();
        List<Cell> row = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (inQuotes) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                    assertThat(i == text.length() || text.charAt(i) == ',' || text.charAt(i) == '\n')
                            .as("text after a closing quote at %d", i).isTrue();
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                assertThat(cur.length()).as("quote inside an unquoted cell at %d", i).isZero();
                inQuotes = true;
                quoted = true;
            } else if (c == ',' || c == '\n') {
                row.add(new Cell(cur.toString(), quoted));
                cur.setLength(0);
                quoted = false;
                if (c == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else {
                assertThat(c).as("bare CR at %d", i).isNotEqualTo('\r');
                cur.append(c);
            }
        }
        assertThat(inQuotes).as("unterminated quote").isFalse();
        assertThat(row).as("the last row ends with a newline").isEmpty();
        return rows;
    }

    // ---- JSON ----

    @Test
    void jsonParsesAndRoundTripsEveryHostileString() throws Exception {
        StringWriter s = new StringWriter();
        JsonReport.write(e, s);
        JsonNode doc = new ObjectMapper().readTree(s.toString());
        JsonNode vs = doc.get("violations");
        assertThat(vs.size()).isEqualTo(e.violations().size());
        for (int i = 0; i < vs.size(); i++) {
            Violation v = e.violations().get(i);
            assertThat(vs.get(i).get("subjectId").asText()).isEqualTo(v.subjectId());
            assertThat(vs.get(i).get("responsibleName").asText()).isEqualTo(v.responsibleName());
            assertThat(vs.get(i).get("message").asText()).isEqualTo(v.message());
            assertThat(vs.get(i).get("messageEn").asText()).isEqualTo(v.messageEn());
        }
        List<SpotCheckPlan.Call> calls = new ArrayList<>();
        doc.get("spotCheckPlan").forEach(g -> g.forEach(c -> calls.add(new SpotCheckPlan.Call(c.get("memberId").asText(),
                c.get("orgId").asText(), c.get("orgName").asText(), c.get("ruleId").asText(), c.get("subjectId").asText(),
                c.get("reason").asText()))));
        assertThat(calls).containsExactlyInAnyOrderElementsOf(e.spotCheckPlan().all());
        assertThat(doc.get("summary").get("failures").asInt()).isEqualTo(2);
        JsonNode fs = doc.get("failures");
        assertThat(fs.size()).isEqualTo(2);
        for (int i = 0; i < fs.size(); i++) {
            RuleFailure rf = e.failures().get(i);
            assertThat(fs.get(i).get("ruleId").asText()).isEqualTo(rf.ruleId());
            assertThat(fs.get(i).get("error").asText()).isEqualTo(rf.error());
            List<String> facts = new ArrayList<>();
            fs.get(i).get("facts").forEach(f -> facts.add(f.asText()));
            assertThat(facts).isEqualTo(rf.facts());
        }
    }

    // ---- HTML, as a string (the browser test renders it) ----

    @Test
    void htmlHoldsNoInjectedMarkupAndEveryLinkHasItsTarget() {
        StringWriter s = new StringWriter();
        HtmlReport.write(fx.model(), new PrintWriter(s));
        String html = s.toString();
        String body = html.substring(html.indexOf("</script></head><body>") + "</script></head><body>".length());
        assertThat(body).doesNotContain("<img", "<svg", "<!--", "onerror=\"", "onload=\"", "\u2028", "\u2029");
        int charts = count(body, "<div class=\"chart\"");
        assertThat(charts).isPositive();
        assertThat(count(body, "<script>")).isEqualTo(charts);
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(body);
        while (script.find()) {
            String js = script.group(1);
            assertThat(js).startsWith("lifeline.chart(").doesNotContain("\n").doesNotContain("<", ">", "&");
        }
        Set<String> ids = new HashSet<>();
        Matcher id = Pattern.compile(" id=\"([^\"]*)\"").matcher(body);
        while (id.find()) {
            assertThat(id.group(1)).matches("[A-Za-z0-9_.~/-]+");
            assertThat(ids.add(id.group(1))).as("id %s unique", id.group(1)).isTrue();
        }
        Matcher href = Pattern.compile("href=\"#([^\"]*)\"").matcher(body);
        int links = 0;
        while (href.find()) {
            assertThat(ids).contains(href.group(1));
            links++;
        }
        assertThat(links).isGreaterThan(10);
        assertThat(body).contains("id=\"incomplete\"", "id=\"rule-failures\"", "id=\"violations\"", "id=\"spot-check\"",
                Escape.html(HostileFixture.hostileName(14, "X3")));
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
