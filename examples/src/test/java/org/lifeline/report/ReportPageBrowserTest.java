package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.cli.MainAccess;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Share;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report read by people on ordinary machines, in headless Chromium: Chinese must render as glyphs (and
 * the check must catch boxes), a percentage chart stays readable with hundreds of units, the filter by top unit
 * narrows every list, and the page prints to a PDF of several pages without its controls.
 */
class ReportPageBrowserTest {

    private static Path sample;

    /** The bundled sample's HTML report, written once for the tests of this class. */
    private static synchronized Path sample() {
        if (sample == null) {
            Path html = Path.of("target", "report-page-sample.html").toAbsolutePath();
            try {
                Files.createDirectories(html.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            StringWriter err = new StringWriter();
            int code = MainAccess.run(new String[] {"check", "--format", "html", "--out", html.toString()}, new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            sample = html;
        }
        return sample;
    }

    @Test
    void chineseRendersAsBoxesWhenNoCjkFontIsInstalledAndTheCheckSaysSo() throws Exception {
        Chromium.require();
        // a fontconfig that sees only Latin fonts: what a plain machine without a CJK font has
        Path dir = Files.createTempDirectory("lifeline-fonts");
        StringBuilder conf = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n");
        for (String latin : List.of("dejavu", "liberation", "liberation2")) {
            Path d = Path.of("/usr/share/fonts/truetype", latin);
            if (Files.isDirectory(d)) {
                conf.append("<dir>").append(d).append("</dir>\n");
            }
        }
        conf.append("<cachedir>").append(dir.resolve("cache")).append("</cachedir>\n</fontconfig>\n");
        Path file = Files.writeString(dir.resolve("fonts.conf"), conf);

        ChromeDriver driver = Chromium.start(Map.of("FONTCONFIG_FILE", file.toString()));
        try {
            driver.get(sample().toUri().toString());
            ReportBrowserTest.waitForChartsDrawn(driver);
            WebElement title = driver.findElement(By.tagName("h1"));
            assertThat(Chromium.glyphProblem(driver, title, Chromium.CHINESE)).as("without a CJK font").isNotNull();
            assertThat(Chromium.glyphProblem(driver, driver.findElement(By.cssSelector("#matrix th.task")), Chromium.CHINESE)).isNotNull();
            // the Latin fonts it does have render as glyphs: the check tells the two apart
            WebElement rule = driver.findElement(By.cssSelector("#violations ~ section tr td:nth-child(2)"));
            assertThat(Chromium.glyphProblem(driver, rule, "[A-Z]")).as("Latin of %s", rule.getText()).isNull();
        } finally {
            driver.quit();
        }
    }

    @Test
    void fiveHundredUnitsShowTheFortyWorstFirstThenAllWithoutOverlappingLabels() throws Exception {
        Chromium.require();
        Evaluation e = ManyUnits.evaluation(500);
        ReportModel model = new ReportModel(e, ManyUnits.facts(500), ManyUnits.calendar());
        Path html = Path.of("target", "report-500-units.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            HtmlReport.write(model, new PrintWriter(w));
        }
        ChromeDriver driver = Chromium.start();
        try {
            driver.get(html.toUri().toString());
            ReportBrowserTest.waitForChartsDrawn(driver);
            JavascriptExecutor js = driver;
            WebElement chart = driver.findElement(By.cssSelector(".chart[data-key='T12.TRANSFER']"));
            assertThat(chart.getAttribute("data-units")).isEqualTo("500");
            assertThat(chart.getAttribute("data-shown")).isEqualTo("40");
            WebElement all = driver.findElement(By.id(chart.getAttribute("id") + "-all"));
            assertThat(all.isDisplayed()).isTrue();
            assertThat(all.getText()).isEqualTo("显示全部 500 个");
            // the worst first: the forty lowest shares, ascending
            List<Double> worst = e.shares().stream().map(Share::share).sorted().limit(40).map(s -> Math.round(s * 1000) / 10.0).toList();
            assertThat(values(js, chart)).isEqualTo(worst);
            assertNoLabelsOverlap(js, chart, 40);

            all.click();
            assertThat(chart.getAttribute("data-shown")).isEqualTo("500");
            assertThat(all.getText()).isEqualTo("只显示最低的 40 个");
            assertThat(chart.getSize().getHeight()).as("the chart grows with its bars").isGreaterThan(500 * 20);
            assertThat(values(js, chart)).isSorted().hasSize(500);
            assertNoLabelsOverlap(js, chart, 500);
            // the milestone that judged it (solid) and the next one (dashed), as lines across the bars
            assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".filter(s => s.markLine).map(s => s.name + ' ' + s.markLine.data[0].xAxis + ' ' + s.markLine.lineStyle.type)", chart))
                    .isEqualTo(List.of("已过节点 8月30日 80.0% 80 solid", "下一节点 9月30日 100.0% 100 dashed"));
            Chromium.assertNoConsoleErrors(driver);
            Chromium.screenshot(driver, Path.of("target", "report-500-units.png"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void theFilterByTopUnitShowsOnlyThatUnitsMatrixRowViolationsCallsAndBars() {
        Chromium.require();
        ChromeDriver driver = Chromium.start();
        try {
            driver.get(sample().toUri().toString());
            ReportBrowserTest.waitForChartsDrawn(driver);
            JavascriptExecutor js = driver;
            int rows = visible(js, "#matrix tbody tr").size();
            int calls = visible(js, "tr.call").size();
            WebElement t10 = driver.findElement(By.cssSelector(".chart[data-key='T10.REGISTRATION']"));
            assertThat(rows).isGreaterThan(20);
            // a city with violations and spot-check calls
            String key = driver.findElement(By.cssSelector("tr.call")).getAttribute("data-unit");
            Select select = new Select(driver.findElement(By.id("unit-filter")));
            select.selectByValue(key);
            String name = select.getFirstSelectedOption().getText();

            assertThat(visible(js, "#matrix tbody tr")).hasSize(1);
            assertThat(visible(js, "#matrix tbody tr td:first-child")).containsExactly(name);
            assertThat(visible(js, "#violations ~ section.unit h3")).containsExactly(name);
            List<String> shownCalls = visible(js, "tr.call td:nth-child(3)");
            assertThat(shownCalls).isNotEmpty().hasSizeLessThan(calls).allMatch(name::equals);
            assertThat((Boolean) js.executeScript("return [...document.querySelectorAll('.group')].every(g => "
                    + "g.hidden === (g.querySelector('tr.call:not([hidden])') === null))")).as("a group without calls of the unit is hidden").isTrue();
            // one city: one bar in the chart of cities
            assertThat(t10.getAttribute("data-shown")).isEqualTo("1");
            assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().yAxis[0].data", t10))
                    .isEqualTo(List.of(name));
            assertThat(driver.findElement(By.id("filter-note")).getText()).contains(name);

            select.selectByValue("");
            assertThat(visible(js, "#matrix tbody tr")).hasSize(rows);
            assertThat(visible(js, "tr.call")).hasSize(calls);
            assertThat(t10.getAttribute("data-shown")).isEqualTo(t10.getAttribute("data-units"));
            Chromium.assertNoConsoleErrors(driver);
        } finally {
            driver.quit();
        }
    }

    @Test
    void inPrintTheControlsAreHiddenSectionsStartAPageRowsStayWholeAndColoursAreKept() {
        Chromium.require();
        ChromeDriver driver = Chromium.start();
        try {
            driver.get(sample().toUri().toString());
            ReportBrowserTest.waitForChartsDrawn(driver);
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            JavascriptExecutor js = driver;
            assertThat(style(js, ".controls", "display")).isEqualTo("none");
            assertThat(style(js, ".chart-all", "display")).isEqualTo("none");
            for (String id : List.of("shares", "violations", "spot-check")) {
                assertThat(style(js, "#" + id, "break-before")).as("#%s starts a page", id).isEqualTo("page");
            }
            assertThat(style(js, "#matrix tbody tr", "break-inside")).isEqualTo("avoid");
            assertThat(style(js, ".chart-box", "break-inside")).isEqualTo("avoid");
            assertThat(style(js, "#matrix thead", "display")).as("headers repeat on each page").isEqualTo("table-header-group");
            assertThat(style(js, "td.VIOLATION", "print-color-adjust")).isEqualTo("exact");
            // an A4 landscape page (297 mm less 2 × 10 mm margins) is 1047 CSS pixels wide: every chart fits in it
            assertThat((Boolean) js.executeScript("return [...document.querySelectorAll('.chart svg')].every(s => "
                    + "s.getBoundingClientRect().width <= 1047)")).isTrue();
            assertThat((String) js.executeScript("return [...document.styleSheets[0].cssRules].filter(r => r.media && r.media.mediaText === 'print')"
                    + ".map(r => r.cssText.toLowerCase()).join()")).as("the print rules").contains("@page", "a4 landscape");
        } finally {
            driver.quit();
        }
    }

    @Test
    void theReportPrintsToAPdfOfSeveralPages() throws Exception {
        Chromium.require();
        ChromeDriver driver = Chromium.start();
        try {
            driver.get(sample().toUri().toString());
            ReportBrowserTest.waitForChartsDrawn(driver);
            PrintOptions options = new PrintOptions();
            options.setOrientation(PrintOptions.Orientation.LANDSCAPE);
            options.setBackground(true);
            Pdf pdf = driver.print(options);
            byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
            Path out = Files.write(Path.of("target", "report-sample.pdf"), bytes);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("%PDF-");
            int pages = pages(text);
            // the matrix, then a page break before the charts, the violations and the spot-check list
            assertThat(pages).as("pages of %s", out).isGreaterThanOrEqualTo(4);
            assertThat(bytes.length).as("a PDF with content").isGreaterThan(100_000);
        } finally {
            driver.quit();
        }
    }

    /** The page objects of a PDF (its {@code /Type /Page} dictionaries, not {@code /Pages}). */
    static int pages(String pdf) {
        Matcher m = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(pdf);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aPdfsPagesAreCountedWithoutItsPageTree() {
        assertThat(pages("<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>")).isEqualTo(2);
    }

    /**
     * No two y-axis labels of the chart overlap: the labels are the SVG texts left of the plot (ECharts anchors
     * them at their end), as many as bars.
     */
    private static void assertNoLabelsOverlap(JavascriptExecutor js, WebElement chart, int bars) {
        @SuppressWarnings("unchecked")
        List<List<Number>> boxes = (List<List<Number>>) js.executeScript("""
                const chart = echarts.getInstanceByDom(arguments[0]);
                const left = chart.convertToPixel({xAxisIndex: 0}, 0) + arguments[0].getBoundingClientRect().left;
                return [...arguments[0].querySelectorAll('svg text')]
                  .map(t => t.getBoundingClientRect())
                  .filter(r => r.right <= left + 1 && r.width > 0)
                  .map(r => [r.left, r.top, r.right, r.bottom]);""", chart);
        assertThat(boxes).as("one label per bar").hasSize(bars);
        List<List<Number>> sorted = new ArrayList<>(boxes);
        sorted.sort((a, b) -> Double.compare(a.get(1).doubleValue(), b.get(1).doubleValue()));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).get(1).doubleValue()).as("label %d starts below label %d ends", i, i - 1)
                    .isGreaterThanOrEqualTo(sorted.get(i - 1).get(3).doubleValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Double> values(JavascriptExecutor js, WebElement chart) {
        return ((List<Number>) js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series[0].data.map(d => d.value)",
                chart)).stream().map(Number::doubleValue).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> visible(JavascriptExecutor js, String selector) {
        return (List<String>) js.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".filter(e => e.getClientRects().length > 0).map(e => e.textContent);", selector);
    }

    private static String style(JavascriptExecutor js, String selector, String property) {
        return (String) js.executeScript("return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
                selector, property);
    }

    /** A province of many schools, each with a measured task-12 share, spread over 21 cities; no violations. */
    static final class ManyUnits {

        static final LocalDate AS_OF = LocalDate.of(2018, 9, 26);

        private ManyUnits() {
        }

        static FactSet facts(int schools) {
            List<Fact> all = new ArrayList<>();
            all.add(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
            for (int c = 1; c <= 21; c++) {
                all.add(Organization.of("C" + c, "示例" + c + "市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL));
            }
            for (int s = 0; s < schools; s++) {
                String city = "C" + (s % 21 + 1);
                // some names long enough to be cut short on the axis
                String name = s % 7 == 0 ? "示例" + city + "市示例县区第" + s + "职业技术学校附属实验中学团委" : "示例" + city + "第" + s + "中学团委";
                all.add(Organization.of("S" + s, name, city, OrgType.COMMITTEE, Sector.MIDDLE_SCHOOL));
            }
            return FactSet.of(all);
        }

        static Evaluation evaluation(int schools) {
            List<Share> shares = new ArrayList<>();
            for (int s = 0; s < schools; s++) {
                shares.add(new Share("T12.TRANSFER", "S" + s, (s * 37) % 101, 100));
            }
            return new Evaluation(AS_OF, "test", List.of(), new SpotCheckPlan(Map.of()), List.of(), shares);
        }

        static CampaignCalendar calendar() {
            try (InputStream in = ManyUnits.class.getClassLoader().getResourceAsStream("lifeline/calendar.yaml")) {
                return CampaignCalendar.read(in, "calendar.yaml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
