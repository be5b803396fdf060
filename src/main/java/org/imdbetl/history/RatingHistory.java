package org.imdbetl.history;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.imdbetl.domain.Tconst;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

/**
 * Every movie's rating history, one point per (movie, refresh), on disk in RocksDB, and the movers
 * between two refreshes.
 *
 * <p>On disk because it grows with every refresh, far past what the heap can hold. The heap keeps only
 * the list of refresh dates and a bounded cache of movers tables ({@link MoversCache}). The column
 * families ({@link HistoryDatabase}):
 * <ul>
 * <li>points: (movie, asOf) → point. {@link #history} is one range scan; a point already there with the
 * same values is not written again ({@link PointWriter}), so replays and re-sent records are harmless.
 * <li>heads: movie → its {@link PointHead#KEEP} newest points ({@link PointHead}). A refresh compares with
 * them, so a write reads one head per movie and no point; a movers computation finds the point it
 * compares with there for most movies ({@link MoversScan}).
 * <li>latest: (asOf of its newest point, movie) → nothing, one key per movie: the movies changed after a
 * date are one range, so a movers computation visits only those.
 * <li>refreshes: (asOf, movie) → nothing: the points of one refresh are one range, for the lake.
 * <li>default: the refresh dates, each with a revision counting the writes of its points, the movie
 * count, and the consumer offsets written with the points they cover.
 * </ul>
 *
 * <p>Threads: one writer at a time, any number of readers; close waits for the calls in progress.
 */
public final class RatingHistory implements AutoCloseable {

    /** Movers rows the cache keeps by default. */
    public static final long DEFAULT_CACHE_ROWS = 1_000_000;

    private static final byte REVISION_TAG = 'r';
    private static final byte ASOF_TAG = 'a';
    private static final byte OFFSET_TAG = 'o';
    private static final byte[] MOVIE_COUNT_KEY = {'m'};
    private static final byte[] NOTHING = new byte[0];
    private static final int POINTS_PER_READ = 1024;

    private final HistoryDatabase store;
    private final PointWriter writer;
    private final MoversScan scan;
    private final MoversCache movers;

    /** Read side: every call; write side: close, which must not free native objects in use. */
    private final ReentrantReadWriteLock openLock = new ReentrantReadWriteLock();
    private boolean closed;
    /** Held by writers, and briefly by a movers computation to take a snapshot with its version. */
    private final Object writeMonitor = new Object();
    /** Bumped by every write that changed a point: a movers table of an older version is stale. */
    private volatile long version;
    /** Per refresh date, how many times one of its points was written; replaced, never changed in place. */
    private volatile Map<Long, Long> revisions;
    /** Movies with at least one point; kept in the default family, written with the points. */
    private volatile long movieCount;
    /** Refresh dates in epoch millis, ascending; replaced, never changed in place. */
    private volatile long[] asOfs;
    /** What the last {@link #verify} found wrong, or null. */
    private volatile String corruption;

    private RatingHistory(HistoryDatabase store, long moversCacheRows) {
        this.store = store;
        this.writer = new PointWriter(store);
        this.scan = new MoversScan(store);
        this.movers = new MoversCache(moversCacheRows, () -> version, this::computeMovers);
        this.asOfs = loadAsOfs();
        this.revisions = loadRevisions();
        this.movieCount = loadMovieCount();
    }

    /** Opens the history in the directory, creating it if needed, with the default movers cache. */
    public static RatingHistory open(Path directory) {
        return open(directory, DEFAULT_CACHE_ROWS);
    }

