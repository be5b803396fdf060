package org.imdbetl.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;

/**
 * Paging pins the ranking its first page came from: later pages are read from that ranking, movie values
 * included, across rebuilds, until it has been idle too long or more recent pins push it out; then pages
 * continue by position in the current ranking and say so.
 */
class PinnedRankingTest {

    private static final double M = 3000;
    private static final double C = 6.5;
    private static final long IDLE = Duration.ofMinutes(2).toNanos();

    private final AtomicLong clock = new AtomicLong(1_000_000);
    /** Rebuilt on the writer's thread after every batch: every change is a new ranking version. */
    private final ScoringStore store = new ScoringStore(M, OptionalDouble.of(C), Runnable::run, 0,
            new ScoringStore.Retention(2, IDLE), 2, clock::get);

    @Test
    void aWalkStaysInItsRankingAcrossRebuildsWithTheValuesItHad() {
        // Nine movies; the higher the number, the better: 9, 8, ..., 1.
        for (int i = 1; i <= 9; i++) {
            store.upsertAll(List.of(rated(i, 5.0 + i / 2.0, 1000L * i, "Drama")));
        }
        TopPage first = store.top(new TopQuery(3, null, 0, null, null, null), null);
        assertThat(tconsts(first)).containsExactly("tt0000009", "tt0000008", "tt0000007");
        assertThat(first.pinExpired()).isFalse();

        // Between the pages: the best movie leaves, a new one enters at the top, one below the cursor
        // overtakes it, one is re-rated in place.
        store.applyAll(List.of(ConsumedMovie.tombstone("tt0000009", 0, 1)));
        store.upsertAll(List.of(rated(10, 9.9, 90_000, "Drama"), rated(1, 9.8, 80_000, "Drama")));
        store.upsertAll(List.of(rated(5, 7.6, 5001, "Drama")));
        assertThat(store.stats().rankingVersion()).isGreaterThan(first.ranking().version());

        List<ScoredMovie> walked = walk(first, 3, null);
        assertThat(walked).extracting(ScoredMovie::tconst).containsExactly("tt0000009", "tt0000008", "tt0000007",
                "tt0000006", "tt0000005", "tt0000004", "tt0000003", "tt0000002", "tt0000001");
        // As rated when the walk began, not as now.
        assertThat(walked.get(4).movie().numVotes()).isEqualTo(5000);
        assertThat(walked.get(8).movie().averageRating()).isEqualTo(5.5);
        // The current ranking has moved on meanwhile.
        assertThat(tconsts(store.top(new TopQuery(3, null, 0, null, null, null), null)))
                .containsExactly("tt0000010", "tt0000001", "tt0000008");
    }

    @Test
    void aGenreWalkStaysInItsRankingToo() {
        store.upsertAll(List.of(rated(1, 9.0, 9000, "Comedy"), rated(2, 8.0, 9000, "Comedy", "Drama"),
                rated(3, 7.0, 9000, "Comedy"), rated(4, 6.0, 9000, "Comedy"), rated(5, 9.5, 9000, "Drama")));
        TopPage first = store.top(new TopQuery(2, "Comedy", 0, null, null, null), null);
        assertThat(tconsts(first)).containsExactly("tt0000001", "tt0000002");

        // tt0000004 jumps to the top of Comedy, tt0000003 leaves the genre.
        store.upsertAll(List.of(rated(4, 9.9, 9000, "Comedy"), rated(3, 7.0, 9000, "Drama")));

        assertThat(walk(first, 2, "Comedy")).extracting(ScoredMovie::tconst)
                .containsExactly("tt0000001", "tt0000002", "tt0000003", "tt0000004");
        assertThat(tconsts(store.top(new TopQuery(10, "Comedy", 0, null, null, null), null)))
                .containsExactly("tt0000004", "tt0000001", "tt0000002");
    }

