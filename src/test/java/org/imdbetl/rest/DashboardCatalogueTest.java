package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.zip.GZIPInputStream;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard over the whole catalogue, in a headless Chromium (found, or skipped, as {@link DashboardTest}
 * does): the type switch on the top list, a series' page with its seasons and episode-ratings grid, and an
 * episode's panel that links to its series. The expected answers are computed here from the sample's three
 * files, with none of the service's code.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class DashboardCatalogueTest {

    private static final Path SAMPLE = Path.of("data/sample");
    private static final String NULL = "\\N";
    /** The default prior: m votes at the mean rating C. */
    private static final double M = 3000;
    private static final double C = 6.5;
    private static final List<String> SERIES_TYPES = List.of("tvSeries", "tvMiniSeries");
    /** IMDb's title types, every one of them. */
    private static final List<String> ALL_TYPES = List.of("movie", "short", "tvEpisode", "tvSeries", "tvMiniSeries",
            "tvMovie", "tvSpecial", "tvShort", "video", "videoGame", "tvPilot");
    /** The sample's longest series, with seasons that skip episodes and an unrated episode. */
    private static final String GAME_OF_THRONES = "tt0944947";
    /** A series whose only episodes have neither season nor episode number. */
    private static final String UNNUMBERED_SERIES = "tt0043208";
    private static final String LIMIT = "10";

    private static final Duration CATALOGUE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PAGE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Path SCREENSHOT = Path.of("target/dashboard-series.png");

    private static final String READ_TABLE = "return Array.from(document.querySelectorAll('#top-movies tbody tr'))"
            + ".map(row => row.dataset.tconst || '');";
    private static final String READ_ROUTE = "return location.hash.replace(/^#\\/?/, '').split('/')"
            + ".filter(segment => segment !== '').map(decodeURIComponent);";
    private static final String READ_GENRE_OPTIONS = "return Array.from(document.querySelectorAll('#genre-filter option'))"
            + ".map(option => option.value).filter(value => value !== '');";
    private static final String READ_SEASONS = "return Array.from(document.querySelectorAll('#series-seasons tbody tr'))"
            + ".map(row => Array.from(row.children).map(cell => cell.textContent.trim().replace(/[^0-9.]/g, '')));";
    /** The grid's episode cells: where they are, what they show, and their title and classes. */
    private static final String READ_GRID = "return Array.from(document.querySelectorAll('#episode-grid td.ep:not(.ep-missing)'))"
            + ".map(td => ({season: td.dataset.season, episode: td.dataset.episode, tconst: td.dataset.tconst,"
            + " text: td.textContent.trim(), title: td.getAttribute('title'), classes: td.className}));";
    private static final String READ_OUTSIDE = "return Array.from(document.querySelectorAll('#series-outside li'))"
            + ".map(item => item.dataset.tconst);";

    private static Map<String, String[]> basics;
    private static Map<String, double[]> ratings;
    private static Map<String, String[]> episodes;

    @TestHTTPResource("/")
    URL url;

    @BeforeAll
    static void readSample() throws IOException {
        basics = rows(SAMPLE.resolve("title.basics.tsv.gz"));
        ratings = new HashMap<>();
        rows(SAMPLE.resolve("title.ratings.tsv.gz")).forEach((tconst, row) ->
                ratings.put(tconst, new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])}));
        episodes = rows(SAMPLE.resolve("title.episode.tsv.gz"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // last resort: every wait below has its own, shorter limit
    void browsesTheWholeCatalogue() throws Exception {
        Optional<Path> chromium = DashboardTest.findExecutable("CHROME_PATH", DashboardTest.CHROMIUM_CANDIDATES);
        Optional<Path> driverBinary = DashboardTest.findExecutable("CHROMEDRIVER_PATH", DashboardTest.DRIVER_CANDIDATES);
        boolean found = chromium.isPresent() && driverBinary.isPresent();
        String missing = String.format("no usable %s (looked at %s); %s (or set CHROME_PATH / CHROMEDRIVER_PATH)",
                chromium.isEmpty() ? "Chromium" : "chromedriver",
                chromium.isEmpty() ? DashboardTest.candidates("CHROME_PATH", DashboardTest.CHROMIUM_CANDIDATES)
                        : DashboardTest.candidates("CHROMEDRIVER_PATH", DashboardTest.DRIVER_CANDIDATES),
                DashboardTest.INSTALL_HINT);
        if (DashboardTest.browserRequired()) {
            assertThat(found).withFailMessage("%s; -D%s=required makes this a failure", missing, DashboardTest.MODE_PROPERTY)
                    .isTrue();
        }
        assumeTrue(found, () -> missing + "; skipped (-D" + DashboardTest.MODE_PROPERTY + "=required makes this a failure)");

        // The service ingests the sample at start: the catalogue's part comes after the movies'.
        await("the catalogue ingested").atMost(CATALOGUE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getString("catalogue.refresh.state")).isEqualTo("COMPLETED");
            assertThat(status.getLong("catalogue.titles")).isEqualTo(basics.size());
            assertThat(status.getBoolean("consumer.storeLoaded")).isTrue();
        });

        Path profile = Files.createTempDirectory("dashboard-catalogue-chromium-");
        ChromeDriver driver = null;
        try {
            driver = DashboardTest.startChromium(chromium.get(), driverBinary.get(), profile);
            browse(driver, url.toString().replaceAll("/+$", ""));
        } finally {
            if (driver != null) {
                driver.quit();
            }
            DashboardTest.deleteRecursively(profile);
        }
    }

    private void browse(ChromeDriver driver, String baseUrl) throws IOException {
        int limit = Integer.parseInt(LIMIT);

        // 1. Movies by default, as before the switch: no type in the route, /movies/top's order.
        driver.get(baseUrl + "/#/");
        List<String> movies = ranking(List.of("movie"));
        awaitTable(driver, movies.subList(0, 25), "the default movies");
        assertThat(pressed(driver)).as("pressed type buttons").containsExactly("movies");
        assertThat(driver.findElement(By.id("top-title")).getText()).isEqualTo("Top movies");
        click(driver, By.cssSelector("#limit option[value='" + LIMIT + "']"));
        awaitTable(driver, movies.subList(0, limit), "movies, " + LIMIT + " a page");

        // 2. Series: the rated series and mini-series by weighted score, paged like the movies; the genre
        //    filter offers their genres.
        List<String> series = ranking(SERIES_TYPES);
        assertThat(series).hasSizeGreaterThan(2 * limit);
        click(driver, By.cssSelector("#type-switch button[data-type='series']"));
        awaitRoute(driver, List.of("type", "series"), "after the Series switch");
        awaitTable(driver, series.subList(0, limit), "series, page 1");
        assertThat(pressed(driver)).as("pressed type buttons").containsExactly("series");
        assertThat(driver.findElement(By.id("top-title")).getText()).isEqualTo("Top series");
        await("the series' genres").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(strings(driver, READ_GENRE_OPTIONS)).as("genre options")
                        .containsExactlyInAnyOrderElementsOf(genres(SERIES_TYPES)));
        click(driver, By.id("next-page"));
        awaitTable(driver, series.subList(limit, 2 * limit), "series, page 2");
        click(driver, By.id("next-page"));
        awaitTable(driver, series.subList(2 * limit, Math.min(3 * limit, series.size())), "series, page 3");
        if (series.size() <= 3 * limit) {
            assertThat(driver.findElement(By.id("next-page")).isEnabled()).as("next on the last page").isFalse();
        }

        String genre = "Comedy";
        List<String> comedies = series.stream().filter(t -> genresOf(t).contains(genre)).toList();
        assertThat(comedies).isNotEmpty();
        selectGenre(driver, genre);
        awaitRoute(driver, List.of("type", "series", "genre", genre), "after selecting " + genre);
        awaitTable(driver, comedies.subList(0, Math.min(limit, comedies.size())), genre + " series");
        selectGenre(driver, "");
        awaitRoute(driver, List.of("type", "series"), "after selecting all genres");
        awaitTable(driver, series.subList(0, limit), "series, all genres");

        // 3. A series clicked in the list opens its page: seasons, and the grid of its episodes' ratings.
        assertThat(series.subList(0, limit)).contains(GAME_OF_THRONES);
        click(driver, By.cssSelector("#top-movies tbody tr[data-tconst='" + GAME_OF_THRONES + "']"));
        awaitRoute(driver, List.of("type", "series", "series", GAME_OF_THRONES), "a series clicked");
        awaitSeriesPage(driver, GAME_OF_THRONES);
        driver.executeScript("document.getElementById('series-page').scrollIntoView()");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));

        // 4. A cell of the grid opens its episode, whose panel links back to the series.
        String[] baelor = numberedEpisodes(GAME_OF_THRONES).get(List.of(1, 9));
        assertThat(baelor).as("S1E9 in the sample").isNotNull();
        click(driver, By.cssSelector("#episode-grid td[data-season='1'][data-episode='9']"));
        awaitRoute(driver, List.of("type", "series", "series", GAME_OF_THRONES, "title", baelor[0]), "a grid cell clicked");
        awaitEpisodePanel(driver, baelor[0]);
        click(driver, By.id("title-detail-series-link"));
        awaitRoute(driver, List.of("type", "series", "series", GAME_OF_THRONES), "the series link followed");
        awaitHidden(driver, "title-detail");

        // 5. Episodes: the rated episodes' ranking; one clicked opens its panel, whose link opens its series.
        List<String> rankedEpisodes = ranking(List.of("tvEpisode"));
        click(driver, By.cssSelector("#type-switch button[data-type='episodes']"));
        awaitRoute(driver, List.of("type", "episodes", "series", GAME_OF_THRONES), "after the Episodes switch");
        awaitTable(driver, rankedEpisodes.subList(0, limit), "episodes, page 1");
        String episode = rankedEpisodes.subList(0, limit).stream()
                .filter(t -> episodes.containsKey(t) && basics.containsKey(episodes.get(t)[1])
                        && !episodes.get(t)[1].equals(GAME_OF_THRONES))
                .findFirst().orElseThrow();
        String parent = episodes.get(episode)[1];
        click(driver, By.cssSelector("#top-movies tbody tr[data-tconst='" + episode + "']"));
        awaitRoute(driver, List.of("type", "episodes", "title", episode), "an episode clicked");
        awaitHidden(driver, "series-page");
        awaitEpisodePanel(driver, episode);
        click(driver, By.id("title-detail-series-link"));
        awaitRoute(driver, List.of("type", "episodes", "series", parent), "the episode's series link followed");
        awaitSeriesPage(driver, parent);

        // 6. Episodes without numbers are listed after the grid; a series opened as a title gets its page.
        driver.get(baseUrl + "/#/series/" + UNNUMBERED_SERIES);
        List<String> unnumbered = episodesOf(UNNUMBERED_SERIES).stream().map(e -> e[0]).sorted().toList();
        assertThat(unnumbered).isNotEmpty();
        await("the unnumbered episodes of " + UNNUMBERED_SERIES).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("series-page")).isDisplayed()).as("series page shown").isTrue();
            assertThat(strings(driver, READ_OUTSIDE)).as("episodes after the grid").containsExactlyElementsOf(unnumbered);
            assertThat(driver.findElement(By.id("grid-empty")).isDisplayed()).as("no numbered episodes").isTrue();
        });
        driver.get(baseUrl + "/#/title/" + GAME_OF_THRONES);
        awaitRoute(driver, List.of("series", GAME_OF_THRONES), "a series opened as a title");
        awaitSeriesPage(driver, GAME_OF_THRONES);

        // 7. All types in one ranking, then back to movies: the route drops the type, the table is the movies' again.
        click(driver, By.cssSelector("#type-switch button[data-type='all']"));
        awaitRoute(driver, List.of("type", "all", "series", GAME_OF_THRONES), "after the All types switch");
        // A hash typed in is no reload: the page size chosen above still holds.
        int shown = Integer.parseInt(driver.findElement(By.id("limit")).getDomProperty("value"));
        awaitTable(driver, ranking(ALL_TYPES).subList(0, shown), "all types");
        click(driver, By.cssSelector("#type-switch button[data-type='movies']"));
        awaitRoute(driver, List.of("series", GAME_OF_THRONES), "after the Movies switch");
        awaitTable(driver, movies.subList(0, shown), "movies again");
        assertThat(driver.findElement(By.id("top-title")).getText()).isEqualTo("Top movies");

        // 8. No stray requests, no uncaught page errors, nothing the CSP refused.
        List<String> external = DashboardTest.externalRequests(driver, baseUrl);
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertSoftly(softly -> {
            softly.assertThat(external).as("requests not served by the service").isEmpty();
            softly.assertThat(console).as("uncaught errors in the page").noneMatch(message -> message.contains("Uncaught"));
            softly.assertThat(console).as("what the Content-Security-Policy refused")
                    .noneMatch(message -> message.contains("Content Security Policy"));
        });
    }

    /** The series page of {@code tconst}: its title, seasons table and grid as the sample files have them. */
    private static void awaitSeriesPage(ChromeDriver driver, String tconst) {
        String title = basics.get(tconst)[2];
        Map<List<Integer>, String[]> numbered = numberedEpisodes(tconst);
        await("the series page of " + tconst).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    assertThat(driver.findElement(By.id("series-page")).isDisplayed()).as("series page shown").isTrue();
                    assertThat(driver.findElement(By.id("series-title")).getText()).startsWith(title);
                    assertSeasons(driver, tconst);
                    assertGrid(driver, numbered);
                });
    }

    /** One row per numbered season: its episodes, how many are rated, and their mean rating. */
    @SuppressWarnings("unchecked")
    private static void assertSeasons(ChromeDriver driver, String tconst) {
        Map<Integer, double[]> seasons = new TreeMap<>(); // season -> {episodes, rated, sum of ratings}
        for (String[] e : episodesOf(tconst)) {
            if (!e[2].equals(NULL)) {
                double[] s = seasons.computeIfAbsent(Integer.parseInt(e[2]), k -> new double[3]);
                s[0]++;
                double[] rating = ratings.get(e[0]);
                if (rating != null) {
                    s[1]++;
                    s[2] += rating[0];
                }
            }
        }
        List<List<String>> rows = (List<List<String>>) driver.executeScript(READ_SEASONS);
        assertThat(rows).as("seasons of %s", tconst).hasSize(seasons.size());
        int i = 0;
        for (Map.Entry<Integer, double[]> season : seasons.entrySet()) {
            List<String> row = rows.get(i++);
            double[] s = season.getValue();
            assertThat(row.subList(0, 3)).as("season %d of %s", season.getKey(), tconst)
                    .containsExactly(String.valueOf(season.getKey()), String.valueOf((int) s[0]), String.valueOf((int) s[1]));
            if (s[1] > 0) {
                assertThat(Double.parseDouble(row.get(3))).as("average of season %d", season.getKey())
                        .isCloseTo(s[2] / s[1], within(0.0051));
            }
        }
    }

    /** A cell per numbered episode, at its season and number, with its rating, band class and title. */
    @SuppressWarnings("unchecked")
    private static void assertGrid(ChromeDriver driver, Map<List<Integer>, String[]> numbered) {
        Map<String, Map<String, String>> cells = new TreeMap<>();
        for (Map<String, String> cell : (List<Map<String, String>>) driver.executeScript(READ_GRID)) {
            cells.put(cell.get("season") + "x" + cell.get("episode"), cell);
        }
        Map<String, Map<String, String>> expected = new TreeMap<>();
        numbered.forEach((place, e) -> {
            double[] rating = ratings.get(e[0]);
            expected.put(place.get(0) + "x" + place.get(1), Map.of(
                    "tconst", e[0],
                    "text", rating == null ? "—" : String.format(Locale.ROOT, "%.1f", rating[0]),
                    "title", basics.get(e[0])[2],
                    "band", rating == null ? "r-none" : "r-" + Math.min(9, (int) Math.floor(rating[0]))));
        });
        assertThat(cells.keySet()).as("the grid's filled cells (season x episode)").containsExactlyElementsOf(expected.keySet());
        expected.forEach((place, want) -> {
            Map<String, String> cell = cells.get(place);
            assertThat(cell.get("tconst")).as("episode at %s", place).isEqualTo(want.get("tconst"));
            assertThat(cell.get("text")).as("rating at %s", place).isEqualTo(want.get("text"));
            assertThat(cell.get("title")).as("title attribute at %s", place).isEqualTo(want.get("title"));
            assertThat(cell.get("classes").split(" ")).as("classes at %s", place).contains(want.get("band"));
        });
    }

    /** The title panel of an episode: its title, its place, and a link to its series. */
    private static void awaitEpisodePanel(ChromeDriver driver, String episode) {
        String[] e = episodes.get(episode);
        String seriesTitle = basics.get(e[1])[2];
        await("the panel of episode " + episode).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    assertThat(driver.findElement(By.id("title-detail")).isDisplayed()).as("title panel shown").isTrue();
                    assertThat(driver.findElement(By.id("title-detail-title")).getText()).startsWith(basics.get(episode)[2]);
                    assertThat(driver.findElement(By.id("title-detail-fields")).getText()).contains(episode);
                    String place = driver.findElement(By.id("title-detail-series")).getText();
                    assertThat(place).contains(seriesTitle);
                    if (!e[2].equals(NULL) && !e[3].equals(NULL)) {
                        assertThat(place).contains("Season " + e[2] + ", episode " + e[3]);
                    }
                    assertThat(driver.findElement(By.id("title-detail-series-link")).getDomAttribute("data-tconst"))
                            .isEqualTo(e[1]);
                });
    }

    private static void awaitHidden(ChromeDriver driver, String id) {
        await(id + " hidden").atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(driver.findElement(By.id(id)).isDisplayed()).as("%s shown", id).isFalse());
    }

    private static void awaitTable(ChromeDriver driver, List<String> tconsts, String what) {
        await("the table of " + what).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(strings(driver, READ_TABLE)).as("rows of %s; error shown: '%s'", what,
                        driver.findElement(By.id("table-error")).getText()).containsExactlyElementsOf(tconsts));
    }

    private static void awaitRoute(ChromeDriver driver, List<String> segments, String when) {
        await("the route " + segments + " " + when).atMost(PAGE_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(strings(driver, READ_ROUTE)).as("route %s", when).containsExactlyElementsOf(segments));
    }

    private static List<String> pressed(ChromeDriver driver) {
        return driver.findElements(By.cssSelector("#type-switch button[aria-pressed='true']")).stream()
                .map(button -> button.getDomAttribute("data-type")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(ChromeDriver driver, String script) {
        return (List<String>) driver.executeScript(script);
    }

    /** Clicks what {@code by} finds; a re-render between finding and clicking is tried again. */
    private static void click(ChromeDriver driver, By by) {
        await("a click on " + by).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> driver.findElement(by).click());
    }

    private static void selectGenre(ChromeDriver driver, String genre) {
        // The options are rebuilt whenever the genres are loaded again, so a found option may go stale.
        await("option " + genre).atMost(PAGE_TIMEOUT).pollInterval(POLL)
                .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    WebElement select = driver.findElement(By.id("genre-filter"));
                    Optional<WebElement> option = select.findElements(By.tagName("option")).stream()
                            .filter(o -> genre.equals(o.getDomProperty("value"))).findFirst();
                    assertThat(option).as("option %s", genre).isPresent();
                    option.get().click();
                    assertThat(select.getDomProperty("value")).isEqualTo(genre);
                });
    }

    /** Rated titles of these types by weighted score desc, votes desc, tconst asc. */
    private static List<String> ranking(List<String> types) {
        return basics.values().stream().filter(row -> types.contains(row[1]) && ratings.containsKey(row[0])).map(row -> row[0])
                .sorted(Comparator.<String>comparingDouble(t -> -score(t)).thenComparing(t -> -ratings.get(t)[1])
                        .thenComparing(t -> t))
                .toList();
    }

    private static double score(String tconst) {
        double[] r = ratings.get(tconst);
        return (r[1] * r[0] + M * C) / (r[1] + M);
    }

    /** The genres of the titles of these types; a title without genres counts under "(unknown)". */
    private static TreeSet<String> genres(List<String> types) {
        TreeSet<String> genres = new TreeSet<>();
        basics.values().stream().filter(row -> types.contains(row[1])).forEach(row -> genres.addAll(genresOf(row[0])));
        return genres;
    }

    private static List<String> genresOf(String tconst) {
        String genres = basics.get(tconst)[8];
        return genres.equals(NULL) ? List.of("(unknown)") : Arrays.asList(genres.split(","));
    }

    /** The episodes of a series that the basics file holds, as rows of the episode file. */
    private static List<String[]> episodesOf(String series) {
        return episodes.values().stream().filter(e -> e[1].equals(series) && basics.containsKey(e[0])).toList();
    }

    /** The episodes of a series with a season and an episode number, by (season, episode). */
    private static Map<List<Integer>, String[]> numberedEpisodes(String series) {
        Map<List<Integer>, String[]> numbered = new LinkedHashMap<>();
        for (String[] e : episodesOf(series)) {
            if (!e[2].equals(NULL) && !e[3].equals(NULL)) {
                String[] previous = numbered.put(List.of(Integer.parseInt(e[2]), Integer.parseInt(e[3])), e);
                assertThat(previous).as("two episodes at S%sE%s of %s", e[2], e[3], series).isNull();
            }
        }
        return numbered;
    }

    /** A gzip TSV of the sample by its first column; the header line skipped. */
    private static Map<String, String[]> rows(Path gz) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] fields = line.split("\t", -1);
                rows.put(fields[0], fields);
            }
        }
        return rows;
    }
}
