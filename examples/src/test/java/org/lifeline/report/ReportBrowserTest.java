package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lifeline.cli.MainAccess;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads the HTML report of the bundled sample in headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs): the matrix and every chart must render, the console must stay free of errors, and a
 * screenshot is saved as target/report-screenshot.png. Skipped only outside CI when Chromium is not installed.
 */
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void theReportRendersItsMatrixAndChartsWithoutConsoleErrors() throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!ci) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium not installed");
        } else {
            assertThat(CHROMIUM).as("CI installs Debian's chromium (.ci/run)").isExecutable();
        }
        Path html = Path.of("target", "report-sample.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        StringWriter err = new StringWriter();
        int code = MainAccess.run(new String[] {"check", "--format", "html", "--out", html.toString()}, new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,2000",
                "--user-data-dir=" + Files.createTempDirectory("lifeline-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(html.toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector(".chart svg")).size()
                    == d.findElements(By.cssSelector(".chart")).size());
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
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("console errors").isEmpty();
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }
}
