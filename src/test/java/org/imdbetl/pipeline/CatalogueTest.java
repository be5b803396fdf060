package org.imdbetl.pipeline;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.imdbetl.rest.LinkHeaders;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole catalogue on the bundled sample, through the real broker: every type, series and their episodes.
 * The expected answers are computed here from the three files, with none of the service's code.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class CatalogueTest {

    private static final double M = 3000;
    private static final double C = 6.5;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String NULL = "\\N";
    private static Map<String, String[]> basics;
    private static Map<String, double[]> ratings;
    private static Map<String, String[]> episodes;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "imdb.snapshot.output-dir")
    Path outputDir;

    @BeforeAll
    static void readFiles() throws IOException {
        basics = rows(SampleExpectations.SAMPLE_DIR.resolve("title.basics.tsv.gz"));
        ratings = new HashMap<>();
        rows(SampleExpectations.SAMPLE_DIR.resolve("title.ratings.tsv.gz")).forEach((tconst, row) ->
                ratings.put(tconst, new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])}));
        episodes = rows(SampleExpectations.SAMPLE_DIR.resolve("title.episode.tsv.gz"));
    }

    @BeforeEach
    void awaitCatalogue() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getString("catalogue.refresh.state")).isEqualTo("COMPLETED");
            assertThat(status.getLong("catalogue.titles")).isEqualTo(basics.size());
        });
    }

    @Test
    void statusCountsEveryTypeAndTheEpisodesWithoutTheirSeries() {
        JsonPath status = get("/status").jsonPath();
        Map<String, Long> byType = new TreeMap<>();
        basics.values().forEach(row -> byType.merge(row[1], 1L, Long::sum));
        Map<String, Object> served = status.getMap("catalogue.titlesByType");
        assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(byType.keySet());
        byType.forEach((type, count) -> assertThat(((Number) served.get(type)).longValue()).as(type).isEqualTo(count));
        long withoutSeries = episodes.values().stream()
                .filter(e -> basics.containsKey(e[0]) && !basics.containsKey(e[1])).count();
        assertThat(status.getLong("catalogue.refresh.episodesWithoutSeries")).isEqualTo(withoutSeries);
        assertThat(status.getBoolean("catalogue.loaded")).isTrue();
    }

    @Test
    void topSeriesEqualTheRankingComputedFromTheFiles() {
        List<String> expected = ranking("tvSeries");
        assertThat(expected).hasSizeGreaterThan(5);
        Response page = given().queryParam("type", "tvSeries").queryParam("limit", 1000).get("/titles/top");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.jsonPath().getList("tconst", String.class)).containsExactlyElementsOf(expected);
        assertThat(page.jsonPath().getList("titleType", String.class)).containsOnly("tvSeries");
        String best = expected.get(0);
        assertThat(doubles(page.body().asString()).getDouble("[0].weightedScore")).isCloseTo(score(best), within(1e-9));
        assertThat(page.jsonPath().getString("[0].title")).isEqualTo(basics.get(best)[2]);
    }

    @Test
    void topPagesThroughLinkHeadersToTheWholeRanking() {
        List<String> expected = ranking("tvSeries", "tvMiniSeries");
        List<String> walked = new ArrayList<>();
        String next = "/titles/top?type=tvSeries,tvMiniSeries&limit=4";
        while (next != null) {
            // A Link is already encoded: followed as a client follows it.
            Response page = given().urlEncodingEnabled(false).get(next);
            assertThat(page.statusCode()).as(next + ": " + page.body().asString()).isEqualTo(200);
            walked.addAll(page.jsonPath().getList("tconst", String.class));
            next = LinkHeaders.nextLink(page);
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void topMoviesOfTheCatalogueAreTheMovieView() {
        List<String> movies = given().queryParam("limit", 1000).get("/movies/top").jsonPath().getList("tconst", String.class);
        List<String> titles = given().queryParam("type", "movie").queryParam("limit", 1000).get("/titles/top")
                .jsonPath().getList("tconst", String.class);
        assertThat(titles).isEqualTo(movies).isEqualTo(ranking("movie"));
    }

    @Test
    void genreCountsPerType() {
        for (String type : List.of("tvSeries", "short", "tvEpisode")) {
            Map<String, Long> counts = new TreeMap<>();
            basics.values().stream().filter(row -> row[1].equals(type)).forEach(row -> {
                for (String genre : row[8].equals(NULL) ? List.of("(unknown)") : List.of(row[8].split(","))) {
                    counts.merge(genre, 1L, Long::sum);
                }
            });
            List<String> expectedOrder = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            JsonPath served = given().queryParam("type", type).get("/genres").then().statusCode(200).extract().jsonPath();
            assertThat(served.getList("genre", String.class)).as(type).containsExactlyElementsOf(expectedOrder);
            assertThat(served.getList("titleType", String.class)).containsOnly(type);
            for (int i = 0; i < expectedOrder.size(); i++) {
                assertThat(served.getLong("[" + i + "].titleCount")).isEqualTo(counts.get(expectedOrder.get(i)));
            }
        }
        // Without a type: the movie counts, as they always were.
        assertThat(get("/genres").jsonPath().getList("movieCount")).isNotEmpty();
    }

    @Test
    void aLongSeriesListsItsEpisodesInOrderWithItsSeasons() {
        String series = longestSeries();
        List<String[]> own = episodesOf(series);
        List<String> expectedOrder = own.stream().sorted(EPISODE_ORDER).map(e -> e[0]).toList();
        List<String> walked = new ArrayList<>();
        String next = "/titles/" + series + "/episodes?limit=5";
        while (next != null) {
            Response page = get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            walked.addAll(page.jsonPath().getList("tconst", String.class));
            next = LinkHeaders.nextLink(page);
        }
        assertThat(walked).containsExactlyElementsOf(expectedOrder);

        JsonPath detail = get("/titles/" + series).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("titleType")).isEqualTo(basics.get(series)[1]);
        assertThat(detail.getLong("episodeCount")).isEqualTo(own.size());
        Map<Integer, List<String[]>> bySeason = new TreeMap<>();
        own.stream().filter(e -> !e[2].equals(NULL)).forEach(e -> bySeason.computeIfAbsent(Integer.valueOf(e[2]), s -> new ArrayList<>()).add(e));
        assertThat(detail.getList("seasons.season", Integer.class)).containsExactlyElementsOf(bySeason.keySet());
        int i = 0;
        for (Map.Entry<Integer, List<String[]>> season : bySeason.entrySet()) {
            List<double[]> rated = season.getValue().stream().map(e -> ratings.get(e[0])).filter(r -> r != null).toList();
            assertThat(detail.getInt("seasons[" + i + "].episodes")).isEqualTo(season.getValue().size());
            assertThat(detail.getInt("seasons[" + i + "].ratedEpisodes")).isEqualTo(rated.size());
            if (!rated.isEmpty()) {
                assertThat(detail.getDouble("seasons[" + i + "].averageRating"))
                        .isCloseTo(rated.stream().mapToDouble(r -> r[0]).average().orElseThrow(), within(1e-9));
            }
            i++;
        }
    }

    @Test
    void theBestEpisodeAndOneSeason() {
        String series = longestSeries();
        List<String[]> own = episodesOf(series);
        List<String> byRating = own.stream().filter(e -> ratings.containsKey(e[0]))
                .sorted(Comparator.<String[]>comparingDouble(e -> -ratings.get(e[0])[0])
                        .thenComparing(e -> -ratings.get(e[0])[1]).thenComparing(e -> e[0]))
                .map(e -> e[0]).toList();
        List<String> served = given().queryParam("sort", "rating").queryParam("limit", 1000).get("/titles/" + series + "/episodes")
                .jsonPath().getList("tconst", String.class);
        assertThat(served.subList(0, byRating.size())).containsExactlyElementsOf(byRating);
        assertThat(served).hasSize(own.size());

        String season = own.stream().filter(e -> !e[2].equals(NULL)).findFirst().orElseThrow()[2];
        List<String> inSeason = own.stream().filter(e -> e[2].equals(season)).sorted(EPISODE_ORDER).map(e -> e[0]).toList();
        assertThat(given().queryParam("season", season).get("/titles/" + series + "/episodes").jsonPath().getList("tconst", String.class))
                .containsExactlyElementsOf(inSeason);
    }

    @Test
    void anEpisodeNamesItsSeries() {
        String[] episode = episodesOf(longestSeries()).get(0);
        JsonPath detail = get("/titles/" + episode[0]).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("titleType")).isEqualTo(basics.get(episode[0])[1]);
        assertThat(detail.getString("series.tconst")).isEqualTo(episode[1]);
        assertThat(detail.getString("series.title")).isEqualTo(basics.get(episode[1])[2]);
        assertThat(detail.getString("season")).isEqualTo(episode[2].equals(NULL) ? null : episode[2]);
        assertThat(detail.getString("episode")).isEqualTo(episode[3].equals(NULL) ? null : episode[3]);
    }

    @Test
    void aRatedSeriesHasItsRankAndExplain() {
        String best = ranking("tvSeries").get(0);
        JsonPath detail = doubles(get("/titles/" + best).then().statusCode(200).extract().asString());
        assertThat(detail.getInt("rank")).isEqualTo(1);
        assertThat(detail.getDouble("explain.m")).isEqualTo(M);
        assertThat(detail.getDouble("explain.C")).isEqualTo(C);
        assertThat(detail.getDouble("weightedScore")).isCloseTo(score(best), within(1e-9));
        assertThat(detail.getBoolean("isAdult")).isFalse();
    }

    @Test
    void theLakeHoldsEveryTitleAndEpisode() throws Exception {
        Path parquet = outputDir.resolve("parquet");
        long episodesKept = episodes.keySet().stream().filter(basics::containsKey).count();
        String series = longestSeries();
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement sql = duckdb.createStatement()) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(sql, "SELECT count(*) FROM '"
                    + parquet.resolve("titles/titles.parquet") + "'")).isEqualTo(basics.size()));
            assertThat(count(sql, "SELECT count(*) FROM '" + parquet.resolve("titles/titles.parquet") + "' WHERE title_type = 'tvSeries'"))
                    .isEqualTo(basics.values().stream().filter(r -> r[1].equals("tvSeries")).count());
            assertThat(count(sql, "SELECT count(*) FROM '" + parquet.resolve("episodes/episodes.parquet") + "'")).isEqualTo(episodesKept);
            assertThat(count(sql, "SELECT count(*) FROM '" + parquet.resolve("episodes/episodes.parquet") + "' WHERE parent_tconst = '"
                    + series + "'")).isEqualTo(episodesOf(series).size());
            long shortDramas = basics.values().stream().filter(r -> r[1].equals("short") && List.of(r[8].split(",")).contains("Drama")).count();
            assertThat(count(sql, "SELECT coalesce(sum(title_count), 0) FROM '" + parquet.resolve("type_genre_counts/type_genre_counts.parquet")
                    + "' WHERE title_type = 'short' AND genre = 'Drama'")).isEqualTo(shortDramas);
        }
    }

    private static long count(java.sql.Statement sql, String query) throws java.sql.SQLException {
        try (java.sql.ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void badRequestsAreClearAndNeverServerErrors() {
        String movie = ranking("movie").get(0);
        given().queryParam("type", "tvSeries,spaceOpera").get("/titles/top").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("tvMiniSeries"));
        get("/titles/tt12").then().statusCode(400);
        get("/titles/tt9999999").then().statusCode(404);
        get("/titles/" + movie + "/episodes").then().statusCode(404);
        get("/titles/" + longestSeries() + "/episodes?after=bm90LWEtY3Vyc29y").then().statusCode(400);
        get("/titles/" + longestSeries() + "/episodes?sort=random").then().statusCode(400);
        get("/titles/" + longestSeries() + "/episodes?season=-1").then().statusCode(400);
        get("/titles/top?type=tvSeries&genre=NoSuchGenre").then().statusCode(400);
        get("/genres?type=spaceOpera").then().statusCode(400);
    }

    /** Season, then episode, numbered before unnumbered, then tconst. */
    private static final Comparator<String[]> EPISODE_ORDER = Comparator
            .<String[]>comparingLong(e -> e[2].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(e[2]))
            .thenComparingLong(e -> e[3].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(e[3]))
            .thenComparing(e -> e[0]);

    private static String longestSeries() {
        Map<String, Long> counts = new HashMap<>();
        episodes.values().stream().filter(e -> basics.containsKey(e[0]) && basics.containsKey(e[1]))
                .forEach(e -> counts.merge(e[1], 1L, Long::sum));
        // The most episodes; among equals, the lowest tconst.
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).findFirst().orElseThrow().getKey();
    }

    private static List<String[]> episodesOf(String series) {
        return episodes.values().stream().filter(e -> e[1].equals(series) && basics.containsKey(e[0])).toList();
    }

    private static JsonPath doubles(String body) {
        return JsonPath.from(body).using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static double score(String tconst) {
        double[] r = ratings.get(tconst);
        return (r[1] * r[0] + M * C) / (r[1] + M);
    }

    private static List<String> ranking(String... types) {
        List<String> wanted = Arrays.asList(types);
        return basics.values().stream().filter(row -> wanted.contains(row[1]) && ratings.containsKey(row[0])).map(row -> row[0])
                .sorted(Comparator.<String>comparingDouble(t -> -score(t)).thenComparing(t -> -ratings.get(t)[1])
                        .thenComparing(t -> t))
                .toList();
    }

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
