package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium and its driver (.ci/run installs both), for the browser tests. Without them a test
 * is skipped on a developer's machine but fails when the environment variable {@code CI} is set: CI must not
 * pass by skipping the browser.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    enum Availability { RUN, SKIP, FAIL }

    private Chromium() {
    }

    /** What a browser test does, given the value of {@code CI} (null when unset) and whether Chromium is installed. */
    static Availability decide(String ci, boolean installed) {
        if (installed) {
            return Availability.RUN;
        }
        return ci != null && !ci.isBlank() ? Availability.FAIL : Availability.SKIP;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** Returns when the browser can be started; otherwise skips the test, or fails it under CI. */
    static void require() {
        switch (decide(System.getenv("CI"), installed())) {
            case RUN -> {
            }
            case SKIP -> Assumptions.abort("chromium not installed (" + BINARY + ", " + DRIVER + "); the test runs when it is, and fails under CI without it");
            case FAIL -> Assertions.fail("CI is set but " + BINARY + " or " + DRIVER
                    + " is missing: .ci/run installs chromium and chromium-driver; the browser test must not be skipped in CI");
        }
    }

    /** A headless browser that records the console. */
    static ChromeDriver start() {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,2000",
                    "--user-data-dir=" + Files.createTempDirectory("lifeline-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** The console's errors so far. */
    static List<LogEntry> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    static void screenshot(ChromeDriver driver, Path to) {
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertNoConsoleErrors(ChromeDriver driver) {
        assertThat(consoleErrors(driver)).as("console errors").isEmpty();
    }
}