    @Test
    void anIdlePinExpiresAndThePageContinuesByPositionInTheCurrentRanking() {
        for (int i = 1; i <= 6; i++) {
            store.upsertAll(List.of(rated(i, 5.0 + i / 2.0, 1000L * i, "Drama")));
        }
        TopPage first = store.top(new TopQuery(2, null, 0, null, null, null), null);
        store.upsertAll(List.of(rated(1, 9.9, 90_000, "Drama")));
        assertThat(store.stats().pinnedRankings()).isEqualTo(1);

        clock.addAndGet(IDLE + 1);
        TopPage next = store.top(new TopQuery(2, null, 0, null, null, RankPosition.of(first.movies().get(1))),
                first.ranking());

        assertThat(next.pinExpired()).isTrue();
        assertThat(next.ranking().version()).isEqualTo(store.stats().rankingVersion());
        // After tt0000005 in the current ranking, where tt0000001 now ranks first.
        assertThat(tconsts(next)).containsExactly("tt0000004", "tt0000003");
        assertThat(store.stats().pinnedRankings()).isZero();
    }

    @Test
    void aPinReadWithinTheIdleTimeStaysAsLongAsPagesKeepComing() {
        for (int i = 1; i <= 6; i++) {
            store.upsertAll(List.of(rated(i, 5.0 + i / 2.0, 1000L * i, "Drama")));
        }
        TopPage page = store.top(new TopQuery(1, null, 0, null, null, null), null);
        RankingPin pin = page.ranking();
        for (int i = 0; i < 4; i++) {
            store.upsertAll(List.of(rated(10 + i, 9.9, 90_000, "Drama")));
            clock.addAndGet(IDLE - 1);
            page = store.top(new TopQuery(1, null, 0, null, null, RankPosition.of(page.movies().get(0))), pin);
            assertThat(page.pinExpired()).isFalse();
            assertThat(page.ranking()).isEqualTo(pin);
        }
        assertThat(tconsts(page)).containsExactly("tt0000002");
    }

    @Test
    void onlyTheMostRecentlyReadPinsAreKept() {
        store.upsertAll(List.of(rated(1, 9.0, 9000, "Drama"), rated(2, 8.0, 9000, "Drama")));
        List<RankingPin> pins = new ArrayList<>();
        List<ScoredMovie> best = new ArrayList<>();
        for (int i = 3; i <= 5; i++) {
            TopPage page = store.top(TopQuery.of(1), null);
            pins.add(page.ranking());
            best.addAll(page.movies());
            clock.addAndGet(1000);
            store.upsertAll(List.of(rated(i, 7.0, 9000, "Drama")));
        }
        // Three superseded rankings were read; the store keeps two, the least recently read goes.
        assertThat(store.stats().pinnedRankings()).isEqualTo(2);
        assertThat(best).extracting(ScoredMovie::tconst).containsOnly("tt0000001");
        TopQuery second = new TopQuery(1, null, 0, null, null, RankPosition.of(best.get(0)));
        assertThat(store.top(second, pins.get(0)).pinExpired()).isTrue();
        assertThat(store.top(second, pins.get(1)).pinExpired()).isFalse();
        assertThat(store.top(second, pins.get(2)).pinExpired()).isFalse();
    }

    @Test
    void aWalkUnderWayOutlastsRankingsOnlyFirstPagesWereReadFrom() {
        for (int i = 1; i <= 6; i++) {
            store.upsertAll(List.of(rated(i, 5.0 + i / 2.0, 1000L * i, "Drama")));
        }
        TopPage first = store.top(TopQuery.of(1), null);
        TopPage second = store.top(new TopQuery(1, null, 0, null, null, RankPosition.of(first.movies().get(0))),
                first.ranking());
        // A client polls the first page of every later ranking: more recently read, but never followed.
        for (int i = 0; i < 3; i++) {
            clock.addAndGet(1000);
            store.upsertAll(List.of(rated(10 + i, 9.9, 90_000, "Drama")));
            store.top(TopQuery.of(1), null);
        }
        clock.addAndGet(1000);
        store.upsertAll(List.of(rated(20, 9.9, 90_000, "Drama")));

        TopPage third = store.top(new TopQuery(1, null, 0, null, null, RankPosition.of(second.movies().get(0))),
                first.ranking());
        assertThat(third.pinExpired()).isFalse();
        assertThat(tconsts(third)).containsExactly("tt0000004");
        assertThat(store.stats().pinnedRankings()).isEqualTo(2);
    }

