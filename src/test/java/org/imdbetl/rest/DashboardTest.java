package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;
import static org.imdbetl.rest.LinkHeaders.nextLink;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imdbetl.app.IngestJob;
import org.imdbetl.app.RefreshOptions;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.pipeline.SampleCopy;
import org.imdbetl.source.IngestState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard at {@code /}: served as static files, and working in a real headless Chromium driven
 * through Selenium and the system's chromedriver (Debian: chromium, chromium-driver).
 *
 * <p>The service reads a copy of the sample dated {@link #DAY_ONE}; halfway through, the test writes a
 * second day into that copy and refreshes, so the movers panel and the history chart have two refreshes
 * to show. Topics of its own keep the other tests' sample apart.
 *
 * <p>The page is ES modules (the entry {@link #ENTRY} and what it imports) with hash routes: the test opens
 * a movie by a deep link, goes back and forward through opened movies and genre filters, and types a genre
 * route in. The dashboard's files carry the service's own Content-Security-Policy (at least {@link #CSP}),
 * so anything inline the page relied on would show up as a refusal in the browser's console.
 */
@QuarkusTest
@TestProfile(DashboardTest.TwoDays.class)
class DashboardTest {

    /** {@code -Ddashboard.browser=required} (CI) turns a missing browser into a failure instead of a skip. */
    static final String MODE_PROPERTY = "dashboard.browser";
    static final List<Path> CHROMIUM_CANDIDATES = List.of(
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));
    static final List<Path> DRIVER_CANDIDATES = List.of(Path.of("/usr/bin/chromedriver"));
    static final String INSTALL_HINT =
            "install Chromium and its driver with: apt-get install -y --no-install-recommends chromium chromium-driver";
    // Offline machines: without the background-networking flags Chromium floods refused connections.
    private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,900");

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String UNKNOWN_GENRE = "(unknown)";
    /** The dashboard's entry module, as index.html loads it. */
    private static final String ENTRY = "js/main.js";
    /** A module's relative imports: import ... from './x.js' and import './x.js'. */
    private static final Pattern IMPORT = Pattern.compile("(?:\\bfrom|\\bimport)\\s*['\"](\\.{1,2}/[^'\"]+)['\"]");
    /** The strictest policy the page is meant to run under; the service sends it with the dashboard's files. */
    private static final String CSP = "default-src 'self'";
    private static final Path SCREENSHOT = Path.of("target/dashboard.png");
    private static final Path DRIVER_LOG = Path.of("target/chromedriver.log");

    private static final Path SAMPLE = Path.of("data/sample");
    private static final String BASICS = "title.basics.tsv.gz";
    private static final String RATINGS = "title.ratings.tsv.gz";
    /** The file times of the two days: a local source's dataset version. */
    private static final Instant DAY_ONE = Instant.parse("2026-11-01T06:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-11-02T06:00:00Z");
    /** Votes gained on day two by the movies the test picks, biggest first: the movers expected. */
    private static final List<Long> GAINS = List.of(3000L, 2000L, 1000L);
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(60);

    /** The table as the page shows it, read in one script so a re-render cannot interleave. */
    private static final String READ_TABLE = "return Array.from(document.querySelectorAll('#top-movies tbody tr'))"
            + ".map(row => ({tconst: row.dataset.tconst || '',"
            + " title: (row.querySelector('th')?.textContent || '').trim(),"
            + " genres: (row.querySelector('td.genres')?.textContent || '').split(',').map(g => g.trim())}));";
    private static final String READ_SELECTED_BARS =
            "return Array.from(document.querySelectorAll('#genre-chart g.bar.selected rect[data-genre]'))"
            + ".map(rect => rect.getAttribute('data-genre'));";
    /** The location hash's route as decoded segments: #/genre/Drama is ["genre", "Drama"]. */
    private static final String READ_ROUTE = "return location.hash.replace(/^#\\/?/, '').split('/')"
            + ".filter(segment => segment !== '').map(decodeURIComponent);";
    private static final String READ_BARS = "return Array.from(document.querySelectorAll('#genre-chart rect[data-genre]'))"
            + ".map(rect => rect.getAttribute('data-genre'));";
    private static final String READ_MOVERS = "return Array.from(document.querySelectorAll('#movers tbody tr'))"
            + ".map(row => ({tconst: row.dataset.tconst || '', delta: row.dataset.delta || '',"
            + " title: (row.querySelector('th')?.textContent || '').trim()}));";
    /** The history chart's point groups: how many, and how many of them are REMOVED markers. */
    private static final String READ_CHART = "const points = document.querySelectorAll('#history-chart svg g.point');"
            + " return {points: points.length,"
            + " removed: Array.from(points).filter(p => p.querySelector('.mark-removed')).length};";

    @TestHTTPResource("/")
    URL url;

    @Inject
    IngestJob ingest;

    @Inject
    ImdbConfig config;

    @Test
    void servesTheDashboardFiles() {
        Response page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).as("the dashboard's CSP").startsWith(CSP + ";")
                .contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).as("revalidated at every load").isEqualTo("no-cache");
        assertThat(get("/" + ENTRY).header("Content-Security-Policy")).startsWith(CSP);
        assertThat(get("/" + ENTRY).header("Cache-Control")).isEqualTo("no-cache");
        String html = page.asString();
        assertThat(html).contains("id=\"genre-chart\"", "id=\"top-movies\"", "<script type=\"module\" src=\"" + ENTRY + "\">");
        // What a Content-Security-Policy without 'unsafe-inline' would block.
        assertThat(html).as("index.html")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=")
                .doesNotContainPattern("<[^>]*\\sstyle\\s*=")
                .doesNotContain("javascript:");

        Map<String, String> modules = modules(ENTRY);
        assertThat(modules).as("modules imported from %s", ENTRY).hasSizeGreaterThan(1);
        String all = String.join("\n", modules.values());
        assertThat(all).contains("/status", "/genres", "/movies/top", "/movies/movers", "/history", "/movies/search");
        modules.forEach((path, source) -> assertThat(source).as(path)
                .startsWith("// ")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"));
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
        assertThat(get("/dashboard.js").statusCode()).as("the script the modules replaced").isEqualTo(404);
    }

    /**
     * The entry module and every module it imports, transitively (relative imports), path to source;
     * each must be served with a JavaScript media type, or the browser refuses to run it as a module.
     */
    private static Map<String, String> modules(String entry) {
        Map<String, String> modules = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(List.of(URI.create("/").resolve(entry).getPath()));
        while (!pending.isEmpty()) {
            String path = pending.remove(0);
            if (modules.containsKey(path)) {
                continue;
            }
            Response module = get(path);
            assertThat(module.statusCode()).as("GET %s", path).isEqualTo(200);
            assertThat(module.contentType()).as("media type of %s", path).containsIgnoringCase("javascript");
            String source = module.asString();
            modules.put(path, source);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                pending.add(URI.create(path).resolve(imports.group(1)).getPath());
            }
        }
        return modules;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // last resort: every wait below has its own, shorter limit
    void worksInAHeadlessBrowser() throws Exception {
        Optional<Path> chromium = findExecutable("CHROME_PATH", CHROMIUM_CANDIDATES);
        Optional<Path> driverBinary = findExecutable("CHROMEDRIVER_PATH", DRIVER_CANDIDATES);
        boolean found = chromium.isPresent() && driverBinary.isPresent();
        String missing = String.format("no usable %s (looked at %s); %s (or set CHROME_PATH / CHROMEDRIVER_PATH)",
                chromium.isEmpty() ? "Chromium" : "chromedriver",
                chromium.isEmpty() ? candidates("CHROME_PATH", CHROMIUM_CANDIDATES)
                        : candidates("CHROMEDRIVER_PATH", DRIVER_CANDIDATES),
                INSTALL_HINT);
        if (browserRequired()) {
            assertThat(found).withFailMessage("%s; -D%s=required makes this a failure", missing, MODE_PROPERTY).isTrue();
        }
        assumeTrue(found, () -> missing + "; skipped (-D" + MODE_PROPERTY + "=required makes this a failure)");

        await().atMost(STORE_TIMEOUT).until(() -> {
            JsonPath status = get("/status").jsonPath();
            return status.getBoolean("consumer.storeLoaded") && status.getLong("store.movies") > 0;
        });

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeDriver driver = null;
        try {
            driver = startChromium(chromium.get(), driverBinary.get(), profile);
            checkDashboard(driver);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            deleteRecursively(profile);
        }
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).as("size of %s", SCREENSHOT).isGreaterThan(10 * 1024L);
    }

    private void checkDashboard(ChromeDriver driver) throws Exception {
        String baseUrl = url.toString().replaceAll("/+$", "");
        String godfather = get("/movies/search?q=godfather").jsonPath().getString("[0].tconst");

        // 1. A deep link opened directly shows that movie's detail and history.
        driver.get(baseUrl + "/#/movie/" + godfather);
        awaitDetail(driver, godfather);
        assertChartMatchesHistory(driver, godfather);

        // 1b. Closing it is a step in the browser's history: back opens it again, forward closes it again.
        driver.findElement(By.id("detail-close")).click();
        awaitRoute(driver, List.of(), "after closing the detail");
        await("the detail closed").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(driver.findElement(By.id("movie-detail")).isDisplayed()).as("detail shown").isFalse());
        driver.navigate().back();
        awaitRoute(driver, List.of("movie", godfather), "back after closing");
        awaitDetail(driver, godfather);
        driver.navigate().forward();
        awaitRoute(driver, List.of(), "forward again");
        await("the detail closed again").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(driver.findElement(By.id("movie-detail")).isDisplayed()).as("detail shown").isFalse());

        // 2. One bar per genre that GET /genres lists.
        List<String> genres = new ArrayList<>();
        await("one chart bar per genre").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            genres.clear();
            genres.addAll(get("/genres").jsonPath().getList("genre", String.class));
            assertThat(genres).isNotEmpty();
            assertThat(bars(driver)).as("chart bars").containsExactlyInAnyOrderElementsOf(genres);
        });

        // 3. The unfiltered table is filled.
        await("top-movies rows").atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(readTable(driver)).as("table rows").isNotEmpty());
        List<Row> before = readTable(driver);

        // 3b. One refresh so far: the movers panel shows what the API says, which is nothing yet.
        assertThat(get("/movies/movers?by=votes&limit=10").jsonPath().getList("$")).as("movers after one refresh").isEmpty();
        await("the movers' empty state").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(readMovers(driver)).as("movers rows").isEmpty();
            WebElement empty = driver.findElement(By.id("movers-empty"));
            assertThat(empty.isDisplayed()).as("movers empty state shown").isTrue();
            assertThat(empty.getText()).contains("two refreshes");
        });

        // 4. Filter by a small genre that still has rated movies, and compare with the API; the route follows.
        String limit = driver.findElement(By.id("limit")).getDomProperty("value");
        String minVotes = driver.findElement(By.id("min-votes")).getDomProperty("value").trim();
        List<String> smallestFirst = new ArrayList<>(genres);
        Collections.reverse(smallestFirst); // /genres lists the biggest genres first
        String genre = null;
        List<String> expected = List.of();
        for (String candidate : smallestFirst) {
            if (!candidate.equals(UNKNOWN_GENRE)) {
                expected = topTconsts(candidate, limit, minVotes);
                if (!expected.isEmpty()) {
                    genre = candidate;
                    break;
                }
            }
        }
        assertThat(genre).as("a genre with rated movies to filter by").isNotNull();
        List<String> wanted = expected.subList(0, Math.min(Integer.parseInt(limit), expected.size()));
        selectGenre(driver, genre);
        awaitRoute(driver, List.of("genre", genre), "after selecting " + genre);
        awaitFilteredTable(driver, genre, wanted);
        assertThat(readTable(driver)).as("table after selecting %s", genre).isNotEqualTo(before);

        // 5. Back to all genres, then back and forward through the two filters.
        selectGenre(driver, "");
        awaitRoute(driver, List.of(), "after selecting all genres");
        List<String> firstPage = get("/movies/top?limit=" + limit).jsonPath().getList("tconst", String.class);
        awaitUnfilteredTable(driver, firstPage);
        driver.navigate().back();
        awaitRoute(driver, List.of("genre", genre), "back to " + genre);
        awaitFilteredTable(driver, genre, wanted);
        driver.navigate().forward();
        awaitRoute(driver, List.of(), "forward to all genres");
        awaitUnfilteredTable(driver, firstPage);

        // 6. A genre route typed in, spelt in lower case: the page takes the spelling of /genres; a row
        //    clicked there opens its movie with the filter kept, and closing the movie keeps the filter.
        driver.get(baseUrl + "/#/genre/" + genre.toLowerCase(Locale.ROOT));
        awaitRoute(driver, List.of("genre", genre), "the genre route typed in");
        awaitFilteredTable(driver, genre, wanted);
        String first = wanted.get(0);
        click(driver, By.cssSelector("#top-movies tbody tr[data-tconst='" + first + "']"));
        awaitRoute(driver, List.of("genre", genre, "movie", first), "a row of the filtered table clicked");
        awaitDetail(driver, first);
        awaitFilteredTable(driver, genre, wanted);
        driver.findElement(By.id("detail-close")).click();
        awaitRoute(driver, List.of("genre", genre), "the filtered table's movie closed");
        selectGenre(driver, "");
        awaitRoute(driver, List.of(), "all genres again");
        awaitUnfilteredTable(driver, firstPage);

        // 7. Paging: with no filter, "Next" shows the page the API's Link header announces.
        List<String> secondPage = get(nextLink(get("/movies/top?limit=" + limit))).jsonPath().getList("tconst", String.class);
        driver.findElement(By.id("next-page")).click();
        await("page 2").atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(readTable(driver)).extracting(Row::tconst).isEqualTo(secondPage));

        // 8. Search as you type, then the detail panel of a result, with its rank and explanation.
        driver.findElement(By.id("search-box")).sendKeys("godfather");
        await("search results").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> assertThat(
                driver.findElements(By.cssSelector("#search-results button"))).isNotEmpty());
        click(driver, By.cssSelector("#search-results button"));
        awaitRoute(driver, List.of("movie", godfather), "a search result clicked");
        awaitDetail(driver, godfather);
        assertChartMatchesHistory(driver, godfather);

        // 9. Day two: some movies gain votes, the open one leaves the data.
        Map<String, Long> gains = writeDayTwo(Path.of(config.source().location()), godfather);
        assertThat(ingest.refresh(new RefreshOptions(true, false)).get(REFRESH_TIMEOUT.toSeconds(), TimeUnit.SECONDS).state())
                .as("day two's refresh").isEqualTo(IngestState.COMPLETED);
        await("movers from the API").atMost(REFRESH_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            JsonPath movers = get("/movies/movers?by=votes&limit=10").jsonPath();
            assertThat(movers.getList("tconst", String.class)).containsExactlyElementsOf(gains.keySet());
            assertThat(movers.getList("delta", Long.class)).containsExactlyElementsOf(gains.values());
        });

        // 10. The movers panel follows, and so does the open detail of the movie that left.
        List<Map<String, Object>> apiMovers = get("/movies/movers?by=votes&limit=10").jsonPath().getList("$");
        await("the movers panel").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            List<Map<String, String>> rows = readMovers(driver);
            assertThat(rows).extracting(row -> row.get("tconst"))
                    .containsExactlyElementsOf(apiMovers.stream().map(m -> String.valueOf(m.get("tconst"))).toList());
            assertThat(rows).extracting(row -> row.get("delta"))
                    .containsExactlyElementsOf(apiMovers.stream().map(m -> String.valueOf(m.get("delta"))).toList());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get("title")).startsWith(String.valueOf(apiMovers.get(i).get("title")));
            }
            assertThat(driver.findElement(By.id("movers-empty")).isDisplayed()).as("empty state shown").isFalse();
        });
        await("the removed movie's detail").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(driver.findElement(By.id("detail-removed")).isDisplayed()).as("removed notice").isTrue());
        assertChartMatchesHistory(driver, godfather);

        // 11. A mover's detail: its chart has both days. Back shows the removed movie again, forward the mover.
        String mover = String.valueOf(apiMovers.get(0).get("tconst"));
        String moverTitle = String.valueOf(apiMovers.get(0).get("title"));
        click(driver, By.cssSelector("#movers tbody tr[data-tconst='" + mover + "']"));
        awaitRoute(driver, List.of("movie", mover), "a mover clicked");
        await("the mover's detail").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(driver.findElement(By.id("detail-title")).getText()).startsWith(moverTitle));
        assertChartMatchesHistory(driver, mover);
        driver.navigate().back();
        awaitRoute(driver, List.of("movie", godfather), "back from the mover");
        await("the removed movie's detail again").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("detail-removed")).isDisplayed()).as("removed notice").isTrue();
            assertThat(driver.findElement(By.id("detail-fields")).getText()).contains(godfather);
        });
        assertChartMatchesHistory(driver, godfather);
        driver.navigate().forward();
        awaitRoute(driver, List.of("movie", mover), "forward to the mover");
        await("the mover's detail again").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("detail-title")).getText()).startsWith(moverTitle);
            assertThat(driver.findElement(By.id("detail-removed")).isDisplayed()).as("removed notice").isFalse();
        });
        assertChartMatchesHistory(driver, mover);

        // 12. No stray requests, no uncaught page errors, nothing the CSP refused, and a screenshot to look at.
        saveFullPageScreenshot(driver);
        List<String> external = externalRequests(driver, baseUrl);
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertSoftly(softly -> {
            softly.assertThat(external).as("requests not served by the service (CDN, fonts)").isEmpty();
            softly.assertThat(console).as("uncaught errors in the page").noneMatch(message -> message.contains("Uncaught"));
            softly.assertThat(console).as("what the Content-Security-Policy refused")
                    .noneMatch(message -> message.contains("Content Security Policy"));
        });
    }

    /** The detail panel shows {@code tconst} as GET /movies/{tconst} has it: title, rank and explanation. */
    private static void awaitDetail(ChromeDriver driver, String tconst) {
        JsonPath detail = get("/movies/" + tconst).jsonPath();
        await("the detail of " + tconst).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("movie-detail")).isDisplayed()).as("detail shown").isTrue();
            assertThat(driver.findElement(By.id("detail-title")).getText()).startsWith(detail.getString("title"));
            assertThat(driver.findElement(By.id("detail-fields")).getText())
                    .contains(tconst, "#" + detail.getInt("rank"));
            assertThat(driver.findElement(By.id("detail-explain")).getText()).contains("R = " + detail.getString("explain.R"));
        });
    }

    /** The location hash, as its decoded segments, becomes {@code segments} ({@code #/} is none). */
    private static void awaitRoute(ChromeDriver driver, List<String> segments, String when) {
        await("the route " + segments + " " + when).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(route(driver)).as("route %s", when).containsExactlyElementsOf(segments));
    }

    @SuppressWarnings("unchecked")
    private static List<String> route(ChromeDriver driver) {
        return (List<String>) driver.executeScript(READ_ROUTE);
    }

    /** The genre select shows {@code genre}, its bar is the selected one, and the table lists {@code wanted}. */
    private static void awaitFilteredTable(ChromeDriver driver, String genre, List<String> wanted) {
        await("the table filtered by " + genre).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("genre-filter")).getDomProperty("value")).as("genre select").isEqualTo(genre);
            assertThat(selectedBars(driver)).as("selected bars").containsExactly(genre);
            List<Row> rows = readTable(driver);
            assertThat(rows).as("rows filtered by %s; error shown: '%s'", genre, tableError(driver))
                    .extracting(Row::tconst).containsExactlyElementsOf(wanted);
            assertThat(rows).as("rows filtered by %s", genre).allSatisfy(row -> assertThat(row.genres()).contains(genre));
        });
    }

    /** No genre selected, no bar highlighted, and the table's first page is {@code firstPage}. */
    private static void awaitUnfilteredTable(ChromeDriver driver, List<String> firstPage) {
        await("the unfiltered table").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("genre-filter")).getDomProperty("value")).as("genre select").isEmpty();
            assertThat(selectedBars(driver)).as("selected bars").isEmpty();
            assertThat(readTable(driver)).extracting(Row::tconst).isEqualTo(firstPage);
        });
    }

    /** The open detail's chart has a point per point of the movie's history, and a cross per REMOVED one. */
    private static void assertChartMatchesHistory(ChromeDriver driver, String tconst) {
        await("the history chart of " + tconst).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            Response response = get("/movies/" + tconst + "/history");
            assertThat(response.statusCode()).as("GET /movies/%s/history", tconst).isEqualTo(200);
            List<String> events = response.jsonPath().getList("event", String.class);
            assertThat(events).isNotEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> chart = (Map<String, Object>) driver.executeScript(READ_CHART);
            assertThat(((Number) chart.get("points")).intValue()).as("points in the chart of %s", tconst)
                    .isEqualTo(events.size());
            assertThat(((Number) chart.get("removed")).intValue()).as("removed markers in the chart of %s", tconst)
                    .isEqualTo(Collections.frequency(events, "REMOVED"));
        });
    }

    /**
     * Writes day two over day one in {@code dir}: {@link #GAINS} more votes for the best-ranked movies
     * (as /movies/top lists them) other than {@code removed}, which leaves both files. Returns the
     * movers expected, tconst to votes gained, biggest first.
     */
    private static Map<String, Long> writeDayTwo(Path dir, String removed) throws IOException {
        Map<String, Long> gains = new LinkedHashMap<>();
        for (String tconst : get("/movies/top?limit=" + (GAINS.size() + 1)).jsonPath().getList("tconst", String.class)) {
            if (!tconst.equals(removed) && gains.size() < GAINS.size()) {
                gains.put(tconst, GAINS.get(gains.size()));
            }
        }
        assertThat(gains).hasSameSizeAs(GAINS);
        List<String> ratings = new ArrayList<>();
        for (String line : SampleCopy.readGzip(dir.resolve(RATINGS))) {
            String[] columns = line.split("\t", -1);
            Long gain = gains.get(columns[0]);
            if (gain != null) {
                line = columns[0] + "\t" + columns[1] + "\t" + (Long.parseLong(columns[2]) + gain);
            }
            if (!columns[0].equals(removed)) {
                ratings.add(line);
            }
        }
        List<String> basics = SampleCopy.readGzip(dir.resolve(BASICS)).stream().filter(line -> !line.startsWith(removed + "\t")).toList();
        SampleCopy.writeGzip(dir.resolve(RATINGS), ratings, DAY_TWO);
        SampleCopy.writeGzip(dir.resolve(BASICS), basics, DAY_TWO);
        return gains;
    }

    static ChromeDriver startChromium(Path chromium, Path driverBinary, Path profile) {
        // An explicit driver path keeps Selenium Manager from ever looking for (or downloading) a driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort()
                .withLogFile(DRIVER_LOG.toFile())
                .withTimeout(PAGE_TIMEOUT)
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments(CHROMIUM_FLAGS)
                .addArguments("--user-data-dir=" + profile);
        // chromedriver collects the page's console and network events for the checks at the end.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        options.setPageLoadTimeout(PAGE_TIMEOUT);
        options.setScriptTimeout(PAGE_TIMEOUT);
        return new ChromeDriver(service, options);
    }

    private static void selectGenre(ChromeDriver driver, String genre) {
        // The options are rebuilt whenever the store changes, so a found option may go stale before the click.
        await("option " + genre).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    WebElement select = driver.findElement(By.id("genre-filter"));
                    Optional<WebElement> option = select.findElements(By.tagName("option")).stream()
                            .filter(o -> genre.equals(o.getDomProperty("value")))
                            .findFirst();
                    assertThat(option).as("option %s", genre).isPresent();
                    option.get().click();
                    assertThat(select.getDomProperty("value")).isEqualTo(genre);
                });
    }

    /** Clicks what {@code by} finds; a re-render between finding and clicking is tried again. */
    private static void click(ChromeDriver driver, By by) {
        await("a click on " + by).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> driver.findElement(by).click());
    }

    private static List<String> topTconsts(String genre, String limit, String minVotes) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("genre", genre, "limit", limit));
        if (!minVotes.isEmpty()) {
            query.put("minVotes", minVotes);
        }
        Response response = given().queryParams(query).get("/movies/top");
        assertThat(response.statusCode()).as("GET /movies/top?genre=%s", genre).isEqualTo(200);
        return response.jsonPath().getList("tconst", String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Row> readTable(ChromeDriver driver) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) driver.executeScript(READ_TABLE);
        return rows.stream()
                .map(row -> new Row((String) row.get("tconst"), (String) row.get("title"), (List<String>) row.get("genres")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> readMovers(ChromeDriver driver) {
        return (List<Map<String, String>>) driver.executeScript(READ_MOVERS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> bars(ChromeDriver driver) {
        return (List<String>) driver.executeScript(READ_BARS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> selectedBars(ChromeDriver driver) {
        return (List<String>) driver.executeScript(READ_SELECTED_BARS);
    }

    private static String tableError(ChromeDriver driver) {
        return driver.findElement(By.id("table-error")).getText().trim();
    }

    @SuppressWarnings("unchecked")
    private static void saveFullPageScreenshot(ChromeDriver driver) throws IOException {
        // WebDriver only captures the viewport; Chromium's own screenshot command takes the whole page.
        Map<String, Object> page = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", page.get("width"), "height", page.get("height"),
                "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(SCREENSHOT, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** URLs the dashboard asked for that the service does not serve, from chromedriver's network log. */
    static List<String> externalRequests(ChromeDriver driver, String baseUrl) {
        String origin = baseUrl.replaceFirst("^(https?://[^/]+).*$", "$1");
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(entry -> JsonPath.from(entry.getMessage()))
                .filter(event -> "Network.requestWillBeSent".equals(event.getString("message.method")))
                // only what the dashboard asked for, not the new-tab page the browser opened before it
                .filter(event -> event.getString("message.params.documentURL").startsWith(origin))
                .map(event -> event.getString("message.params.request.url"))
                .filter(requested -> !requested.startsWith(origin) && !requested.startsWith("data:"))
                .distinct()
                .toList();
    }

    /** If the environment variable is set it is the only candidate; otherwise the first executable default. */
    static Optional<Path> findExecutable(String variable, List<Path> defaults) {
        String configured = System.getenv(variable);
        List<Path> candidates = configured == null || configured.isBlank() ? defaults : List.of(Path.of(configured));
        return candidates.stream().filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    static String candidates(String variable, List<Path> defaults) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return variable + "=" + configured;
        }
        return defaults.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    static boolean browserRequired() {
        String mode = System.getProperty(MODE_PROPERTY, "optional");
        assertThat(mode).as("-D%s", MODE_PROPERTY).isIn("optional", "required");
        return mode.equals("required");
    }

    /** Best effort: a profile left behind in the temp folder is harmless, a failed test over it is not. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // left to the system's temp-folder cleanup
        }
    }

    private record Row(String tconst, String title, List<String> genres) {
    }

    /** The sample, on topics of its own, read from a copy that the test turns into day two. */
    public static class TwoDays implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imdb.kafka.topic", "imdb-movies-dashboard",
                    "imdb.kafka.dlq-topic", "imdb-movies-dashboard-dlq",
                    "imdb.kafka.history-topic", "imdb-movie-history-dashboard");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DayOneSource.class));
        }
    }

    /** Copies the sample into a folder of its own under target/, its files dated {@link #DAY_ONE}. */
    public static class DayOneSource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                return Map.of("imdb.source.location", SampleCopy.under("dashboard-source-", DAY_ONE).toAbsolutePath().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            // the copy stays under target/ with the test's other output
        }
    }
}
