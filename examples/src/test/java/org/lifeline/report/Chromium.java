package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
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
        return start(Map.of());
    }

    /**
     * A headless browser whose driver (and so the browser) runs with these environment variables added, e.g.
     * {@code FONTCONFIG_FILE} to show it fewer fonts than the machine has.
     */
    static ChromeDriver start(Map<String, String> environment) {
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
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .withEnvironment(environment).build();
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

    /**
     * Whether the element's text renders as glyphs in the font the page gives it: two different characters of its
     * text matching {@code charClass} (a regular-expression class, e.g. {@link #CHINESE}) are drawn on a
     * canvas in the element's computed font and must differ from each other, from a blank and from the box drawn
     * for a character no font has (U+10FFFD). A missing font draws every character as that same box. Returns null
     * when they render as glyphs, otherwise what was seen.
     */
    static String glyphProblem(ChromeDriver driver, WebElement element, String charClass) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const el = arguments[0];
                const re = new RegExp(arguments[1], 'u');
                const chars = [...new Set([...el.textContent].filter(c => re.test(c)))];
                if (chars.length < 2) return 'fewer than two characters ' + arguments[1] + ' in: ' + el.textContent;
                const st = getComputedStyle(el);
                const px = ch => {
                  const c = document.createElement('canvas');
                  c.width = 64; c.height = 64;
                  const g = c.getContext('2d');
                  g.font = st.fontWeight + ' 40px ' + st.fontFamily;
                  g.fillText(ch, 8, 48);
                  return g.getImageData(0, 0, 64, 64).data.join(',');
                };
                const box = px(String.fromCodePoint(0x10FFFD)), blank = px(' '), a = px(chars[0]), b = px(chars[1]);
                if (a === b) return chars[0] + ' and ' + chars[1] + ' render the same (boxes) in ' + st.fontFamily;
                if (a === box || b === box) return chars[0] + chars[1] + ' render as the missing-glyph box in ' + st.fontFamily;
                if (a === blank || b === blank) return chars[0] + chars[1] + ' render blank in ' + st.fontFamily;
                return null;""", element, charClass);
    }

    /** Chinese characters, for {@link #glyphProblem}. */
    static final String CHINESE = "[\\u4e00-\\u9fff]";

    static void assertNoConsoleErrors(ChromeDriver driver) {
        assertThat(consoleErrors(driver)).as("console errors").isEmpty();
    }
}
