package org.imdbetl.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.history.HistoryPoint.Event;
import org.imdbetl.history.MoversQuery.Direction;
import org.imdbetl.history.MoversQuery.Measure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingHistoryTest {

    private static final Instant DAY1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant DAY2 = DAY1.plus(1, ChronoUnit.DAYS);
    private static final Instant DAY3 = DAY1.plus(2, ChronoUnit.DAYS);
    private static final Instant DAY4 = DAY1.plus(3, ChronoUnit.DAYS);

    @TempDir
    Path dir;

    private final List<RatingHistory> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(RatingHistory::close);
    }

    private RatingHistory open() {
        RatingHistory history = RatingHistory.open(dir.resolve("history"));
        opened.add(history);
        return history;
    }

    private static HistoryPoint point(Instant asOf, Event event, double rating, long votes, double score) {
        return new HistoryPoint(asOf, event, rating, votes, score);
    }

    @Test
    void theSamePointAgainIsNotASecondPoint() {
        RatingHistory history = open();
        HistoryPoint first = point(DAY1, Event.NEW, 7.0, 100, 6.6);

        assertThat(history.put("tt0000001", first)).isTrue();
        assertThat(history.put("tt0000001", first)).isFalse();
        List<HistoryEntry> replay = List.of(new HistoryEntry("tt0000001", first), new HistoryEntry("tt0000001", first));
        assertThat(history.putAll(replay, Map.of())).isZero();

        assertThat(history.history("tt0000001")).containsExactly(first);
        assertThat(history.asOfs()).containsExactly(DAY1);
    }

    @Test
    void aDifferentPointForTheSameRefreshReplacesIt() {
        RatingHistory history = open();
        history.put("tt0000001", point(DAY1, Event.NEW, 7.0, 100, 6.6));
        HistoryPoint corrected = point(DAY1, Event.NEW, 7.1, 101, 6.7);

        assertThat(history.put("tt0000001", corrected)).isTrue();

        assertThat(history.history("tt0000001")).containsExactly(corrected);
    }

    @Test
    void aRemovedMovieKeepsItsHistory() {
        RatingHistory history = open();
        HistoryPoint added = point(DAY1, Event.NEW, 7.0, 100, 6.6);
        HistoryPoint changed = point(DAY2, Event.CHANGED, 7.2, 150, 6.7);
        HistoryPoint removed = new HistoryPoint(DAY3, Event.REMOVED, null, null, null);
        history.put("tt0000001", added);
        history.put("tt0000001", changed);
        history.put("tt0000001", removed);

        assertThat(history.history("tt0000001")).containsExactly(added, changed, removed);
        // Gone now: no longer a mover, though it moved before it went.
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY1))).isEmpty();
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY1).direction(Direction.DOWN))).isEmpty();
    }

    @Test
    void historyIsOldestFirstWhateverTheOrderPointsArrive() {
        RatingHistory history = open();
        Instant before1970 = Instant.parse("1969-12-31T23:59:59Z");
        HistoryPoint p0 = point(before1970, Event.NEW, 5.0, 1, 5.0);
        HistoryPoint p1 = point(DAY1, Event.CHANGED, 6.0, 2, 5.5);
        HistoryPoint p2 = point(DAY2, Event.CHANGED, 7.0, 3, 6.0);
        HistoryPoint p3 = point(DAY3, Event.CHANGED, 8.0, 4, 6.5);
        history.put("tt0000001", p2);
        history.put("tt0000001", p0);
        history.put("tt0000001", p3);
        history.put("tt0000001", p1);
        // Neighbours by number must not bleed into each other's range.
        history.put("tt0000002", p1);
        history.put("tt00000001", p1);

        assertThat(history.history("tt0000001")).containsExactly(p0, p1, p2, p3);
        assertThat(history.asOfs()).containsExactly(before1970, DAY1, DAY2, DAY3);
        assertThat(history.history("tt9999999")).isEmpty();
        assertThat(history.history("not-a-tconst")).isEmpty();
    }

    @Test
    void unratedPointsKeepTheirNulls() {
        RatingHistory history = open();
        HistoryPoint unrated = new HistoryPoint(DAY1, Event.NEW, null, null, null);
        HistoryPoint onlyVotes = new HistoryPoint(DAY2, Event.CHANGED, null, 12L, null);
        history.put("tt0000001", unrated);
        history.put("tt0000001", onlyVotes);

        assertThat(history.history("tt0000001")).containsExactly(unrated, onlyVotes);
    }

    @Test
    void moversCompareTheLatestPointWithTheLastOneAtOrBeforeSince() {
        RatingHistory history = open();
        history.put("tt0000001", point(DAY1, Event.NEW, 7.0, 100, 6.6));
        history.put("tt0000001", point(DAY3, Event.CHANGED, 7.5, 400, 6.9));
        history.put("tt0000002", point(DAY1, Event.NEW, 8.0, 1000, 7.0));
        history.put("tt0000002", point(DAY2, Event.CHANGED, 7.0, 1100, 6.8));
        history.put("tt0000002", point(DAY4, Event.CHANGED, 6.0, 1150, 6.6));
        history.put("tt0000003", point(DAY3, Event.NEW, 9.0, 5, 6.6));

        // Default since: DAY3, the refresh before the latest (DAY4). Only tt0000002 changed after it.
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10)))
                .containsExactly(new Mover("tt0000002", DAY2, 1100, DAY4, 1150));

        // Since DAY1 (or any time before DAY2): tt0000003 has no point then and is left out.
        List<Mover> up = history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY1.plusSeconds(3600)));
        assertThat(up).containsExactly(
                new Mover("tt0000001", DAY1, 100, DAY3, 400),
                new Mover("tt0000002", DAY1, 1000, DAY4, 1150));
        assertThat(up.get(0).delta()).isEqualTo(300);

        List<Mover> down = history.movers(MoversQuery.of(Measure.RATING, 10).since(DAY1).direction(Direction.DOWN));
        assertThat(down).containsExactly(new Mover("tt0000002", DAY1, 8.0, DAY4, 6.0));

        assertThat(history.movers(MoversQuery.of(Measure.SCORE, 1).since(DAY1)))
                .containsExactly(new Mover("tt0000001", DAY1, 6.6, DAY3, 6.9));
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY1).filter("tt0000002"::equals)))
                .extracting(Mover::tconst).containsExactly("tt0000002");

        // Nothing at or before since, or nothing after it.
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY1.minusSeconds(1)))).isEmpty();
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10).since(DAY4))).isEmpty();
    }

    @Test
    void aMovieWithMorePointsThanItsHeadKeepsIsReadFromItsPoints() {
        int days = PointHead.KEEP + 4;
        List<HistoryEntry> entries = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            entries.add(new HistoryEntry("tt0000001", point(DAY1.plus(d, ChronoUnit.DAYS), Event.CHANGED, 7.0, 100 + d * d, 6.6)));
        }
        List<HistoryEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(5));
        RatingHistory history = open();
        // One at a time: each late point meets a head that is already full.
        shuffled.forEach(e -> history.put(e.tconst(), e.point()));

        assertThat(history.history("tt0000001")).containsExactlyElementsOf(entries.stream().map(HistoryEntry::point).toList());
        assertThat(history.putAll(entries, Map.of())).isZero();
        Instant last = DAY1.plus(days - 1, ChronoUnit.DAYS);
        long lastVotes = 100 + (days - 1) * (days - 1);
        for (int d = 0; d < days - 1; d++) {
            Instant since = DAY1.plus(d, ChronoUnit.DAYS);
            assertThat(history.movers(MoversQuery.of(Measure.VOTES, 5).since(since.plusSeconds(60))))
                    .as("since day %d", d).containsExactly(new Mover("tt0000001", since, 100 + d * d, last, lastVotes));
        }
    }

    @Test
    void moversNeedTwoRefreshesForTheDefaultSince() {
        RatingHistory history = open();
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10))).isEmpty();
        history.put("tt0000001", point(DAY1, Event.NEW, 7.0, 100, 6.6));
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10))).isEmpty();
    }

    @Test
    void aNewRefreshIsSeenByTheNextMoversQuery() {
        RatingHistory history = open();
        history.put("tt0000001", point(DAY1, Event.NEW, 7.0, 100, 6.6));
        history.put("tt0000001", point(DAY2, Event.CHANGED, 7.0, 200, 6.7));
        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10)))
                .containsExactly(new Mover("tt0000001", DAY1, 100, DAY2, 200));
        MoversQuery sinceDay1 = MoversQuery.of(Measure.VOTES, 10).since(DAY1);
        assertThat(history.movers(sinceDay1)).containsExactly(new Mover("tt0000001", DAY1, 100, DAY2, 200));

        history.put("tt0000001", point(DAY3, Event.CHANGED, 7.0, 250, 6.8));

        assertThat(history.movers(MoversQuery.of(Measure.VOTES, 10)))
                .containsExactly(new Mover("tt0000001", DAY2, 200, DAY3, 250));
        assertThat(history.movers(sinceDay1)).containsExactly(new Mover("tt0000001", DAY1, 100, DAY3, 250));
    }

    @Test
    void moversMatchABruteForceComputationOverRandomData() {
        for (long seed = 1; seed <= 5; seed++) {
            RandomHistory data = RandomHistory.generate(new Random(seed), 400, 12);
            Path storeDir = dir.resolve("random-" + seed);
            try (RatingHistory history = RatingHistory.open(storeDir, 300)) {
                // As a rebuild from a topic with several partitions: any order, in batches, with replays.
                Random random = new Random(seed);
                List<HistoryEntry> entries = new ArrayList<>(data.entries());
                Collections.shuffle(entries, random);
                for (int i = 0; i < entries.size() / 5; i++) {
                    entries.add(entries.get(random.nextInt(entries.size())));
                }
                int i = 0;
                while (i < entries.size()) {
                    int end = Math.min(entries.size(), i + 1 + random.nextInt(60));
                    history.putAll(entries.subList(i, end), Map.of());
                    i = end;
                }

                // Corrections: other values for points already stored, the latest, the one before or older.
                List<HistoryEntry> corrections = new ArrayList<>();
                for (int c = 0; c < entries.size() / 20; c++) {
                    HistoryEntry old = entries.get(random.nextInt(entries.size()));
                    HistoryPoint again = RandomHistory.randomValues(random, old.point().asOf(), old.point().event());
                    corrections.add(new HistoryEntry(old.tconst(), again));
                }
                history.putAll(corrections, Map.of());
                corrections.forEach(data::add);

                assertThat(history.asOfs()).containsExactlyElementsOf(data.asOfs());
                for (String tconst : data.tconsts()) {
                    assertThat(history.history(tconst)).as("history of %s, seed %d", tconst, seed)
                            .containsExactlyElementsOf(data.model().get(tconst).values());
                }
                assertThat(checkMovers(history, data, random, "seed " + seed)).isGreaterThan(1000);
            }
        }
    }

    @Test
    void moversFollowEachRefreshAsItArrives() {
        RandomHistory data = RandomHistory.generate(new Random(42), 300, 8);
        RatingHistory history = open();
        Random random = new Random(42);
        RandomHistory soFar = new RandomHistory(new TreeMap<>(), new ArrayList<>());
        for (Instant asOf : data.asOfs()) {
            List<HistoryEntry> refresh = data.entries().stream().filter(e -> e.point().asOf().equals(asOf)).toList();
            history.putAll(refresh, Map.of());
            refresh.forEach(soFar::add);
            // Twice: the second answer comes from the cache and must be the same.
            checkMovers(history, soFar, random, "after " + asOf);
            checkMovers(history, soFar, random, "after " + asOf + ", cached");
        }
    }

    /** @return how many movers were compared, so a test can tell it compared more than empty lists */
    private static int checkMovers(RatingHistory history, RandomHistory data, Random random, String what) {
        int compared = 0;
        List<Instant> sinces = new ArrayList<>();
        sinces.add(null);
        for (Instant asOf : data.asOfs()) {
            sinces.add(asOf);
            sinces.add(asOf.plusSeconds(1));
            sinces.add(asOf.minusSeconds(1));
        }
        List<String> tconsts = data.tconsts();
        for (Instant since : sinces) {
            for (Measure by : Measure.values()) {
                for (Direction direction : Direction.values()) {
                    int limit = random.nextBoolean() ? 1000 : 1 + random.nextInt(20);
                    Predicate<String> filter = null;
                    if (random.nextBoolean()) {
                        Set<String> some = Set.copyOf(tconsts.subList(0, tconsts.size() / 3));
                        filter = some::contains;
                    }
                    MoversQuery query = new MoversQuery(by, since, filter, limit, direction);
                    List<Mover> expected = data.bruteForceMovers(query);
                    assertThat(history.movers(query)).as("%s, %s", what, query).containsExactlyElementsOf(expected);
                    compared += expected.size();
                }
            }
        }
        return compared;
    }

    @Test
    void aStoreWithATruncatedTableFileIsMovedAsideAndStartsEmpty() throws Exception {
        Path store = writtenAndClosed(3);
        Path table = largestTableFile(store);
        try (FileChannel channel = FileChannel.open(table, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }

        RatingHistory again = open();

        assertThat(again.asOfs()).as("an empty store, rebuilt from the topic").isEmpty();
        assertThat(again.offsets()).as("which it reads from the start").isEmpty();
        Path aside = movedAside(store);
        assertThat(aside.resolve(table.getFileName())).exists();
    }

    @Test
    void flippedBytesInATableFileAreFoundByTheCheckAndTheNextOpenRebuilds() throws Exception {
        Path store = writtenAndClosed(4);
        Path table = largestTableFile(store);
        byte[] bytes = Files.readAllBytes(table);
        for (int i = 64; i < 96; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(table, bytes);

        RatingHistory opened = RatingHistory.open(store);
        assertThat(opened.verify()).as("the check of every table's checksums").isPresent();
        assertThat(opened.corruption()).isPresent();
        opened.close();

        RatingHistory again = open();
        assertThat(again.asOfs()).isEmpty();
        assertThat(movedAside(store).resolve(table.getFileName())).exists();
        assertThat(again.verify()).isEmpty();
    }

    /** A store of random points, flushed to table files and closed. */
    private Path writtenAndClosed(long seed) {
        Path store = dir.resolve("history");
        RatingHistory history = RatingHistory.open(store);
        history.putAll(RandomHistory.generate(new Random(seed), 300, 4).entries(), Map.of(0, 50L));
        history.flush();
        history.close();
        return store;
    }

    private static Path largestTableFile(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(file -> file.toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(file -> file.toFile().length())).orElseThrow();
        }
    }

    private static Path movedAside(Path store) throws IOException {
        try (Stream<Path> siblings = Files.list(store.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(store.getFileName() + ".corrupt-"))
                    .findFirst().orElseThrow(() -> new AssertionError("nothing moved aside next to " + store));
        }
    }

    @Test
    void survivesCloseAndReopen() {
        RandomHistory data = RandomHistory.generate(new Random(7), 200, 6);
        RatingHistory first = RatingHistory.open(dir.resolve("history"));
        first.putAll(data.entries(), Map.of(0, 120L, 1, 97L));
        List<Mover> moversBefore = first.movers(MoversQuery.of(Measure.SCORE, 50));
        first.close();
        first.close();
        assertThatThrownBy(() -> first.history("tt0000001")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("history").toString());

        RatingHistory again = open();

        assertThat(again.asOfs()).containsExactlyElementsOf(data.asOfs());
        for (String tconst : data.tconsts()) {
            assertThat(again.history(tconst)).containsExactlyElementsOf(data.model().get(tconst).values());
        }
        assertThat(again.offsets()).isEqualTo(Map.of(0, 120L, 1, 97L));
        assertThat(again.movers(MoversQuery.of(Measure.SCORE, 50))).isEqualTo(moversBefore).isNotEmpty();
        // A replay after the restart stores nothing.
        assertThat(again.putAll(data.entries(), Map.of())).isZero();
        assertThat(again.estimatedPoints()).isPositive();
    }

    @Test
    void forEachPointAtHandsOnEveryPointOfARefreshAcrossReadBatchesAndCountsThem() {
        // Points are read 1,024 keys at a time: ~3,000 new movies a refresh end in a partial batch.
        RandomHistory data = RandomHistory.generate(new Random(12), 10_000, 2);
        RatingHistory history = open();
        history.putAll(data.entries(), Map.of());

        int largest = 0;
        for (Instant asOf : data.asOfs()) {
            List<HistoryEntry> expected = data.pointsAt(asOf);
            List<HistoryEntry> handed = new ArrayList<>();
            assertThat(history.forEachPointAt(asOf, handed::add)).isEqualTo(expected.size());
            assertThat(handed).containsExactlyElementsOf(expected);
            largest = Math.max(largest, expected.size());
        }
        assertThat(largest).as("points of the largest refresh: more than two full read batches").isGreaterThan(2048);
        assertThat(history.forEachPointAt(DAY1.minus(1, ChronoUnit.DAYS), entry -> { })).isZero();
    }

    @Test
    void pointsAtListOneRefreshInTconstOrderAndRevisionsGrowOnlyWithChanges() {
        RandomHistory data = RandomHistory.generate(new Random(11), 300, 4);
        RatingHistory history = open();
        history.putAll(data.entries(), Map.of());
        Map<Long, Long> revisions = history.revisions();

        for (Instant asOf : data.asOfs()) {
            // Expected from the generated entries, not from the store.
            List<HistoryEntry> expected = data.pointsAt(asOf);
            assertThat(storedPointsAt(history, asOf)).containsExactlyElementsOf(expected);
            assertThat(revisions.get(asOf.toEpochMilli())).isEqualTo(expected.size());
        }
        assertThat(storedPointsAt(history, DAY1.minus(1, ChronoUnit.DAYS))).isEmpty();

        // A replay changes no revision; a corrected point bumps only its refresh's.
        history.putAll(data.entries(), Map.of());
        assertThat(history.revisions()).isEqualTo(revisions);
        HistoryEntry some = data.entries().get(0);
        HistoryPoint p = some.point();
        history.put(some.tconst(), new HistoryPoint(p.asOf(), p.event(), 1.0, 1L, 1.0));
        Map<Long, Long> after = history.revisions();
        assertThat(after.get(p.asOf().toEpochMilli())).isEqualTo(revisions.get(p.asOf().toEpochMilli()) + 1);
        after.forEach((asOf, revision) -> {
            if (asOf != p.asOf().toEpochMilli()) {
                assertThat(revision).isEqualTo(revisions.get(asOf));
            }
        });
        history.close();
        assertThat(open().revisions()).isEqualTo(after);
    }

    @Test
    void offsetsAreWrittenWithThePointsEvenWhenTheyAreReplays() {
        RatingHistory history = open();
        assertThat(history.offsets()).isEmpty();
        HistoryEntry entry = new HistoryEntry("tt0000001", point(DAY1, Event.NEW, 7.0, 100, 6.6));

        history.putAll(List.of(entry), Map.of(0, 1L));
        history.putAll(List.of(entry), Map.of(0, 2L, 3, 5L));
        assertThat(history.offsets()).isEqualTo(Map.of(0, 2L, 3, 5L));

        // A poll that brought only records of other kinds still moves the offsets on.
        assertThat(history.putAll(List.of(), Map.of(0, 9L))).isZero();
        assertThat(history.putAll(List.of(), Map.of())).isZero();
        assertThat(history.offsets()).isEqualTo(Map.of(0, 9L, 3, 5L));
    }

    @Test
    void aDirectoryInUseIsNamedInTheError() {
        RatingHistory inUse = open();

        assertThatThrownBy(() -> RatingHistory.open(dir.resolve("history")))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining(inUse.directory().toString());
    }

    @Test
    void aFileInTheWayIsNamedInTheError() throws IOException {
        Path file = Files.writeString(dir.resolve("history"), "not a directory");

        assertThatThrownBy(() -> RatingHistory.open(file))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsWhatItCannotStoreFaithfully() {
        RatingHistory history = open();
        assertThatThrownBy(() -> history.put("title-1", point(DAY1, Event.NEW, 7.0, 1, 6.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> point(DAY1.plusNanos(1), Event.NEW, 7.0, 1, 6.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MoversQuery.of(Measure.VOTES, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readersRunWhileTheWriterWrites() throws Exception {
        RandomHistory data = RandomHistory.generate(new Random(3), 300, 10);
        RatingHistory history = open();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> {
                    started.countDown();
                    int queries = 0;
                    while (writing.get()) {
                        for (Mover mover : history.movers(MoversQuery.of(Measure.VOTES, 20))) {
                            assertThat(mover.delta()).isPositive();
                            assertThat(mover.fromAsOf()).isBefore(mover.toAsOf());
                        }
                        List<HistoryPoint> points = history.history("tt0000001");
                        assertThat(points).isSortedAccordingTo(Comparator.comparing(HistoryPoint::asOf));
                        queries++;
                    }
                    return queries;
                }));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (Instant asOf : data.asOfs()) {
                history.putAll(data.entries().stream().filter(e -> e.point().asOf().equals(asOf)).toList(), Map.of());
            }
            writing.set(false);
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }
        assertThat(checkMovers(history, data, new Random(3), "after concurrent writes")).isPositive();
    }

    @Test
    void eventBetweenTellsWhatARefreshDidToAMovie() {
        Movie movie = new Movie("tt0000001", "A", "A", 2000, 90, List.of("Drama"), 7.0, 100L);

        assertThat(HistoryPoint.eventBetween(null, movie)).contains(Event.NEW);
        assertThat(HistoryPoint.eventBetween(movie, null)).contains(Event.REMOVED);
        assertThat(HistoryPoint.eventBetween(null, null)).isEmpty();
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2000, 90, List.of("Drama"), 7.0, 100L)))
                .isEmpty();
        // Runtime and original title are not tracked.
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "Other", 2000, 95, List.of("Drama"), 7.0, 100L)))
                .isEmpty();
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2000, 90, List.of("Drama"), 7.1, 100L)))
                .contains(Event.CHANGED);
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2000, 90, List.of("Drama"), 7.0, 101L)))
                .contains(Event.CHANGED);
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2000, 90, List.of("Comedy"), 7.0, 100L)))
                .contains(Event.CHANGED);
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "B", "A", 2000, 90, List.of("Drama"), 7.0, 100L)))
                .contains(Event.CHANGED);
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2001, 90, List.of("Drama"), 7.0, 100L)))
                .contains(Event.CHANGED);
        assertThat(HistoryPoint.eventBetween(movie, new Movie("tt0000001", "A", "A", 2000, 90, List.of("Drama"), null, null)))
                .contains(Event.CHANGED);
    }

    @Test
    void aPointFromAMovieCarriesItsValues() {
        Movie movie = new Movie("tt0000001", "A", "A", 2000, 90, List.of(), 7.0, 100L);

        assertThat(HistoryPoint.of(DAY1, Event.NEW, movie, 6.61)).isEqualTo(point(DAY1, Event.NEW, 7.0, 100, 6.61));
    }

    private static List<HistoryEntry> storedPointsAt(RatingHistory history, Instant asOf) {
        List<HistoryEntry> points = new ArrayList<>();
        history.forEachPointAt(asOf, points::add);
        return points;
    }

    /** Random refreshes of a small catalogue, kept as a plain model the store's answers are checked against. */
    record RandomHistory(TreeMap<String, TreeMap<Instant, HistoryPoint>> model, List<HistoryEntry> entries) {

        static RandomHistory generate(Random random, int movies, int refreshes) {
            RandomHistory data = new RandomHistory(new TreeMap<>(), new ArrayList<>());
            List<String> tconsts = new ArrayList<>();
            for (int i = 1; i <= movies; i++) {
                // Some 8-digit ids, so ties sort by number across lengths too.
                tconsts.add(i % 7 == 0 ? String.format("tt%08d", i) : String.format("tt%07d", i));
            }
            Map<String, Boolean> present = new TreeMap<>();
            for (int r = 0; r < refreshes; r++) {
                Instant asOf = DAY1.plus(r, ChronoUnit.DAYS).plusSeconds(random.nextInt(3600));
                for (String tconst : tconsts) {
                    boolean there = present.getOrDefault(tconst, false);
                    HistoryPoint point = null;
                    if (!there && random.nextDouble() < 0.3) {
                        point = randomValues(random, asOf, Event.NEW);
                        present.put(tconst, true);
                    } else if (there && random.nextDouble() < 0.08) {
                        // Sometimes with its last values, sometimes with none: both are no value for movers.
                        point = random.nextBoolean() ? new HistoryPoint(asOf, Event.REMOVED, null, null, null)
                                : randomValues(random, asOf, Event.REMOVED);
                        present.put(tconst, false);
                    } else if (there && random.nextDouble() < 0.35) {
                        point = randomValues(random, asOf, Event.CHANGED);
                    }
                    if (point != null) {
                        data.add(new HistoryEntry(tconst, point));
                    }
                }
            }
            return data;
        }

        private static HistoryPoint randomValues(Random random, Instant asOf, Event event) {
            if (random.nextDouble() < 0.1) {
                return new HistoryPoint(asOf, event, null, null, null);
            }
            // Few distinct values, so equal deltas (ties) and unchanged values happen often.
            double rating = 1 + random.nextInt(19) * 0.5;
            long votes = 5 + random.nextInt(40);
            double score = (votes * rating + 30 * 6.5) / (votes + 30);
            return new HistoryPoint(asOf, event, rating, votes, random.nextDouble() < 0.05 ? null : score);
        }

        void add(HistoryEntry entry) {
            model.computeIfAbsent(entry.tconst(), t -> new TreeMap<>()).put(entry.point().asOf(), entry.point());
            entries.add(entry);
        }

        List<String> tconsts() {
            return new ArrayList<>(model.keySet());
        }

        List<Instant> asOfs() {
            return model.values().stream().flatMap(points -> points.keySet().stream()).distinct().sorted().toList();
        }

        /** The generated points of one refresh, in the store's tconst (number) order. */
        List<HistoryEntry> pointsAt(Instant asOf) {
            return entries.stream()
                    .filter(entry -> entry.point().asOf().equals(asOf))
                    .sorted(Comparator.comparingLong(entry -> Tconst.number(entry.tconst())))
                    .toList();
        }

        /** Straight from the definition, over every movie. */
        List<Mover> bruteForceMovers(MoversQuery query) {
            List<Instant> asOfs = asOfs();
            Instant since = query.since();
            if (since == null) {
                if (asOfs.size() < 2) {
                    return List.of();
                }
                since = asOfs.get(asOfs.size() - 2);
            }
            List<Mover> movers = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Instant, HistoryPoint>> movie : model.entrySet()) {
                Map.Entry<Instant, HistoryPoint> from = movie.getValue().floorEntry(since);
                HistoryPoint to = movie.getValue().lastEntry().getValue();
                if (from == null) {
                    continue;
                }
                double fromValue = value(from.getValue(), query.by());
                double toValue = value(to, query.by());
                if (Double.isNaN(fromValue) || Double.isNaN(toValue)) {
                    continue;
                }
                double delta = toValue - fromValue;
                boolean wanted = query.direction() == Direction.UP ? delta > 0 : delta < 0;
                if (wanted && (query.filter() == null || query.filter().test(movie.getKey()))) {
                    movers.add(new Mover(movie.getKey(), from.getKey(), fromValue, to.asOf(), toValue));
                }
            }
            Comparator<Mover> biggestFirst = query.direction() == Direction.UP
                    ? Comparator.comparingDouble(Mover::delta).reversed()
                    : Comparator.comparingDouble(Mover::delta);
            movers.sort(biggestFirst.thenComparingLong(m -> Tconst.number(m.tconst())));
            return movers.subList(0, Math.min(query.limit(), movers.size()));
        }

        private static double value(HistoryPoint point, Measure by) {
            if (point.event() == Event.REMOVED) {
                return Double.NaN;
            }
            Number value = switch (by) {
                case VOTES -> point.numVotes();
                case RATING -> point.averageRating();
                case SCORE -> point.weightedScore();
            };
            return value == null ? Double.NaN : value.doubleValue();
        }
    }
}
