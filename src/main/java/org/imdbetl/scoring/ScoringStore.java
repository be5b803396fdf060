package org.imdbetl.scoring;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import com.carrotsearch.hppc.cursors.ObjectCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.search.SavedAnalysis;
import org.imdbetl.search.SearchQuery;
import org.imdbetl.search.TitleIndex;

/**
 * The in-memory state the API serves: every movie by tconst, genre counts and a ranking.
 *
 * <p>Upserts replace a movie wholesale, undoing its old genre counts first, so replaying the topic or
 * re-running an ingest never counts twice; a tombstone removes the movie the same way.
 *
 * <p>The ranking (rated movies sorted by {@link ScoredMovie#RANKING}, overall and per genre) is an
 * immutable snapshot shared by every query: a top-N query walks its first entries and never sorts,
 * and never waits. Every change asks the rebuild executor for a new snapshot, at most one per
 * {@code rebuildInterval}; queries meanwhile see the previous one (data up to about that interval old).
 * The lake writer, which must see exactly what it writes, takes {@link #exactRanking()} instead.
 *
 * <p>Paging pins a ranking: a page names the ranking it was read from ({@link RankingPin}), and the next
 * page asked with that pin is read from the same ranking, movie values included, while it is kept
 * ({@link PinnedRankings}: a few superseded rankings that pages were read from lately). A walk is then one
 * consistent snapshot even while a refresh changes scores; once the pin is gone, the walk continues
 * after its position in the current ranking.
 */
public final class ScoringStore {

    private final double minVotesPrior;
    private final boolean autoMean;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object rankingRebuild = new Object();
    private final RebuildSchedule rebuilds;
    /** A batch this large (a checkpoint, not the listener's) indexes its titles as a bulk load. */
    public static final int BULK_LOAD = 10_000;

    /**
     * By {@link Tconst#number}, primitive keys: no boxed key and node per movie as in a HashMap (and
     * String hashes of "tt" + digits cluster).
     */
    private final LongObjectHashMap<ScoredMovie> movies = new LongObjectHashMap<>(1 << 16);
    /**
     * Since the last ranking build (guarded by the write lock): rated entries that left the store or were
     * replaced, and rated entries that joined it. The next build merges them into the last ranking, a
     * linear pass, instead of sorting every rated movie again; a re-score (every entry new) sorts afresh.
     */
    private Set<ScoredMovie> leftRanking = newIdentitySet();
    private List<ScoredMovie> joinedRanking = new ArrayList<>();
    private boolean rankingRebuiltAfresh;
    private final GenreCounts genreCounts = new GenreCounts();
    private double ratingSum;
    private long ratedCount;
    /** Written under the write lock; volatile for {@link #search}, which scores its hits without it. */
    private volatile double meanInUse;
    private long version;
    private final PinnedRankings rankings;
    /** Random per store, so that pins of another instance or process are never taken for ours. */
    private final long storeId = new SplittableRandom().nextLong();
    /** Title search over every movie, rated or not; follows every upsert and tombstone. */
    private final TitleIndex titles;

    /**
     * A store whose ranking is rebuilt on the writer's thread after every change, with no superseded
     * ranking kept for cursors: for tests and tools.
     */
    public ScoringStore(double minVotesPrior, OptionalDouble fixedMean) {
        this(minVotesPrior, fixedMean, Runnable::run, 0, new Retention(0, 0), Runtime.getRuntime().availableProcessors());
    }

    /**
     * How many superseded rankings are kept for cursors that still walk them, and for how long after the
     * last page read from one; see {@link PinnedRankings}.
     */
    public record Retention(int maxKept, long idleNanos) {
    }

