package org.imdbetl.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.data.Offset;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;

class ScoringStoreTest {

    private static final double M = 3000;
    private static final double C = 6.5;
    private static final Offset<Double> EXACT = within(1e-9);

    private final ScoringStore store = new ScoringStore(M, OptionalDouble.of(C));

    @Test
    void weightedRatingMatchesHandComputedValues() {
        // 1000/4000*9.0 + 3000/4000*6.5 = 2.25 + 4.875
        assertThat(WeightedRating.of(9.0, 1000, M, C)).isCloseTo(7.125, EXACT);
        // v = m: halfway between R and C
        assertThat(WeightedRating.of(8.0, 3000, M, C)).isCloseTo(7.25, EXACT);
        // no votes: exactly the prior
        assertThat(WeightedRating.of(10.0, 0, M, C)).isCloseTo(C, EXACT);
    }

    @Test
    void ranksByWeightedScoreNotRawRating() {
        store.upsertAll(List.of(
                rated("tt0000001", 9.0, 1000, "Drama"),
                rated("tt0000002", 8.0, 3000, "Drama"),
                rated("tt0000003", 7.0, 9000, "Comedy")));

        List<ScoredMovie> top = store.top(TopQuery.of(10));

        assertThat(top).extracting(ScoredMovie::tconst).containsExactly("tt0000002", "tt0000001", "tt0000003");
        assertThat(top).extracting(ScoredMovie::weightedScore).containsExactly(7.25, 7.125, 6.875);
    }

    @Test
    void aTombstoneRemovesTheMovieFromCountsAndRanking() {
        store.upsertAll(List.of(
                rated("tt0000001", 9.0, 1000, "Drama"),
                rated("tt0000002", 8.0, 3000, "Comedy", "Drama")));

        List<ScoredMovie> applied = store.applyAll(List.of(
                ConsumedMovie.tombstone("tt0000002", 0, 5),
                ConsumedMovie.tombstone("tt0000009", 0, 6)));

        assertThat(applied).containsExactly(null, null);
        assertThat(store.find("tt0000002")).isEmpty();
        assertThat(store.genreCounts()).containsExactly(new GenreCount("Drama", 1));
        assertThat(store.top(TopQuery.of(10))).extracting(ScoredMovie::tconst).containsExactly("tt0000001");
        assertThat(store.stats().ratedMovies()).isEqualTo(1);
        assertThat(store.tconstsNotIn(t -> false)).containsExactly("tt0000001");
    }

    @Test
    void queriesNeverWaitForARebuildAndSeeTheNewRankingSoonAfter() throws InterruptedException {
        CountDownLatch rebuildMayRun = new CountDownLatch(1);
        ExecutorService rebuilds = Executors.newSingleThreadExecutor();
        try {
            ScoringStore background = new ScoringStore(M, OptionalDouble.of(C), task -> rebuilds.execute(() -> {
                try {
                    rebuildMayRun.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            }), 0, new ScoringStore.Retention(0, 0), 2);
            background.upsertAll(List.of(rated("tt0000001", 9.0, 1000, "Drama")));

            // The rebuild is held back: the query answers at once from the previous (empty) ranking.
            assertThat(background.top(TopQuery.of(10))).isEmpty();
            assertThat(background.stats().rankingVersion()).isLessThan(background.stats().version());
            // The lake writer's view is exact whatever the rebuild thread does.
            assertThat(background.allRanked()).extracting(ScoredMovie::tconst).containsExactly("tt0000001");

            rebuildMayRun.countDown();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(background.top(TopQuery.of(10)))
                    .extracting(ScoredMovie::tconst).containsExactly("tt0000001"));
        } finally {
            rebuilds.shutdownNow();
        }
    }

    @Test
    void aCursorNamesAPositionThatSurvivesChangesBetweenPages() {
        for (int i = 1; i <= 9; i++) {
            store.upsertAll(List.of(rated(String.format("tt%07d", i), 5.0 + i / 2.0, 1000L * i, "Drama")));
        }
        List<ScoredMovie> first = store.top(new TopQuery(3, null, 0, null, null, null));
        assertThat(first).extracting(ScoredMovie::tconst).containsExactly("tt0000009", "tt0000008", "tt0000007");

        // Between the pages: the best movie leaves, a new one enters above the cursor, one below it improves.
        store.applyAll(List.of(ConsumedMovie.tombstone("tt0000009", 0, 1)));
        store.upsertAll(List.of(rated("tt0000010", 9.9, 90_000, "Drama"), rated("tt0000001", 7.9, 5000, "Drama")));

        List<ScoredMovie> second = store.top(new TopQuery(3, null, 0, null, null, RankPosition.of(first.get(2))));
        assertThat(second).extracting(ScoredMovie::tconst).containsExactly("tt0000006", "tt0000001", "tt0000005");
        assertThat(store.ranks("tt0000006")).map(ScoringStore.Ranks::overall).contains(4);
        assertThat(store.ranks("tt0000006")).map(r -> r.byGenre().get("Drama")).contains(4);
    }

