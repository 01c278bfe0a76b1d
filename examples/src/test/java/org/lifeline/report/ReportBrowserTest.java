package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.cli.MainAccess;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Share;
import org.lifeline.engine.Violation;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads HTML reports in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs): the
 * bundled sample's report must render its matrix and every chart with a clean console (screenshot:
 * target/report-screenshot.png), and a report of hostile names ({@link HostileFixture}) must render completely
 * without running any injected script (target/report-hostile.html, target/report-hostile.png). Skipped only
 * outside CI when Chromium is not installed ({@link Chromium}).
 */
class ReportBrowserTest {

    @Test
    void chromiumIsRequiredUnderCi() {
        assertThat(Chromium.decide("true", false)).isEqualTo(Chromium.Availability.FAIL);
        assertThat(Chromium.decide("1", false)).isEqualTo(Chromium.Availability.FAIL);
        assertThat(Chromium.decide(null, false)).isEqualTo(Chromium.Availability.SKIP);
        assertThat(Chromium.decide("", false)).isEqualTo(Chromium.Availability.SKIP);
        assertThat(Chromium.decide("true", true)).isEqualTo(Chromium.Availability.RUN);
        assertThat(Chromium.decide(null, true)).isEqualTo(Chromium.Availability.RUN);
    }

    @Test
    void theReportRendersItsMatrixAndChartsWithoutConsoleErrors() throws Exception {
        Chromium.require();
        Path html = Path.of("target", "report-sample.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        StringWriter err = new StringWriter();
        int code = MainAccess.run(new String[] {"check", "--format", "html", "--out", html.toString()}, new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();

        ChromeDriver driver = Chromium.start();
        try {
            driver.get(html.toUri().toString());
            waitForCharts(driver);
            WebElement matrix = driver.findElement(By.id("matrix"));
            assertThat(matrix.findElements(By.tagName("tr"))).hasSizeGreaterThan(20);
            assertThat(matrix.findElements(By.cssSelector("td.VIOLATION a"))).isNotEmpty();
            List<WebElement> charts = driver.findElements(By.cssSelector(".chart"));
            assertThat(charts).hasSize(3);
            for (WebElement c : charts) {
                assertThat(c.findElements(By.cssSelector("svg path"))).as("chart %s drawn", c.getAttribute("data-key")).isNotEmpty();
            }
            // a matrix cell links to its violations
            String href = matrix.findElement(By.cssSelector("td.cell a")).getAttribute("href");
            assertThat(driver.findElements(By.id(href.substring(href.indexOf('#') + 1)))).hasSize(1);
            assertThat(driver.findElement(By.id("spot-check")).getText()).contains("抽查名单");
            assertThat(driver.findElements(By.id("incomplete"))).as("no failure banner without failures").isEmpty();
            // the task names are in the header, not only on hover
            assertThat(texts(driver, "#matrix th.task")).hasSize(ReportModel.TASKS.size())
                    .contains("任务1毕业生统计", "任务2流动团支部", "任务12关系转接", "数据异常");
            assertThat(matrix.findElement(By.cssSelector("th.task")).getAttribute("title")).as("the full name on hover").isEqualTo(ReportModel.TASKS.get(1));
            // where to call: each member's organisation and its path, the finding in Chinese
            WebElement call = driver.findElement(By.cssSelector("tr.call"));
            assertThat(call.findElement(By.cssSelector(".path")).getText()).contains(" / ");
            assertThat(call.findElements(By.tagName("td")).get(3).getText()).containsPattern("[\\u4e00-\\u9fff]{4}");

            // Chinese renders as glyphs (not boxes) in the title, the matrix header, a violation, a call and a chart label
            List<WebElement> chinese = new ArrayList<>(List.of(driver.findElement(By.tagName("h1")),
                    matrix.findElement(By.cssSelector("th.task")), driver.findElement(By.cssSelector("#violations ~ section tr td:nth-child(3)")),
                    call.findElement(By.cssSelector(".path"))));
            chinese.add(charts.get(1).findElements(By.cssSelector("svg text")).stream()
                    .filter(t -> t.getText().matches(".*[\\u4e00-\\u9fff]{2}.*") && t.getText().contains("中学")).findFirst().orElseThrow());
            for (WebElement el : chinese) {
                assertThat(Chromium.glyphProblem(driver, el, Chromium.CHINESE)).as("Chinese of <%s> %s", el.getTagName(), el.getText()).isNull();
            }
            Chromium.assertNoConsoleErrors(driver);
            Chromium.screenshot(driver, Path.of("target", "report-screenshot.png"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aReportWithHistoryShowsTheChangesFirstAndEveryUnitsShareOverTheSnapshots() throws Exception {
        Chromium.require();
        Path work = Files.createTempDirectory("lifeline-history-report");
        Path history = work.resolve("campaign");
        Path html = Path.of("target", "report-history.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        for (String date : List.of("2018-07-01", "2018-07-08", "2018-07-15", "2018-07-22")) {
            StringWriter err = new StringWriter();
            int code = MainAccess.run(new String[] {"check", "--as-of", date, "--history", history.toString(),
                    "--format", "html", "--out", html.toString()}, new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
        }

        ChromeDriver driver = Chromium.start();
        try {
            driver.get(html.toUri().toString());
            waitForCharts(driver);
            new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage("every trend chart drawn")
                    .until(d -> d.findElements(By.cssSelector(".trend svg")).size() == d.findElements(By.cssSelector(".trend")).size());
            JavascriptExecutor js = driver;
            assertThat((String) js.executeScript("return document.querySelector('h2').parentElement.id"))
                    .as("the first section is the changes since the last check").isEqualTo("since-last");
            assertThat(driver.findElement(By.id("since-last")).getText()).contains("与上次检查（截至 2018-07-15）相比", "新增", "已解决");
            assertThat(driver.findElements(By.cssSelector("#at-risk tr.at-risk"))).isNotEmpty();
            List<WebElement> trends = driver.findElements(By.cssSelector(".trend"));
            assertThat(trends).extracting(t -> t.getAttribute("data-key")).containsExactly("T10.REGISTRATION", "T12.TRANSFER");
            for (WebElement t : trends) {
                int units = Integer.parseInt(t.getAttribute("data-units"));
                assertThat(units).isPositive();
                // one solid line per unit over the four dates; dashed forecasts; the milestones as points
                assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                        + ".filter(s => s.type === 'line' && !(s.lineStyle && s.lineStyle.type === 'dashed'))"
                        + ".every(s => s.data.length === 4)", t)).as("every unit has four points in %s", t.getAttribute("data-key")).isEqualTo(true);
                assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                        + ".filter(s => s.type === 'line' && !(s.lineStyle && s.lineStyle.type === 'dashed')).length", t))
                        .isEqualTo((long) units);
                assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                        + ".filter(s => s.type === 'scatter')[0].data.length", t))
                        .as("the milestones of %s", t.getAttribute("data-key"))
                        .isEqualTo(t.getAttribute("data-key").equals("T12.TRANSFER") ? 4L : 3L);
            }
            assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().series"
                    + ".filter(s => s.lineStyle && s.lineStyle.type === 'dashed').length", trends.get(1)))
                    .as("forecasts of T12 dashed").isNotEqualTo(0L);
            Chromium.assertNoConsoleErrors(driver);
            Chromium.screenshot(driver, Path.of("target", "report-history.png"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aReportOfHostileNamesRendersCompletelyAndRunsNoInjectedScript() throws Exception {
        Chromium.require();
        HostileFixture fx = HostileFixture.get();
        ReportModel model = fx.model();
        Evaluation e = fx.evaluation;
        Path html = Path.of("target", "report-hostile.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            HtmlReport.write(model, new PrintWriter(w));
        }

        ChromeDriver driver = Chromium.start();
        try {
            driver.get(html.toUri().toString());
            waitForCharts(driver);
            JavascriptExecutor js = driver;
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete".equals(js.executeScript("return document.readyState")));

            // everything after the charts is there, in order, complete
            List<WebElement> charts = driver.findElements(By.cssSelector(".chart"));
            assertThat(charts).isNotEmpty();
            for (String id : List.of("violations", "spot-check", "rule-failures")) {
                assertThat((Boolean) js.executeScript("const c = document.querySelectorAll('.chart'); const s = document.getElementById(arguments[0]);"
                        + "return s !== null && (c[c.length - 1].compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;", id))
                        .as("section #%s after the charts", id).isTrue();
            }
            assertThat(driver.findElements(By.cssSelector("tr[id^='v/']"))).hasSize(e.violations().size());
            assertThat(driver.findElements(By.cssSelector("tr.call"))).hasSize(e.spotCheckPlan().all().size());
            assertThat(driver.findElements(By.cssSelector("#failures tr"))).hasSize(1 + e.failures().size());
            WebElement banner = driver.findElement(By.id("incomplete"));
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getText()).startsWith("评估不完整：2 条规则执行失败");
            assertThat((Boolean) js.executeScript("return document.body.firstElementChild.nextElementSibling.nextElementSibling.id === 'incomplete'"))
                    .as("the banner comes right after the title and summary").isTrue();

            // the hostile text is shown as text
            List<String> expectedUnits = new ArrayList<>();
            model.byUnit().keySet().forEach(u -> expectedUnits.add(Escape.visible(model.unitName(u))));
            assertThat(texts(js, "#matrix tr td:first-child")).isEqualTo(expectedUnits);
            for (Violation v : e.violations()) {
                if (v.subjectId().equals(HostileFixture.HOSTILE_ID) || v.subjectId().equals(HostileFixture.CHINESE_ID)
                        || v.message().contains("<!--<script>") || v.message().contains("\n")) {
                    Object row = js.executeScript("const r = document.getElementById(arguments[0]); return r && r.textContent;", ReportModel.anchor(v));
                    assertThat((String) row).as("row of %s", v.key()).isNotNull().contains(Escape.visible(v.message()), Escape.visible(v.responsibleName()));
                }
            }
            assertThat(texts(js, "#failures td")).contains(Escape.visible(fx.failures.get(1).ruleId()), Escape.visible(fx.failures.get(0).error()));
            // every matrix link reaches its violations
            assertThat((Boolean) js.executeScript("return [...document.querySelectorAll('#matrix a')].every(a => "
                    + "document.getElementById(decodeURIComponent(a.hash.slice(1))) !== null)")).isTrue();

            // the chart labels reached ECharts intact; show every tooltip, where ECharts writes HTML
            for (int i = 0; i < charts.size(); i++) {
                String key = charts.get(i).getAttribute("data-key");
                List<Share> shares = new ArrayList<>(e.sharesOf(key));
                shares.sort(Comparator.comparingDouble(Share::share).thenComparing(Share::subjectId));
                List<String> labels = shares.stream().map(s -> Escape.visible(model.orgName(s.subjectId()))).toList();
                WebElement all = driver.findElement(By.id(charts.get(i).getAttribute("id") + "-all"));
                if (all.isDisplayed()) {
                    all.click();
                }
                assertThat(js.executeScript("return echarts.getInstanceByDom(arguments[0]).getOption().yAxis[0].data;", charts.get(i)))
                        .as("labels of %s", key).isEqualTo(labels);
                js.executeScript("const c = echarts.getInstanceByDom(arguments[0]);"
                        + "for (let k = 0; k < arguments[1]; k++) c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: k});",
                        charts.get(i), labels.size());
            }
            Thread.sleep(300);

            // the filter by top unit, every hostile unit in turn: one matrix row, its name shown as text
            org.openqa.selenium.support.ui.Select filter = new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("unit-filter")));
            int options = filter.getOptions().size();
            assertThat(options).isGreaterThan(expectedUnits.size());
            for (int i = 1; i < options; i++) {
                filter.selectByIndex(i);
                String name = filter.getFirstSelectedOption().getText();
                assertThat(driver.findElement(By.id("filter-note")).getText()).contains(name);
                assertThat((Long) js.executeScript("return [...document.querySelectorAll('#matrix tbody tr')]"
                        + ".filter(r => r.getClientRects().length > 0).length")).isLessThanOrEqualTo(1L);
            }
            filter.selectByIndex(0);

            // nothing injected ran or was created
            assertThat(js.executeScript("return window.__pwned === undefined ? null : String(window.__pwned)")).as("injected script ran").isNull();
            assertThat(driver.findElements(By.tagName("img"))).isEmpty();
            assertThat((Boolean) js.executeScript("return [...document.querySelectorAll('svg')].every(s => s.closest('.chart') !== null)")).isTrue();
            assertThat((Boolean) js.executeScript("return [...document.querySelectorAll('*')].every(el => "
                    + "[...el.attributes].every(a => !a.name.startsWith('on')))")).as("no event handler attributes").isTrue();
            Chromium.assertNoConsoleErrors(driver);
            Chromium.screenshot(driver, Path.of("target", "report-hostile.png"));
        } finally {
            driver.quit();
        }
    }

    private static void waitForCharts(ChromeDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage("every chart drawn (a chart's script did not run)")
                .until(d -> d.findElements(By.cssSelector(".chart svg")).size() == d.findElements(By.cssSelector(".chart")).size());
    }

    static void waitForChartsDrawn(ChromeDriver driver) {
        waitForCharts(driver);
    }

    @SuppressWarnings("unchecked")
    static List<String> texts(JavascriptExecutor js, String selector) {
        return (List<String>) js.executeScript("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", selector);
    }
}
