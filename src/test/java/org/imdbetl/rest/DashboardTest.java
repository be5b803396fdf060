package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard at {@code /}: served as static files, and working in a real headless Chromium
 * (src/test/browser/dashboard-check.mjs, driven through playwright-core).
 */
@QuarkusTest
class DashboardTest {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);
    private static final long BROWSER_TIMEOUT_SECONDS = 180;
    private static final Path BROWSER_DIR = Path.of("src/test/browser");
    private static final Path CHECK_SCRIPT = BROWSER_DIR.resolve("dashboard-check.mjs");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target/dashboard.png");
    private static final Path LOG = Path.of("target/dashboard-check.log");

    @TestHTTPResource("/")
    URL url;

    @Test
    void servesTheDashboardFiles() {
        Response page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("id=\"genre-chart\"", "id=\"top-movies\"", "dashboard.js");

        Response script = get("/dashboard.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.asString()).contains("/status", "/genres", "/movies/top");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
    }

    @Test
    void worksInAHeadlessBrowser() throws IOException, InterruptedException {
        assertThat(CHROMIUM)
                .withFailMessage("%s is missing; install it with: apt-get install -y --no-install-recommends chromium",
                        CHROMIUM)
                .isExecutable();
        assertThat(BROWSER_DIR.resolve("node_modules/playwright-core/package.json"))
                .withFailMessage("playwright-core is not installed; run: npm ci --prefix %s", BROWSER_DIR)
                .exists();

        await().atMost(STORE_TIMEOUT).until(() -> {
            JsonPath status = get("/status").jsonPath();
            return status.getBoolean("consumer.storeLoaded") && status.getLong("store.movies") > 0;
        });

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        String baseUrl = url.toString().replaceAll("/+$", "");
        Process process;
        try {
            process = new ProcessBuilder(List.of("node", CHECK_SCRIPT.toString(), baseUrl, SCREENSHOT.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not start node (Node.js 20 or newer must be on the PATH): " + e.getMessage(), e);
        }
        boolean finished = process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(finished).withFailMessage("dashboard check still running after %d s; output:%n%s",
                BROWSER_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).withFailMessage("dashboard check failed; output (also in %s):%n%s", LOG, output)
                .isZero();
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).as("size of %s", SCREENSHOT).isGreaterThan(10 * 1024L);
    }
}
