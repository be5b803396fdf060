package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.imdbetl.rest.LinkHeaders.nextLink;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding and browsing on the sample, through the real broker: title search, paging by Link headers,
 * rank and score explained. Expected answers come from the sample files, computed in the test.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class BrowseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final double M = 3000;
    private static final double C = 6.5;
    private static SampleExpectations expected;

    @BeforeAll
    static void computeExpectations() throws Exception {
        expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, M, C);
    }

    @BeforeEach
    void awaitStoreLoaded() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getLong("store.movies")).isEqualTo(expected.movieCount());
            assertThat(status.getLong("store.rankingVersion")).isEqualTo(status.getLong("store.version"));
        });
    }

    @Test
    void findsTitlesAsAUserTypesThem() {
        assertThat(tconsts("/movies/search?q=godfather")).startsWith("tt0068646", "tt0071562");
        assertThat(tconsts("/movies/search?q=crouching tiger")).first().isEqualTo("tt0190332");
        assertThat(tconsts("/movies/search?q=crouchng")).contains("tt0190332");
        assertThat(tconsts("/movies/search?q=amelie")).first().isEqualTo("tt0211915");
        assertThat(tconsts("/movies/search?q=AMÉLIE poul")).first().isEqualTo("tt0211915");
        assertThat(tconsts("/movies/search?q=godfather&fromYear=1973")).containsExactly("tt0071562");
        assertThat(tconsts("/movies/search?q=zzzzqqqq")).isEmpty();
    }

    @Test
    void walkingTopByLinkHeadersReturnsEveryRatedMovieOnceInOrder() {
        List<String> walked = new ArrayList<>();
        String next = "/movies/top?limit=7";
        int pages = 0;
        String version = null;
        while (next != null) {
            Response page = get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            // Every page from the ranking of the first; the first has no cursor, so no pin to report.
            version = version == null ? page.getHeader("Ranking-Version") : version;
            assertThat(page.getHeader("Ranking-Version")).isEqualTo(version);
            assertThat(page.getHeader("Ranking-Pin")).isEqualTo(pages == 0 ? null : "kept");
            walked.addAll(page.jsonPath().getList("tconst", String.class));
            next = nextLink(page);
            pages++;
            assertThat(pages).isLessThan(1000);
        }
        assertThat(walked).containsExactlyElementsOf(expected.ranking().stream().map(Expected::tconst).toList());
        assertThat(pages).isEqualTo((expected.ranking().size() + 6) / 7);
    }

    @Test
    void walkingSearchByLinkHeadersHasNoDuplicates() {
        List<String> all = tconsts("/movies/search?q=the&limit=100");
        List<String> walked = new ArrayList<>();
        String next = "/movies/search?q=the&limit=3";
        while (next != null) {
            Response page = get(next);
            walked.addAll(page.jsonPath().getList("tconst", String.class));
            next = nextLink(page);
        }
        assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(all.size()).isGreaterThan(3);
    }

    @Test
    void aMovieExplainsItsRankAndScore() {
        Expected third = expected.ranking().get(2);
        JsonPath movie = get("/movies/" + third.tconst()).jsonPath();

        assertThat(movie.getInt("rank")).isEqualTo(3);
        double v = third.votes();
        assertThat(movie.getDouble("explain.R")).isEqualTo(third.rating());
        assertThat(movie.getLong("explain.v")).isEqualTo(third.votes());
        assertThat(movie.getDouble("explain.m")).isEqualTo(M);
        assertThat(movie.getDouble("explain.C")).isEqualTo(C);
        assertThat(movie.getDouble("explain.weightOfRating")).isCloseTo(v / (v + M), within(1e-6));
        assertThat(movie.getDouble("explain.weightOfPrior")).isCloseTo(M / (v + M), within(1e-6));
        Map<String, Integer> genreRanks = movie.getMap("genreRanks");
        for (String genre : third.genres()) {
            List<String> inGenre = expected.ranking().stream().filter(m -> m.genres().contains(genre)).map(Expected::tconst).toList();
            assertThat(genreRanks.get(genre)).as(genre).isEqualTo(inGenre.indexOf(third.tconst()) + 1);
        }

        Map<String, Object> bare = get("/movies/" + third.tconst() + "?explain=false").jsonPath().getMap("");
        assertThat(bare).doesNotContainKeys("rank", "genreRanks", "explain").containsKey("weightedScore");
    }

    @Test
    void aCursorOfAnotherInstanceOrWithoutARankingContinuesByPositionAndAForgedVersionIsA400() {
        List<String> ranking = expected.ranking().stream().map(Expected::tconst).toList();
        Response first = get("/movies/top?limit=5");
        String link = nextLink(first);
        String cursor = link.substring(link.indexOf("after=") + "after=".length());
        // r2|store id (hex)|ranking version|score|votes|tconst: opaque to clients, forged here on purpose.
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        assertThat(parts).hasSize(6);
        String position = parts[3] + "|" + parts[4] + "|" + parts[5];

        Response neverBuilt = get("/movies/top?limit=5&after="
                + encode("r2|" + parts[1] + "|" + (Long.parseLong(parts[2]) + 1_000_000) + "|" + position));
        assertThat(neverBuilt.statusCode()).isEqualTo(400);
        assertThat(neverBuilt.jsonPath().getString("message")).contains("after must be a cursor");

        String otherStore = Long.toHexString(Long.parseUnsignedLong(parts[1], 16) ^ 1);
        for (String raw : List.of("r2|" + otherStore + "|" + parts[2] + "|" + position, "r1|" + position)) {
            Response page = get("/movies/top?limit=5&after=" + encode(raw));
            assertThat(page.statusCode()).as(raw).isEqualTo(200);
            assertThat(page.getHeader("Ranking-Pin")).as(raw).isEqualTo("expired");
            assertThat(page.jsonPath().getList("tconst", String.class)).as(raw).containsExactlyElementsOf(ranking.subList(5, 10));
        }
        for (String raw : List.of("r2|" + parts[1] + "|-1|" + position, "r2|zz|1|" + position, "r2|" + parts[1] + "|1|" + parts[3],
                "r2|" + parts[1] + "|1|NaN|5|tt0000001")) {
            assertThat(get("/movies/top?after=" + encode(raw)).statusCode()).as(raw).isEqualTo(400);
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedRequestsAre400sWithAJsonBody() {
        for (String path : List.of("/movies/search", "/movies/search?q=", "/movies/search?q=a&limit=0",
                "/movies/search?q=a&limit=101", "/movies/search?q=a&after=%%%", "/movies/search?q=a&after=bm90LWEtY3Vyc29y",
                "/movies/search?q=a&fromYear=2000&toYear=1990", "/movies/search?q=" + "x".repeat(201),
                "/movies/top?after=bm90LWEtY3Vyc29y", "/movies/top?after=%%%", "/movies/tt0111161?explain=maybe")) {
            Response response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.jsonPath().getInt("status")).as(path).isEqualTo(400);
        }
    }

    private static List<String> tconsts(String path) {
        return get(path).then().statusCode(200).extract().jsonPath().getList("tconst", String.class);
    }

}
