package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History and movers over the bundled sample: one refresh, so every movie has one NEW point. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class HistoryResourceTest {

    private static final double M = 3000;
    private static final double C = 6.5;
    private static SampleExpectations expected;
    private static Instant asOf;

    @BeforeAll
    static void computeExpectations() throws Exception {
        expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, M, C);
        // The dataset version: the later of the two files' times, to the millisecond.
        Instant ratings = Files.getLastModifiedTime(SampleExpectations.SAMPLE_DIR.resolve("title.ratings.tsv.gz")).toInstant();
        Instant basics = Files.getLastModifiedTime(SampleExpectations.SAMPLE_DIR.resolve("title.basics.tsv.gz")).toInstant();
        asOf = (ratings.isAfter(basics) ? ratings : basics).truncatedTo(ChronoUnit.MILLIS);
    }

    @BeforeEach
    void awaitHistory() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getInt("history.refreshes")).isEqualTo(1);
            assertThat(status.getLong("history.recordsConsumed")).isEqualTo(expected.movieCount());
        });
    }

    @Test
    void everyMovieHasOneNewPointWithTheValuesOfTheFiles() {
        for (Expected movie : expected.ranking()) {
            List<Map<String, Object>> points = get("/movies/" + movie.tconst() + "/history").then().statusCode(200)
                    .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).getList("");
            assertThat(points).hasSize(1);
            Map<String, Object> point = points.get(0);
            assertThat(point.get("asOf")).isEqualTo(asOf.toString());
            assertThat(point.get("event")).isEqualTo("NEW");
            assertThat(((Number) point.get("averageRating")).doubleValue()).isEqualTo(movie.rating());
            assertThat(((Number) point.get("numVotes")).longValue()).isEqualTo(movie.votes());
            assertThat(((Number) point.get("weightedScore")).doubleValue()).isCloseTo(movie.weightedScore(), within(1e-9));
        }
        List<String> rated = expected.ranking().stream().map(Expected::tconst).toList();
        expected.movieIds().stream().filter(id -> !rated.contains(id)).forEach(unrated ->
                get("/movies/" + unrated + "/history").then().statusCode(200)
                        .body("size()", equalTo(1)).body("[0].event", equalTo("NEW")).body("[0].numVotes", equalTo(null)));
    }

    @Test
    void anUnseenMovieIs404AndAMalformedId400() {
        get("/movies/tt9999999/history").then().statusCode(404).body("status", equalTo(404))
                .body("message", containsString("tt9999999"));
        get("/movies/nope/history").then().statusCode(400).body("message", containsString("tconst"));
        get("/movies/tt12/history").then().statusCode(400);
    }

    @Test
    void moversNeedTwoRefreshes() {
        get("/movies/movers").then().statusCode(200).body("size()", equalTo(0));
        get("/movies/movers?by=rating&direction=down&since=" + asOf.toString().substring(0, 10)).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void badMoversParametersAre400WithTheErrorBody() {
        for (String query : List.of("by=likes", "direction=sideways", "since=2024-13-01", "since=yesterday", "limit=0",
                "limit=101", "limit=ten", "genre=NoSuchGenre", "genre=" + "x".repeat(65))) {
            get("/movies/movers?" + query).then().statusCode(400).body("status", equalTo(400))
                    .body("error", equalTo("Bad Request")).body("message", containsString(query.substring(0, query.indexOf('='))));
        }
        // Case-insensitive names and a known genre are fine.
        get("/movies/movers?by=SCORE&direction=Down&genre=drama&limit=100").then().statusCode(200);
    }

    @Test
    void statusShowsTheHistoryStore() {
        JsonPath status = get("/status").jsonPath();
        assertThat(status.getString("history.latestAsOf")).isEqualTo(asOf.toString());
        assertThat(status.getString("history.topic")).isEqualTo("imdb-movie-history");
        assertThat(Path.of(status.getString("history.dir"))).isDirectory();
    }
}