    /**
     * @param minVotesPrior m in the weighted rating
     * @param fixedMean C, or empty to use the mean rating of the rated movies in the store
     * @param rebuildExecutor where rankings are rebuilt (the service: one background thread)
     * @param rebuildIntervalNanos at least this long between two rebuilds while changes keep coming (longer when
     *                             a rebuild takes more than a fifth of it)
     * @param retention which superseded rankings stay readable by their pins
     * @param concurrentSearches title searches that may run at once (see {@link TitleIndex})
     */
    public ScoringStore(double minVotesPrior, OptionalDouble fixedMean, Executor rebuildExecutor, long rebuildIntervalNanos,
            Retention retention, int concurrentSearches) {
        this(minVotesPrior, fixedMean, rebuildExecutor, rebuildIntervalNanos, retention, concurrentSearches, System::nanoTime);
    }

    /** With the clock that times the retention of pinned rankings: for tests and benchmarks. */
    public ScoringStore(double minVotesPrior, OptionalDouble fixedMean, Executor rebuildExecutor, long rebuildIntervalNanos,
            Retention retention, int concurrentSearches, LongSupplier nanoClock) {
        this.titles = new TitleIndex(concurrentSearches);
        this.rankings = new PinnedRankings(retention.maxKept(), retention.idleNanos(), nanoClock);
        this.minVotesPrior = minVotesPrior;
        this.autoMean = fixedMean.isEmpty();
        this.meanInUse = fixedMean.orElse(0.0);
        this.rebuilds = new RebuildSchedule(rebuildExecutor, rebuildIntervalNanos, this::rebuild);
    }

    /**
     * Inserts or replaces each movie; a later movie in the batch wins over an earlier one.
     *
     * @return each movie with its score as stored, in batch order
     */
    public List<ScoredMovie> upsertAll(Collection<Movie> batch) {
        return applyAll(batch.stream().map(movie -> ConsumedMovie.upsert(movie, 0, 0)).toList());
    }

    /**
     * Applies upserts and tombstones in order.
     *
     * @return for each record, the movie with its score as stored, or null for a tombstone
     */
    public List<ScoredMovie> applyAll(List<ConsumedMovie> batch) {
        return applyAll(batch, true);
    }