    @Test
    void rankingsNoCursorWasHandedOutForAreNotKept() {
        store.upsertAll(List.of(rated(1, 9.0, 9000, "Drama"), rated(2, 8.0, 9000, "Drama")));
        // A last page hands out no cursor: nothing to keep it for.
        store.top(TopQuery.of(10), null);
        store.upsertAll(List.of(rated(3, 7.0, 9000, "Drama")));
        store.upsertAll(List.of(rated(4, 7.0, 9000, "Drama")));

        assertThat(store.stats().pinnedRankings()).isZero();
    }

    @Test
    void withNoRetentionOnlyTheCurrentRankingIsPinnable() {
        ScoringStore none = new ScoringStore(M, OptionalDouble.of(C));
        none.upsertAll(List.of(rated(1, 9.0, 9000, "Drama"), rated(2, 8.0, 9000, "Drama")));
        TopPage first = none.top(TopQuery.of(1), null);
        TopQuery second = new TopQuery(1, null, 0, null, null, RankPosition.of(first.movies().get(0)));

        assertThat(none.top(second, first.ranking()).pinExpired()).isFalse();
        none.upsertAll(List.of(rated(3, 7.0, 9000, "Drama")));
        assertThat(none.top(second, first.ranking()).pinExpired()).isTrue();
        assertThat(none.stats().pinnedRankings()).isZero();
    }

    @Test
    void aPinOfAnotherStoreIsExpiredAndAVersionThisStoreNeverBuiltIsRejected() {
        store.upsertAll(List.of(rated(1, 9.0, 9000, "Drama"), rated(2, 8.0, 9000, "Drama")));
        RankingPin ours = store.top(TopQuery.of(1), null).ranking();

        TopPage foreign = store.top(TopQuery.of(1), new RankingPin(ours.storeId() + 1, ours.version()));
        assertThat(foreign.pinExpired()).isTrue();
        assertThat(tconsts(foreign)).containsExactly("tt0000001");

        assertThatThrownBy(() -> store.top(TopQuery.of(1), new RankingPin(ours.storeId(), ours.version() + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.top(TopQuery.of(1), new RankingPin(ours.storeId(), -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRankingSupersededWhileItsPageIsReadIsTakenBack() {
        PinnedRankings rankings = new PinnedRankings(2, IDLE, clock::get);
        rankings.install(Ranking.of(1, List.of()));
        Ranking read = rankings.current();
        // Swapped out before the reader marks it used: the swap saw no use, so did not keep it.
        rankings.install(Ranking.of(2, List.of()));
        assertThat(rankings.find(1)).isNull();

        rankings.used(read);

        assertThat(rankings.find(1)).isSameAs(read);
        assertThat(rankings.keptCount()).isEqualTo(1);
    }

    /** Walks from the first page by the pin and position of each page's last movie, as a client follows links. */
    private List<ScoredMovie> walk(TopPage first, int limit, String genre) {
        List<ScoredMovie> walked = new ArrayList<>(first.movies());
        TopPage page = first;
        while (page.movies().size() == limit) {
            RankPosition last = RankPosition.of(page.movies().get(limit - 1));
            page = store.top(new TopQuery(limit, genre, 0, null, null, last), page.ranking());
            assertThat(page.pinExpired()).isFalse();
            assertThat(page.ranking()).isEqualTo(first.ranking());
            walked.addAll(page.movies());
        }
        return walked;
    }

    private static List<String> tconsts(TopPage page) {
        return page.movies().stream().map(ScoredMovie::tconst).toList();
    }

    private static Movie rated(int number, double rating, long votes, String... genres) {
        String tconst = String.format("tt%07d", number);
        return new Movie(tconst, "Title " + tconst, "Title " + tconst, 2000, 100, List.of(genres), rating, votes);
    }
}