    /**
     * Opens the history in the directory, creating it if needed.
     *
     * @param moversCacheRows movers rows kept in the cache over all its tables, {@link MoversTable#BYTES_PER_ROW}
     *                        bytes of heap each; a table bigger than this is computed for each query
     * @throws HistoryStoreException naming the directory when it cannot be created or opened (in use
     *                               by another process, unreadable, not a RocksDB directory)
     */
    public static RatingHistory open(Path directory, long moversCacheRows) {
        HistoryDatabase store = HistoryDatabase.open(directory);
        try {
            return new RatingHistory(store, moversCacheRows);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path directory() {
        return store.directory;
    }

    /**
     * Stores one point. A point for the same movie and asOf replaces the one there; the same point
     * again changes nothing.
     *
     * @return true when the point was new or different
     */
    public boolean put(String tconst, HistoryPoint point) {
        return putAll(List.of(new HistoryEntry(tconst, point)), Map.of()) > 0;
    }

    /**
     * Stores the points, in order, and the consumer offsets they bring the store up to, in one atomic
     * write: after a crash the store holds both or neither, so resuming from {@link #offsets()} never
     * skips a point.
     *
     * @param nextOffsets per partition of the history topic, the next offset to read; may be empty
     * @return how many points were new or different
     */
    public int putAll(Collection<HistoryEntry> entries, Map<Integer, Long> nextOffsets) {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            synchronized (writeMonitor) {
                return write(entries, nextOffsets);
            }
        } catch (RocksDBException e) {
            throw failure("write to", e);
        } finally {
            open.unlock();
        }
    }

    private int write(Collection<HistoryEntry> entries, Map<Integer, Long> nextOffsets) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            long[] known = asOfs;
            PointWriter.BatchChanges changes = writer.stage(entries, known, batch);
            for (long asOf : changes.newAsOfs) {
                batch.put(store.meta, asOfKey(asOf), NOTHING);
            }
            for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
                batch.put(store.meta, offsetKey(offset.getKey()), HistoryCodec.single(offset.getValue()));
            }
            Map<Long, Long> nextRevisions = new TreeMap<>(this.revisions);
            for (Map.Entry<Long, Long> revision : changes.revisions.entrySet()) {
                long next = nextRevisions.merge(revision.getKey(), revision.getValue(), Long::sum);
                batch.put(store.meta, revisionKey(revision.getKey()), HistoryCodec.single(next));
            }
            if (changes.newMovies > 0) {
                batch.put(store.meta, MOVIE_COUNT_KEY, HistoryCodec.single(movieCount + changes.newMovies));
            }
            if (changes.changed == 0 && nextOffsets.isEmpty()) {
                return 0;
            }
            store.db.write(store.writes, batch);
            if (changes.changed > 0) {
                version++;
            }
            if (!changes.newAsOfs.isEmpty()) {
                asOfs = merge(known, changes.newAsOfs);
            }
            if (!changes.revisions.isEmpty()) {
                this.revisions = Collections.unmodifiableMap(nextRevisions);
            }
            movieCount += changes.newMovies;
            return changes.changed;
        }
    }

    /** The offsets stored by the last {@link #putAll}, per partition; empty for a new store. */
    public Map<Integer, Long> offsets() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            Map<Integer, Long> offsets = new HashMap<>();
            try (RocksIterator it = store.db.newIterator(store.meta, store.reads)) {
                for (it.seek(new byte[] {OFFSET_TAG}); it.isValid() && it.key()[0] == OFFSET_TAG; it.next()) {
                    offsets.put(ByteBuffer.wrap(it.key(), 1, Integer.BYTES).getInt(), HistoryCodec.first(it.value()));
                }
                it.status();
            }
            return offsets;
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /** The movie's points, oldest first; empty if it was never seen. A removed movie keeps its points. */
    public List<HistoryPoint> history(String tconst) {
        if (!Tconst.isValid(tconst)) {
            return List.of();
        }
        long number = Tconst.number(tconst);
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            List<HistoryPoint> result = new ArrayList<>();
            try (RocksIterator it = store.db.newIterator(store.points, store.reads)) {
                for (it.seek(HistoryCodec.single(number)); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (HistoryCodec.first(key) != number) {
                        break;
                    }
                    result.add(HistoryCodec.decode(HistoryCodec.second(key), it.value()));
                }
                it.status();
            }
            return result;
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /** The refresh dates (asOf values) of all the points, oldest first. */
    public List<Instant> asOfs() {
        long[] known = asOfs;
        List<Instant> result = new ArrayList<>(known.length);
        for (long asOf : known) {
            result.add(Instant.ofEpochMilli(asOf));
        }
        return result;
    }

    /**
     * The movies whose measure moved most between their latest point at or before {@code since} and
     * their latest point. Left out: movies with no point at or before {@code since} (nothing to
     * compare with), movies whose either point has no value of the measure (unrated, or removed), and
     * movies whose value did not move. Ties are broken by tconst number, ascending. Empty when there is
     * no refresh at or before {@code since}, or, for the default {@code since}, fewer than two refreshes.
     */
    public List<Mover> movers(MoversQuery query) {
        long[] known = asOfs;
        int at;
        if (query.since() == null) {
            at = known.length - 2;
        } else {
            int found = Arrays.binarySearch(known, query.since().toEpochMilli());
            at = found >= 0 ? found : -found - 2;
        }
        if (at < 0 || at >= known.length - 1) {
            return List.of();
        }
        // Every since between two refreshes gives the same answer: cached by the refresh at or before it.
        return movers.table(known[at], query.by()).walk(query.direction(), query.filter(), query.limit());
    }

    private MoversTable computeMovers(long since, MoversQuery.Measure by) {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            Snapshot snapshot;
            long atVersion;
            long[] knownAsOfs;
            long movies;
            synchronized (writeMonitor) {
                snapshot = store.db.getSnapshot();
                atVersion = version;
                knownAsOfs = asOfs;
                movies = movieCount;
            }
            try {
                return scan.compute(snapshot, atVersion, knownAsOfs, movies, since, by);
            } finally {
                store.db.releaseSnapshot(snapshot);
            }
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /**
     * Per refresh date (epoch millis), a number that grows whenever one of its points is written: the
     * lake rewrites a refresh's file when it differs from the one it wrote.
     */
    public Map<Long, Long> revisions() {
        return revisions;
    }

    /**
     * Hands every point of one refresh to {@code action} in tconst order (none for a date with no points)
     * as they are read, not as one list: a refresh of the whole catalogue does not fit beside the store.
     *
     * @return how many points it handed on
     */
    public long forEachPointAt(Instant asOf, Consumer<HistoryEntry> action) {
        long millis = asOf.toEpochMilli();
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            long count = 0;
            List<byte[]> keys = new ArrayList<>(POINTS_PER_READ);
            try (RocksIterator it = store.db.newIterator(store.refreshes, store.reads)) {
                for (it.seek(HistoryCodec.single(millis)); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (HistoryCodec.first(key) != millis) {
                        break;
                    }
                    keys.add(HistoryCodec.pointKey(HistoryCodec.second(key), millis));
                    if (keys.size() == POINTS_PER_READ) {
                        count += readPoints(keys, millis, action);
                    }
                }
                it.status();
            }
            return count + readPoints(keys, millis, action);
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    private int readPoints(List<byte[]> keys, long millis, Consumer<HistoryEntry> action) throws RocksDBException {
        if (keys.isEmpty()) {
            return 0;
        }
        List<byte[]> values = store.db.multiGetAsList(store.reads, Collections.nCopies(keys.size(), store.points), keys);
        int count = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) != null) {
                action.accept(new HistoryEntry(Tconst.fromNumber(HistoryCodec.first(keys.get(i))),
                        HistoryCodec.decode(millis, values.get(i))));
                count++;
            }
        }
        keys.clear();
        return count;
    }

    /**
     * Bytes of the store's table (SST) files, as RocksDB reports them: the points flushed so far; the
     * newest sit in the write-ahead log until their memtable is flushed.
     */
    public long diskBytes() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            return store.sstBytes();
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /** Points stored, as RocksDB estimates it (exact after a compaction, close before). */
    public long estimatedPoints() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            return store.db.getLongProperty(store.points, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /**
     * Reads every table file and checks its checksums (RocksDB checks what it reads, but not what nobody
     * reads). A corrupt store is marked: the next start moves it aside and rebuilds it from the history
     * topic. Takes as long as reading the store.
     *
     * @return what is wrong, if anything
     */
    public Optional<String> verify() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            Optional<String> problem = store.verify();
            corruption = problem.orElse(null);
            return problem;
        } finally {
            open.unlock();
        }
    }

    /** What the last {@link #verify} found wrong, if it found anything. */
    public Optional<String> corruption() {
        return Optional.ofNullable(corruption);
    }

    /** Writes what is in memory to table files and waits: for tests that look at the files. */
    void flush() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            store.flush();
        } catch (RocksDBException e) {
            throw failure("write to", e);
        } finally {
            open.unlock();
        }
    }

    /** Flushes and closes the files; waits for calls in progress. Later calls throw; closing twice is fine. */
    @Override
    public void close() {
        Lock exclusive = openLock.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            movers.clear();
            store.close();
        } finally {
            exclusive.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the rating history in " + store.directory + " is closed");
        }
    }

    private HistoryStoreException failure(String action, RocksDBException e) {
        return new HistoryStoreException("cannot " + action + " the rating history in " + store.directory + ": "
                + e.getMessage(), e);
    }

    private long[] loadAsOfs() {
        List<Long> found = new ArrayList<>();
        try (RocksIterator it = store.db.newIterator(store.meta, store.reads)) {
            for (it.seek(new byte[] {ASOF_TAG}); it.isValid() && it.key()[0] == ASOF_TAG; it.next()) {
                found.add(HistoryCodec.first(Arrays.copyOfRange(it.key(), 1, 1 + Long.BYTES)));
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    private long loadMovieCount() {
        try {
            byte[] count = store.db.get(store.meta, MOVIE_COUNT_KEY);
            if (count != null) {
                return HistoryCodec.first(count);
            }
            // A store written before the count was kept: count once.
            long movies = 0;
            try (RocksIterator it = store.db.newIterator(store.heads, store.reads)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    movies++;
                }
                it.status();
            }
            if (movies > 0) {
                store.db.put(store.meta, store.writes, MOVIE_COUNT_KEY, HistoryCodec.single(movies));
            }
            return movies;
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    private Map<Long, Long> loadRevisions() {
        Map<Long, Long> loaded = new TreeMap<>();
        try (RocksIterator it = store.db.newIterator(store.meta, store.reads)) {
            for (it.seek(new byte[] {REVISION_TAG}); it.isValid() && it.key()[0] == REVISION_TAG; it.next()) {
                loaded.put(ByteBuffer.wrap(it.key(), 1, Long.BYTES).getLong(), HistoryCodec.first(it.value()));
            }
        }
        return Collections.unmodifiableMap(loaded);
    }

    private static long[] merge(long[] known, TreeSet<Long> added) {
        long[] merged = Arrays.copyOf(known, known.length + added.size());
        int i = known.length;
        for (long asOf : added) {
            merged[i++] = asOf;
        }
        Arrays.sort(merged);
        return merged;
    }

    private static byte[] asOfKey(long asOf) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(ASOF_TAG).put(HistoryCodec.single(asOf)).array();
    }

    private static byte[] revisionKey(long asOf) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(REVISION_TAG).putLong(asOf).array();
    }

    private static byte[] offsetKey(int partition) {
        return ByteBuffer.allocate(1 + Integer.BYTES).put(OFFSET_TAG).putInt(partition).array();
    }
}
