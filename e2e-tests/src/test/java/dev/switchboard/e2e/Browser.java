package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver} under /usr/bin) on the
 * launched platform, with a fresh profile (empty cache) per instance. Both paths are set explicitly,
 * so Selenium Manager never looks for or downloads a browser or a driver.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;
    private final String prefix;

    Browser(String base, String screenshotPrefix, int width, int height) {
        this.base = base;
        this.prefix = screenshotPrefix;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("profile.content_settings.exceptions.clipboard",
                Map.of("*", Map.of("setting", 1))));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    /** A button by its visible text or its aria-label, else a link ("Sign up" is both in the page and the menu). */
    WebElement control(String text) {
        return waitFor(d -> named(d, "button", text).or(() -> named(d, "a, summary", text)).orElse(null));
    }

    private static Optional<WebElement> named(WebDriver driver, String css, String text) {
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed)
                .filter(e -> text.equals(e.getText().trim()) || text.equals(e.getAttribute("aria-label")))
                .findFirst();
    }

    /** A form control by the text of its label. */
    WebElement field(String label) {
        return waitFor(d -> d.findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().trim().startsWith(label))
                .flatMap(l -> l.findElements(By.cssSelector("input, select, textarea")).stream())
                .findFirst()
                .orElse(null));
    }

    void heading(String text) {
        waitFor(d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().contains(text)) ? true : null);
    }

    void path(String path) {
        waitFor(d -> d.getCurrentUrl().replace(base, "").split("\\?")[0].equals(path) ? true : null);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        // lit-html replaces nodes as the page re-renders: a node gone stale mid-check is checked again
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(prefix + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Console messages the page logged as errors (a CSP violation is one). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