    /**
     * Loads movies into an empty store, as {@link #upsertAll}; with their title analysis (a checkpoint's),
     * the title index is filled from it instead of analysing every title again. An analysis of another
     * build or of other movies is not used.
     */
    public void load(List<Movie> loaded, SavedAnalysis analysis) {
        boolean empty;
        lock.readLock().lock();
        try {
            empty = movies.isEmpty() && titles.size() == 0;
        } finally {
            lock.readLock().unlock();
        }
        if (!empty || analysis == null || !TitleIndex.ANALYSIS.equals(analysis.stamp())
                || analysis.defect(loaded.size()) != null) {
            upsertAll(loaded);
            return;
        }
        applyAll(loaded.stream().map(movie -> ConsumedMovie.upsert(movie, 0, 0)).toList(), false);
        lock.writeLock().lock();
        try {
            if (movies.size() == loaded.size()) {
                titles.load(loaded, analysis);
            } else {
                // A tconst twice (no checkpoint has that): index the titles the store kept, one by one.
                for (ObjectCursor<ScoredMovie> cursor : movies.values()) {
                    titles.insert(cursor.value.movie());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The title index's analysis of these movies (as the store holds them, in this order), for a
     * checkpoint; empty if any of them is not what the store holds.
     */
    public Optional<SavedAnalysis> titleAnalysis(List<ScoredMovie> inOrder) {
        List<Movie> list = new ArrayList<>(inOrder.size());
        for (ScoredMovie scored : inOrder) {
            list.add(scored.movie());
        }
        return titles.analysis(list);
    }

    private List<ScoredMovie> applyAll(List<ConsumedMovie> batch, boolean indexTitles) {
        List<ScoredMovie> result = new ArrayList<>(batch.size());
        if (batch.isEmpty()) {
            return result;
        }
        boolean bulk = batch.size() >= BULK_LOAD;
        boolean bulkTitles = bulk && indexTitles;
        lock.writeLock().lock();
        try {
            if (bulk) {
                // Room for the upserts at most; a batch of tombstones (a checkpoint taken out again) needs none.
                int upserts = (int) batch.stream().filter(record -> !record.deleted()).count();
                movies.ensureCapacity(movies.size() + upserts);
                if (bulkTitles) {
                    titles.bulkLoad(true, upserts);
                }
            }
            boolean meanFromBatch = autoMean && meanInUse == 0.0 && ratedCount == 0;
            if (meanFromBatch) {
                // No C yet (an empty store: a checkpoint or the topic's first batch): score with the
                // batch's own mean at once, not twice (score, then re-score with the store's mean); the ranking
                // then sorts a checkpoint's order as it is.
                meanInUse = meanRating(batch);
            }
            for (ConsumedMovie record : batch) {
                if (record.deleted()) {
                    ScoredMovie previous = movies.remove(Tconst.number(record.tconst()));
                    if (previous != null) {
                        unindex(previous);
                        titles.remove(record.tconst());
                    }
                    result.add(null);
                    continue;
                }
                ScoredMovie scored = score(record.movie(), meanInUse);
                ScoredMovie previous = movies.put(Tconst.number(record.tconst()), scored);
                if (previous != null) {
                    unindex(previous);
                }
                index(scored);
                if (indexTitles && previous == null) {
                    titles.insert(record.movie());
                } else if (indexTitles) {
                    titles.upsert(record.movie());
                }
                result.add(scored);
            }
            version++;
            double mean = ratedCount == 0 ? 0.0 : ratingSum / ratedCount;
            if (meanFromBatch && mean != meanInUse) {
                // The batch replaced or deleted some of its own movies: its mean was not the store's.
                rescore(mean);
                result.replaceAll(scored -> scored == null ? null : movies.get(Tconst.number(scored.tconst())));
            }
        } finally {
            if (bulkTitles) {
                titles.bulkLoad(false, 0);
            }
            lock.writeLock().unlock();
        }
        requestRebuild();
        return result;
    }

    /** The mean rating of the batch's rated upserts, summed as {@link #index} sums them; 0 if there are none. */
    private static double meanRating(List<ConsumedMovie> batch) {
        double sum = 0;
        long count = 0;
        for (ConsumedMovie record : batch) {
            if (!record.deleted() && record.movie().rated()) {
                sum += record.movie().averageRating();
                count++;
            }
        }
        return count == 0 ? 0.0 : sum / count;
    }

    /**
     * With an automatic C, re-scores everything when the mean of the store has moved. Called on a
     * schedule rather than per batch: a re-score touches every movie.
     *
     * @return true when the scores changed
     */
    public boolean refreshRanking() {
        if (!autoMean) {
            return false;
        }
        lock.writeLock().lock();
        try {
            double mean = ratedCount == 0 ? 0.0 : ratingSum / ratedCount;
            if (mean == meanInUse) {
                return false;
            }
            rescore(mean);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
        requestRebuild();
        return true;
    }

    public Optional<ScoredMovie> find(String tconst) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(movies.get(Tconst.number(tconst)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The tconsts in the store that the predicate rejects: what a new dump no longer has. */
    public List<String> tconstsNotIn(Predicate<String> present) {
        List<String> absent = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (ObjectCursor<ScoredMovie> cursor : movies.values()) {
                ScoredMovie scored = cursor.value;
                if (!present.test(scored.tconst())) {
                    absent.add(scored.tconst());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return absent;
    }

    /**
     * Movies whose titles match, best match first (see {@link TitleIndex}), each with its score; never waits
     * for a writer for long.
     */
    public SearchPage search(SearchQuery query) {
        TitleIndex.Page page = titles.search(query);
        double mean = meanInUse;
        List<ScoredMovie> found = new ArrayList<>(page.hits().size());
        for (TitleIndex.Hit hit : page.hits()) {
            found.add(score(hit.movie(), mean));
        }
        return new SearchPage(found, page.nextCursor());
    }

    /** About how much heap the title index takes. */
    public long searchIndexBytes() {
        return titles.approximateHeapBytes();
    }

    /** Rated movies matching the query, best first, at most {@code query.limit()}; never waits for a rebuild. */
    public List<ScoredMovie> top(TopQuery query) {
        return top(query, null).movies();
    }

    /**
     * Like {@link #top(TopQuery)}, read from the pinned ranking while it is kept, else from the current
     * one (and then {@code pinExpired}). A full page (as many movies as the limit) marks its ranking as
     * used: the caller hands out a cursor into it.
     *
     * @param pin the ranking a previous page was read from, or null for the current one
     * @throws IllegalArgumentException for a pin of this store that names a ranking it never built
     */
    public TopPage top(TopQuery query, RankingPin pin) {
        Ranking ranking = null;
        if (pin != null && pin.storeId() == storeId) {
            if (pin.version() < 0 || pin.version() > rankings.current().version()) {
                throw new IllegalArgumentException("no ranking version " + pin.version() + " was ever built");
            }
            ranking = rankings.find(pin.version());
            if (ranking != null) {
                ranking.followed = true;
            }
        }
        boolean expired = pin != null && ranking == null;
        if (ranking == null) {
            ranking = rankings.current();
        }
        List<ScoredMovie> movies = ranking.top(query);
        if (movies.size() == query.limit()) {
            rankings.used(ranking);
        }
        return new TopPage(movies, new RankingPin(storeId, ranking.version()), expired);
    }

    /**
     * Whether {@code version} is the ranking queries read now. If so and {@code handsOutCursor}, marks it
     * used as {@link #top(TopQuery, RankingPin)} does for a full page: for a first page served again from
     * a cache of rendered pages. Lock-free.
     */
    public boolean isCurrentRanking(long version, boolean handsOutCursor) {
        Ranking current = rankings.current();
        if (current.version() != version) {
            return false;
        }
        if (handsOutCursor) {
            rankings.used(current);
        }
        return true;
    }

    /**
     * Where a rated movie stands in the ranking queries see, overall and per genre (1 = best); empty for an
     * unrated or unknown movie. Read from the shared ranking by bisection, so it costs no sort; while
     * the ranking trails a change to this movie, it is where the movie would be inserted.
     */
    public Optional<Ranks> ranks(String tconst) {
        Optional<ScoredMovie> found = find(tconst);
        if (found.isEmpty() || found.get().weightedScore() == null) {
            return Optional.empty();
        }
        ScoredMovie scored = found.get();
        RankPosition position = RankPosition.of(scored);
        Ranking current = rankings.current();
        Map<String, Integer> byGenre = new LinkedHashMap<>();
        for (String genre : scored.countedGenres()) {
            byGenre.put(genre, Ranking.firstAfter(current.genre(genre), position, true) + 1);
        }
        return Optional.of(new Ranks(Ranking.firstAfter(current.all(), position, true) + 1, byGenre));
    }

    /** A movie's rank overall and in each of its genres, 1 = best. */
    public record Ranks(int overall, Map<String, Integer> byGenre) {
    }

    /** Every genre with its movie count, ordered by {@link GenreCount#ORDER}. */
    public List<GenreCount> genreCounts() {
        lock.readLock().lock();
        try {
            return genreCounts.list();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The genre as the store spells it, matched case-insensitively, if any movie has it. */
    public Optional<String> canonicalGenre(String genre) {
        lock.readLock().lock();
        try {
            return genreCounts.canonical(genre);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every movie in the store: rated ones in the exact current ranking order, then unrated ones by tconst. */
    public List<ScoredMovie> allRanked() {
        Ranking current = exactRanking();
        lock.readLock().lock();
        try {
            // Sorted as longs, not as Strings: every unrated movie, once per snapshot.
            long[] unrated = new long[movies.size()];
            int count = 0;
            for (LongObjectCursor<ScoredMovie> cursor : movies) {
                if (!cursor.value.movie().rated()) {
                    unrated[count++] = Tconst.sortKey(cursor.key);
                }
            }
            Arrays.sort(unrated, 0, count);
            List<ScoredMovie> result = new ArrayList<>(current.all().length + count);
            result.addAll(Arrays.asList(current.all()));
            for (int i = 0; i < count; i++) {
                result.add(movies.get(Tconst.numberOfSortKey(unrated[i])));
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Array entries of the kept superseded rankings (4 bytes each): for measuring what they cost. */
    public long rankingsKeptEntries() {
        return rankings.keptEntries();
    }

    /** The top of the exact current ranking: for the lake writer, never for a request. */
    public List<ScoredMovie> exactTop(TopQuery query) {
        return exactRanking().top(query);
    }

    public StoreStats stats() {
        lock.readLock().lock();
        try {
            return new StoreStats(movies.size(), ratedCount, minVotesPrior, meanInUse, autoMean, version,
                    rankings.current().version(), rankings.keptCount());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The ranking of the current version, built on the calling thread if the shared one is behind. */
    private Ranking exactRanking() {
        Ranking current = rankings.current();
        return current.version() == currentVersion() ? current : rebuild();
    }

    private void requestRebuild() {
        rebuilds.request();
    }

    private Ranking rebuild() {
        synchronized (rankingRebuild) {
            Ranking current = rankings.current();
            long wanted;
            List<ScoredMovie> rated = null;
            Set<ScoredMovie> left;
            List<ScoredMovie> joined;
            // The write lock, briefly: the changes since the last build are taken and reset together.
            lock.writeLock().lock();
            try {
                wanted = version;
                if (current.version() == wanted) {
                    return current;
                }
                left = leftRanking;
                joined = joinedRanking;
                leftRanking = newIdentitySet();
                joinedRanking = new ArrayList<>();
                if (rankingRebuiltAfresh) {
                    rankingRebuiltAfresh = false;
                    rated = new ArrayList<>((int) ratedCount);
                    for (ObjectCursor<ScoredMovie> cursor : movies.values()) {
                ScoredMovie scored = cursor.value;
                        if (scored.movie().rated()) {
                            rated.add(scored);
                        }
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
            // Sorted and merged outside the lock: the entries are immutable, writers go on meanwhile.
            Ranking built = rated != null ? Ranking.of(wanted, rated) : current.with(wanted, left, joined);
            rankings.install(built);
            return built;
        }
    }

    private long currentVersion() {
        lock.readLock().lock();
        try {
            return version;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The movie as the store would score it now, without storing it: for the history point of a change. */
    public ScoredMovie scoreNow(Movie movie) {
        lock.readLock().lock();
        try {
            return score(movie, meanInUse);
        } finally {
            lock.readLock().unlock();
        }
    }

    private ScoredMovie score(Movie movie, double mean) {
        Double score = movie.rated()
                ? WeightedRating.of(movie.averageRating(), movie.numVotes(), minVotesPrior, mean)
                : null;
        return new ScoredMovie(movie, score);
    }

    private void index(ScoredMovie scored) {
        genreCounts.add(scored.countedGenres());
        if (scored.movie().rated()) {
            ratingSum += scored.movie().averageRating();
            ratedCount++;
            joinedRanking.add(scored);
        }
    }

    private void unindex(ScoredMovie scored) {
        genreCounts.remove(scored.countedGenres());
        if (scored.movie().rated()) {
            ratingSum -= scored.movie().averageRating();
            ratedCount--;
            leftRanking.add(scored);
        }
    }

    private static Set<ScoredMovie> newIdentitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private void rescore(double mean) {
        for (LongObjectCursor<ScoredMovie> cursor : movies) {
            movies.indexReplace(cursor.index, score(cursor.value.movie(), mean));
        }
        meanInUse = mean;
        rankingRebuiltAfresh = true;
        leftRanking = newIdentitySet();
        joinedRanking = new ArrayList<>();
    }
}
