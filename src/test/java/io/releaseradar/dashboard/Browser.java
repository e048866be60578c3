package io.releaseradar.dashboard;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright. Never downloads a browser: without /usr/bin/chromium (or
 * {@code RADAR_CHROMIUM}) the tests fail, they do not skip; {@code .ci/run} installs it.
 */
final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    Browser() {
        Path chromium = Path.of(System.getenv().getOrDefault("RADAR_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException(chromium + " is missing: install Debian's chromium "
                    + "(apt-get install -y chromium), as .ci/run does");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
    }

    com.microsoft.playwright.BrowserContext desktop() {
        return browser.newContext(new NewContextOptions().setViewportSize(1280, 900));
    }

    com.microsoft.playwright.BrowserContext phone() {
        return browser.newContext(new NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
