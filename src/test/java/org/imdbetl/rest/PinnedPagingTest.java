package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.imdbetl.rest.LinkHeaders.nextLink;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging {@code /movies/top} while the store changes between pages: a walk stays in the ranking of its
 * first page (overall and per genre, with the values that ranking had), and a cursor whose ranking is no
 * longer kept continues by position in the current ranking and says so. The store is changed directly,
 * as a refresh would change it, in a service of its own (one kept ranking, its own topics), and put back
 * after each test. Expected pages come from the sample files.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
@TestProfile(PinnedPagingTest.OneKeptRanking.class)
class PinnedPagingTest {

    /** The sample, on topics of its own; one superseded ranking kept, long enough for any test. */
    public static class OneKeptRanking implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imdb.kafka.topic", "imdb-movies-pinning",
                    "imdb.kafka.dlq-topic", "imdb-movies-pinning-dlq",
                    "imdb.scoring.pinned-rankings", "1",
                    "imdb.scoring.pinned-ranking-idle", "10m");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final double M = 3000;
    private static final double C = 6.5;
    /** Scores as doubles, not floats (JsonPath's default), to compare them exactly. */
    private static final JsonPathConfig EXACT_NUMBERS = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);
    private static SampleExpectations expected;

    @Inject
    ScoringStore store;

    /** What a test changed, to put back: the movies as they were, and the ones it added. */
    private final List<Movie> replaced = new ArrayList<>();
    private final List<String> added = new ArrayList<>();

    @BeforeAll
    static void computeExpectations() throws Exception {
        expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, M, C);
    }

    @BeforeEach
    void awaitTheSample() {
        awaitRankingCurrent();
        assertThat(get("/status").jsonPath().getLong("store.movies")).isEqualTo(expected.movieCount());
    }

    @AfterEach
    void putTheSampleBack() {
        List<ConsumedMovie> undo = new ArrayList<>();
        replaced.forEach(movie -> undo.add(ConsumedMovie.upsert(movie, 0, 0)));
        added.forEach(tconst -> undo.add(ConsumedMovie.tombstone(tconst, 0, 0)));
        store.applyAll(undo);
        awaitRankingCurrent();
    }

    @Test
    void aWalkStaysInTheRankingOfItsFirstPageWhileTheStoreChanges() {
        List<String> all = tconsts(expected.ranking());
        List<String> drama = tconsts(expected.ranking().stream().filter(m -> m.genres().contains("Drama")).toList());
        Response firstPage = get("/movies/top?limit=20");
        Response firstDrama = get("/movies/top?genre=drama&limit=15");
        long version = rankingVersion(firstPage);
        // Both walks are under way before the store changes: a ranking read by cursor is kept ahead of
        // rankings only first pages were read from (another test's walks may hold the one kept slot).
        Response secondPage = get(nextLink(firstPage));
        Response secondDrama = get(nextLink(firstDrama));

        // A refresh's worth of change: the best movie leaves, a new one takes the top, the 40th jumps to
        // second place, and a Drama from the end of the list moves to its top.
        Expected best = expected.ranking().get(0);
        Expected fortieth = expected.ranking().get(39);
        Expected lastDrama = expected.ranking().stream().filter(m -> m.genres().contains("Drama")).reduce((a, b) -> b)
                .orElseThrow();
        remove(best.tconst());
        add(new Movie("tt9999901", "Newcomer", "Newcomer", 2026, 100, List.of("Drama"), 9.9, 3_000_000L));
        replace(fortieth.tconst(), 9.8, 2_900_000L);
        replace(lastDrama.tconst(), 9.7, 2_800_000L);
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(get("/status").jsonPath().getLong("store.rankingVersion")).isGreaterThan(version));

        List<JsonPath> walked = new ArrayList<>(List.of(firstPage.jsonPath(EXACT_NUMBERS)));
        walked.addAll(walk(secondPage, version));
        assertThat(walked.stream().flatMap(page -> page.getList("tconst", String.class).stream()).toList())
                .containsExactlyElementsOf(all);
        List<JsonPath> walkedDrama = new ArrayList<>(List.of(firstDrama.jsonPath(EXACT_NUMBERS)));
        walkedDrama.addAll(walk(secondDrama, version));
        assertThat(walkedDrama.stream().flatMap(page -> page.getList("tconst", String.class).stream()).toList())
                .containsExactlyElementsOf(drama);
        // With the values the movies had in that ranking.
        JsonPath pageWithFortieth = walked.get(39 / 20);
        assertThat(pageWithFortieth.getDouble("[" + 39 % 20 + "].weightedScore"))
                .isCloseTo(fortieth.weightedScore(), within(1e-9));
        assertThat(pageWithFortieth.getLong("[" + 39 % 20 + "].numVotes")).isEqualTo(fortieth.votes());

        // A new walk sees the store as it is now, once the ranking has caught up with all four changes (the
        // wait above only saw a ranking newer than the walk's, which may hold the first change alone).
        awaitRankingCurrent();
        assertThat(get("/movies/top?limit=3").jsonPath().getList("tconst", String.class))
                .containsExactly("tt9999901", fortieth.tconst(), lastDrama.tconst());
    }

    @Test
    void aCursorWhoseRankingIsNoLongerKeptContinuesByPositionInTheCurrentOne() {
        List<String> all = tconsts(expected.ranking());
        Response older = get("/movies/top?limit=5");
        add(new Movie("tt9999911", "First Newcomer", "First Newcomer", 2026, 100, List.of("Drama"), 10.0, 3_000_000L));
        awaitRankingCurrent();
        // The same first page again: rendered anew for the new ranking, never the older one's bytes.
        Response newer = get("/movies/top?limit=5");
        assertThat(rankingVersion(newer)).isGreaterThan(rankingVersion(older));
        // The newer walk gets under way; the older one stops at its first page.
        Response newerSecond = get(nextLink(newer));
        assertThat(newerSecond.getHeader("Ranking-Pin")).isEqualTo("kept");
        add(new Movie("tt9999912", "Second Newcomer", "Second Newcomer", 2026, 100, List.of("Drama"), 10.0, 3_100_000L));
        awaitRankingCurrent();
        long current = get("/status").jsonPath().getLong("store.rankingVersion");

        // One superseded ranking is kept: the one a walk is under way in. The older cursor falls back.
        Response expired = get(nextLink(older));
        assertThat(expired.statusCode()).isEqualTo(200);
        assertThat(expired.getHeader("Ranking-Pin")).isEqualTo("expired");
        assertThat(rankingVersion(expired)).isEqualTo(current);
        // After the older page's last movie, in the current ranking (the newcomers rank above it).
        assertThat(expired.jsonPath().getList("tconst", String.class)).containsExactlyElementsOf(all.subList(5, 10));
        // And pinned again from there on.
        Response afterExpired = get(nextLink(expired));
        assertThat(afterExpired.getHeader("Ranking-Pin")).isEqualTo("kept");
        assertThat(rankingVersion(afterExpired)).isEqualTo(current);

        Response kept = get(nextLink(newerSecond));
        assertThat(kept.getHeader("Ranking-Pin")).isEqualTo("kept");
        assertThat(rankingVersion(kept)).isEqualTo(rankingVersion(newer));
        // The newer walk held the first newcomer and the sample's first movies; its ranking lacks the second.
        assertThat(newer.jsonPath().getList("tconst", String.class))
                .containsExactlyElementsOf(concat("tt9999911", all.subList(0, 4)));
        assertThat(newerSecond.jsonPath().getList("tconst", String.class)).containsExactlyElementsOf(all.subList(4, 9));
        assertThat(kept.jsonPath().getList("tconst", String.class)).containsExactlyElementsOf(all.subList(9, 14));
        assertThat(get("/status").jsonPath().getInt("store.pinnedRankings")).isEqualTo(1);
    }

    private List<JsonPath> walk(Response first, long version) {
        List<JsonPath> pages = new ArrayList<>();
        pages.add(first.jsonPath(EXACT_NUMBERS));
        String next = nextLink(first);
        while (next != null) {
            Response page = get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.getHeader("Ranking-Pin")).isEqualTo("kept");
            assertThat(rankingVersion(page)).isEqualTo(version);
            pages.add(page.jsonPath(EXACT_NUMBERS));
            next = nextLink(page);
            assertThat(pages).hasSizeLessThan(1000);
        }
        return pages;
    }

    private void remove(String tconst) {
        replaced.add(store.find(tconst).orElseThrow().movie());
        store.applyAll(List.of(ConsumedMovie.tombstone(tconst, 0, 0)));
    }

    private void add(Movie movie) {
        added.add(movie.tconst());
        store.upsertAll(List.of(movie));
    }

    private void replace(String tconst, double rating, long votes) {
        Movie was = store.find(tconst).orElseThrow().movie();
        replaced.add(was);
        store.upsertAll(List.of(new Movie(was.tconst(), was.title(), was.originalTitle(), was.year(), was.runtimeMinutes(),
                was.genres(), rating, votes)));
    }

    private static void awaitRankingCurrent() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getBoolean("consumer.storeLoaded")).isTrue();
            assertThat(status.getLong("store.rankingVersion")).isEqualTo(status.getLong("store.version"));
        });
    }

    private static long rankingVersion(Response response) {
        return Long.parseLong(response.getHeader("Ranking-Version"));
    }

    private static List<String> tconsts(List<Expected> movies) {
        return movies.stream().map(Expected::tconst).toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

}