    @Test
    void breaksTiesByVotesThenTconst() {
        // R = C gives WR = C whatever the votes: equal scores.
        store.upsertAll(List.of(
                rated("tt0000003", 6.5, 100, "Drama"),
                rated("tt0000002", 6.5, 200, "Drama"),
                rated("tt0000001", 6.5, 100, "Drama")));

        assertThat(store.top(TopQuery.of(10))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000002", "tt0000001", "tt0000003");
    }

    @Test
    void replacingAMovieMovesItsRankAndGenreCounts() {
        store.upsertAll(List.of(
                rated("tt0000001", 9.0, 1000, "Drama"),
                rated("tt0000002", 8.0, 3000, "Drama")));
        assertThat(store.genreCounts()).containsExactly(new GenreCount("Drama", 2));

        store.upsertAll(List.of(rated("tt0000001", 9.0, 7000, "Comedy")));

        assertThat(store.top(TopQuery.of(10))).extracting(ScoredMovie::tconst).containsExactly("tt0000001", "tt0000002");
        assertThat(store.find("tt0000001").orElseThrow().weightedScore()).isCloseTo(8.25, EXACT);
        assertThat(store.genreCounts()).containsExactly(new GenreCount("Comedy", 1), new GenreCount("Drama", 1));
        assertThat(store.top(new TopQuery(10, "Drama", 0, null, null, null))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000002");
        assertThat(store.stats().movies()).isEqualTo(2);
    }

    @Test
    void replayingTheSameMoviesNeverDoubleCounts() {
        List<Movie> batch = List.of(rated("tt0000001", 9.0, 1000, "Drama"), unrated("tt0000002"));
        store.upsertAll(batch);
        List<GenreCount> once = store.genreCounts();

        store.upsertAll(batch);
        store.upsertAll(batch);

        assertThat(store.genreCounts()).isEqualTo(once);
        assertThat(store.stats().movies()).isEqualTo(2);
        assertThat(store.stats().ratedMovies()).isEqualTo(1);
    }

    @Test
    void allRankedListsRatedMoviesByScoreThenUnratedOnesAsTheirTconstsSortAsText() {
        List<String> unratedIds = List.of("tt9999999", "tt10000000", "tt1000000", "tt0000002", "tt00000020", "tt12345678");
        List<Movie> batch = new ArrayList<>();
        unratedIds.forEach(id -> batch.add(unrated(id)));
        batch.add(rated("tt0000005", 7.0, 9000, "Comedy"));
        batch.add(rated("tt0000004", 8.0, 3000, "Drama"));
        store.upsertAll(batch);

        List<String> expectedUnrated = unratedIds.stream().sorted().toList();
        List<String> expected = new ArrayList<>(List.of("tt0000004", "tt0000005"));
        expected.addAll(expectedUnrated);
        assertThat(store.allRanked()).extracting(ScoredMovie::tconst).containsExactlyElementsOf(expected);
        assertThat(expectedUnrated).startsWith("tt0000002", "tt00000020", "tt1000000", "tt10000000");
    }

    @Test
    void unratedMoviesCountInGenresButNeverRank() {
        store.upsertAll(List.of(unrated("tt0000001", "Horror"), unrated("tt0000002"), rated("tt0000003", 5.0, 10, "Horror")));

        assertThat(store.top(TopQuery.of(10))).extracting(ScoredMovie::tconst).containsExactly("tt0000003");
        assertThat(store.genreCounts()).containsExactly(
                new GenreCount("Horror", 2), new GenreCount(ScoredMovie.UNKNOWN_GENRE, 1));
        assertThat(store.find("tt0000001").orElseThrow().weightedScore()).isNull();
    }

    @Test
    void filtersByGenreVotesAndYears() {
        store.upsertAll(List.of(
                movie("tt0000001", 1950, 9.0, 50_000, "Drama"),
                movie("tt0000002", 1990, 8.0, 2_000, "Drama", "Crime"),
                movie("tt0000003", 2010, 7.0, 90_000, "Crime"),
                movie("tt0000004", null, 9.5, 90_000, "Crime")));

        assertThat(store.top(new TopQuery(10, "Crime", 0, null, null, null))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000004", "tt0000002", "tt0000003");
        assertThat(store.top(new TopQuery(10, null, 10_000, null, null, null))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000004", "tt0000001", "tt0000003");
        assertThat(store.top(new TopQuery(10, null, 0, 1960, 2000, null))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000002");
        assertThat(store.top(new TopQuery(2, null, 0, null, null, null))).hasSize(2);
    }

    @Test
    void autoMeanUsesTheMeanRatingOfTheStore() {
        ScoringStore auto = new ScoringStore(M, OptionalDouble.empty());
        auto.upsertAll(List.of(
                rated("tt0000001", 9.0, 1000, "Drama"),
                rated("tt0000002", 8.0, 3000, "Drama"),
                rated("tt0000003", 7.0, 9000, "Drama"),
                unrated("tt0000004")));

        auto.refreshRanking();

        assertThat(auto.stats().globalMean()).isCloseTo(8.0, EXACT);
        // v = m: halfway between 8.0 and C = 8.0
        assertThat(auto.find("tt0000002").orElseThrow().weightedScore()).isCloseTo(8.0, EXACT);
        assertThat(auto.top(TopQuery.of(10))).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000001", "tt0000002", "tt0000003");
        assertThat(auto.refreshRanking()).isFalse();
    }

    @Test
    void matchesGenresCaseInsensitively() {
        store.upsertAll(List.of(rated("tt0000001", 9.0, 1000, "Sci-Fi")));

        assertThat(store.canonicalGenre("sci-fi")).contains("Sci-Fi");
        assertThat(store.canonicalGenre("Western")).isEmpty();
    }

    private static Movie rated(String tconst, double rating, long votes, String... genres) {
        return movie(tconst, 2000, rating, votes, genres);
    }

    private static Movie movie(String tconst, Integer year, double rating, long votes, String... genres) {
        return new Movie(tconst, "Title " + tconst, "Title " + tconst, year, 100, List.of(genres), rating, votes);
    }

    @Test
    void rankingsMergedFromChangesEqualAFullSortAfterEveryBatch() {
        for (boolean auto : new boolean[] {false, true}) {
            ScoringStore merged = new ScoringStore(M, auto ? OptionalDouble.empty() : OptionalDouble.of(C));
            Map<String, Movie> model = new TreeMap<>();
            Random random = new Random(auto ? 17 : 5);
            String[] genres = {"Drama", "Comedy", "Crime", "Horror"};
            for (int batch = 0; batch < 150; batch++) {
                List<ConsumedMovie> records = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(40); i++) {
                    String tconst = String.format("tt%07d", random.nextInt(400));
                    if (random.nextInt(6) == 0) {
                        records.add(ConsumedMovie.tombstone(tconst, 0, 0));
                        model.remove(tconst);
                        continue;
                    }
                    // Few distinct values: equal scores and votes, so ties reach the tconst.
                    List<String> movieGenres = random.nextBoolean() ? List.of(genres[random.nextInt(4)])
                            : List.of(genres[random.nextInt(2)], genres[2 + random.nextInt(2)]);
                    Movie movie = random.nextInt(5) == 0 ? unrated(tconst, movieGenres.toArray(String[]::new))
                            : new Movie(tconst, "T", "T", 2000, 90, movieGenres, 1 + random.nextInt(10) * 0.5,
                                    (long) (1 + random.nextInt(4)) * 1000);
                    records.add(ConsumedMovie.upsert(movie, 0, 0));
                    model.put(tconst, movie);
                }
                merged.applyAll(records);
                merged.refreshRanking();
                double c = auto ? model.values().stream().filter(Movie::rated).mapToDouble(Movie::averageRating).average()
                        .orElse(0) : C;
                assertThat(merged.top(TopQuery.of(1000))).extracting(ScoredMovie::tconst).as("batch %d", batch)
                        .containsExactlyElementsOf(sorted(model, c, null));
                for (String genre : genres) {
                    assertThat(merged.top(new TopQuery(1000, genre, 0, null, null, null))).extracting(ScoredMovie::tconst)
                            .as("%s, batch %d", genre, batch).containsExactlyElementsOf(sorted(model, c, genre));
                }
            }
        }
    }

    /** The ranking by definition: score desc, votes desc, tconst asc, over the rated movies of the model. */
    private static List<String> sorted(Map<String, Movie> model, double c, String genre) {
        return model.values().stream()
                .filter(Movie::rated)
                .filter(m -> genre == null || m.genres().contains(genre))
                .sorted(Comparator.<Movie>comparingDouble(m -> -(m.numVotes() * m.averageRating() + M * c) / (m.numVotes() + M))
                        .thenComparing(m -> -m.numVotes())
                        .thenComparing(Movie::tconst))
                .map(Movie::tconst)
                .toList();
    }

    private static Movie unrated(String tconst, String... genres) {
        return new Movie(tconst, "Title " + tconst, "Title " + tconst, 2000, 100, List.of(genres), null, null);
    }
}
