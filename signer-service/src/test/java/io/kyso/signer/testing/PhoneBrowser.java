package io.kyso.signer.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium at a phone's size (390×844 CSS pixels, 2× density, a phone's user
 * agent), driven by Selenium through Debian's chromedriver. Both are found at their Debian paths or
 * installed with apt-get; Selenium Manager is never asked to download anything (the driver and the
 * browser are given explicitly). Each instance has a fresh profile. Screenshots go to
 * {@code target/screenshots}, whole page.
 */
public final class PhoneBrowser implements AutoCloseable {
    public static final int WIDTH = 390;
    public static final int HEIGHT = 844;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    public PhoneBrowser() {
        ensureInstalled();
        try {
            profile = Files.createTempDirectory("kyso-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--lang=vi-VN");
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/156.0 Mobile Safari/537.36"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for an element of the next page; the wait ends as soon as it is there. */
    public WebElement await(String css) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + css + " on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Waits until every image of the page has loaded (or failed). */
    public void awaitImages() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (Boolean) driver.executeScript(
                "return Array.from(document.images).every(i => i.complete);"));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Saves the whole page, not only the visible part, as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height", height.intValue(), "scale", 1)));
        return save(name, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** A picture of one element, as the phone's screen shows it. */
    public byte[] picture(WebElement element) {
        return element.getScreenshotAs(OutputType.BYTES);
    }

    private static Path save(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds Debian's chromium and chromium-driver, installing them if missing; never skips. */
    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("chromium and chromium-driver could not be installed");
        }
    }

    private static void run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover profile in /tmp harms nothing
        }
    }
}
