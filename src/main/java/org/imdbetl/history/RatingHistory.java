package org.imdbetl.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.imdbetl.domain.Tconst;
import org.imdbetl.history.HistoryCodec.Head;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Every movie's rating history, one point per (movie, refresh), on disk in RocksDB, and the movers
 * between two refreshes.
 *
 * <p>On disk because it grows with every refresh: a year of daily refreshes is about 40 million
 * points, far past what the heap can hold. The heap keeps only the list of refresh dates and a
 * bounded cache of movers tables. Four column families:
 * <ul>
 * <li>points: (movie, asOf) → point. {@link #history} is one range scan; {@link #putAll} with a point
 * already there with the same values writes nothing, so replays and re-sent records are harmless.
 * <li>heads: movie → its {@link Head#KEEP} newest points. A refresh compares with them, so a write
 * reads one head per movie and no point; a movers query finds the point it compares with there for
 * every movie with fewer than {@link Head#KEEP} points since, and seeks the points for the others.
 * <li>latest: (asOf of its newest point, movie) → nothing, one key per movie: the movies changed after
 * a date are one range, so {@link #movers} visits only those.
 * <li>refreshes: (asOf, movie) → nothing: the points of one refresh are one range, for the lake.
 * <li>default: the refresh dates, each with a revision counting the writes of its points, and the
 * consumer offsets written with the points they cover.
 * </ul>
 *
 * <p>Threads: one writer at a time (writes are serialized), any number of readers. A movers table is
 * computed on a RocksDB snapshot, so it is one consistent state of the store, and cached until the
 * next write that changes a point; while one thread computes its successor, the others are served the
 * stale one. Close waits for the calls in progress.
 */
public final class RatingHistory implements AutoCloseable {

    /** Movers rows the cache keeps by default, about 32 MB of heap at most. */
    public static final long DEFAULT_CACHE_ROWS = 1_000_000;

    private static final byte[] POINTS = "points".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATEST = "latest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADS = "heads".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REFRESHES = "refreshes".getBytes(StandardCharsets.US_ASCII);
    private static final byte REVISION_TAG = 'r';
    private static final byte ASOF_TAG = 'a';
    private static final byte OFFSET_TAG = 'o';
    private static final byte[] MOVIE_COUNT_KEY = {'m'};
    private static final byte[] NOTHING = new byte[0];
    private static final long MB = 1L << 20;
    private static final int HEADS_PER_READ = 1024;
    /** Above this share of the movies changed since, a movers computation reads all heads in one pass. */
    private static final double ITERATE_HEADS_SHARE = 0.4;
    /** In a write's map of heads: looked up, none stored. */
    private static final Head NO_HEAD = new Head(new long[0], new byte[0][]);

    private final Path directory;
    private final long cacheRows;
    private final List<RocksObject> resources;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle points;
    private final ColumnFamilyHandle latest;
    private final ColumnFamilyHandle heads;
    private final ColumnFamilyHandle refreshes;
    private final ReadOptions reads = new ReadOptions();
    private final WriteOptions writes = new WriteOptions();

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
    /** One movers computation at a time: on two cores a second one in parallel only slows both. */
    private final ReentrantLock computeLock = new ReentrantLock();
    /** Movers tables by (since, measure), least recently used first; guarded by itself. */
    private final LinkedHashMap<CacheKey, MoversTable> cache = new LinkedHashMap<>(16, 0.75f, true);

    private record CacheKey(long since, MoversQuery.Measure by) {
    }

    private RatingHistory(Path directory, long cacheRows, List<RocksObject> resources, RocksDB db,
            List<ColumnFamilyHandle> handles) {
        this.directory = directory;
        this.cacheRows = cacheRows;
        this.resources = resources;
        this.db = db;
        this.meta = handles.get(0);
        this.points = handles.get(1);
        this.latest = handles.get(2);
        this.heads = handles.get(3);
        this.refreshes = handles.get(4);
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
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new HistoryStoreException("cannot create the rating history directory " + dir + ": " + e, e);
        }
        try {
            RocksDB.loadLibrary();
        } catch (RuntimeException | LinkageError e) {
            throw new HistoryStoreException("cannot open the rating history in " + dir
                    + ": the RocksDB native library does not load on this platform: " + e, e);
        }
        List<RocksObject> resources = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            LRUCache blockCache = add(resources, new LRUCache(32 * MB));
            BloomFilter bloom = add(resources, new BloomFilter(10));
            BlockBasedTableConfig tables = new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloom);
            ColumnFamilyOptions big = add(resources, columnFamily(tables, 32 * MB));
            ColumnFamilyOptions small = add(resources, columnFamily(tables, 8 * MB));
            DBOptions options = add(resources, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setKeepLogFileNum(3)
                    .setMaxTotalWalSize(64 * MB));
            List<ColumnFamilyDescriptor> families = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, small),
                    new ColumnFamilyDescriptor(POINTS, big),
                    new ColumnFamilyDescriptor(LATEST, small),
                    new ColumnFamilyDescriptor(HEADS, small),
                    new ColumnFamilyDescriptor(REFRESHES, small));
            db = RocksDB.open(options, dir.toString(), families, handles);
            return new RatingHistory(dir, moversCacheRows, resources, db, handles);
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(RocksObject::close);
            if (db != null) {
                db.close();
            }
            closeAll(resources);
            throw new HistoryStoreException("cannot open the rating history in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ColumnFamilyOptions columnFamily(BlockBasedTableConfig tables, long writeBuffer) {
        // LZ4 while data is young and rewritten often, ZSTD for the bottom level that holds most of it.
        return new ColumnFamilyOptions()
                .setTableFormatConfig(tables)
                .setWriteBufferSize(writeBuffer)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true);
    }

    private static <T extends RocksObject> T add(List<RocksObject> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    public Path directory() {
        return directory;
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

    /**
     * Each pass over the batch is a method of its own, for the JIT: as one method of five loops, C2 compiled
     * it once for each loop it found hot and once whole, 2.2-4.0 s of compiling in a full ingest (JFR, two
     * recordings); split, 0.5 s. See bench/ANALYSIS.md, "The compiler".
     */
    private int write(Collection<HistoryEntry> entries, Map<Integer, Long> nextOffsets) throws RocksDBException {
        BatchKeys keys = keysOf(entries);
        Map<Long, Head> heads = readHeads(keys);
        Map<ByteBuffer, byte[]> stored = readStored(keys, heads);
        // Later entries see earlier ones of the same batch through the two maps.
        try (WriteBatch batch = new WriteBatch()) {
            long[] known = asOfs;
            Staged staged = stage(entries, keys, heads, stored, known, batch);
            for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
                batch.put(meta, offsetKey(offset.getKey()), HistoryCodec.single(offset.getValue()));
            }
            Map<Long, Long> nextRevisions = new TreeMap<>(this.revisions);
            for (Map.Entry<Long, Long> revision : staged.revisions.entrySet()) {
                long next = nextRevisions.merge(revision.getKey(), revision.getValue(), Long::sum);
                batch.put(meta, revisionKey(revision.getKey()), HistoryCodec.single(next));
            }
            if (staged.newMovies > 0) {
                batch.put(meta, MOVIE_COUNT_KEY, HistoryCodec.single(movieCount + staged.newMovies));
            }
            if (staged.changed == 0 && nextOffsets.isEmpty()) {
                return 0;
            }
            db.write(writes, batch);
            if (staged.changed > 0) {
                version++;
            }
            if (!staged.added.isEmpty()) {
                asOfs = merge(known, staged.added);
            }
            if (!staged.revisions.isEmpty()) {
                this.revisions = Collections.unmodifiableMap(nextRevisions);
            }
            movieCount += staged.newMovies;
            return staged.changed;
        }
    }

    /** A batch's tconst numbers and point keys, in its order. */
    private record BatchKeys(long[] tconsts, byte[][] pointKeys) {
    }

    private static BatchKeys keysOf(Collection<HistoryEntry> entries) {
        int n = entries.size();
        long[] tconsts = new long[n];
        byte[][] pointKeys = new byte[n][];
        int i = 0;
        for (HistoryEntry entry : entries) {
            if (!Tconst.isValid(entry.tconst())) {
                throw new IllegalArgumentException("not a tconst: " + entry.tconst());
            }
            tconsts[i] = Tconst.number(entry.tconst());
            pointKeys[i] = HistoryCodec.pointKey(tconsts[i], entry.point().asOf().toEpochMilli());
            i++;
        }
        return new BatchKeys(tconsts, pointKeys);
    }

    /**
     * One multiGet of the heads: besides where each movie's latest entry is, they hold its two newest
     * points, which is all a refresh compares with.
     */
    private Map<Long, Head> readHeads(BatchKeys keys) throws RocksDBException {
        int n = keys.tconsts().length;
        Map<Long, Head> found = new HashMap<>();
        if (n == 0) {
            return found;
        }
        List<byte[]> headKeys = new ArrayList<>(n);
        for (long tconst : keys.tconsts()) {
            headKeys.add(HistoryCodec.single(tconst));
        }
        List<byte[]> values = db.multiGetAsList(reads, Collections.nCopies(n, this.heads), headKeys);
        for (int i = 0; i < n; i++) {
            found.put(keys.tconsts()[i], values.get(i) == null ? NO_HEAD : Head.decode(values.get(i)));
        }
        return found;
    }

    /**
     * The stored value of each point key (null for none), from the heads; only a point older than a head's
     * two (a rebuild reading partitions in any order) needs a second multiGet, of the points themselves.
     */
    private Map<ByteBuffer, byte[]> readStored(BatchKeys keys, Map<Long, Head> heads) throws RocksDBException {
        Map<ByteBuffer, byte[]> stored = new HashMap<>();
        List<byte[]> unknown = new ArrayList<>();
        for (int i = 0; i < keys.tconsts().length; i++) {
            byte[] pointKey = keys.pointKeys()[i];
            Head head = heads.get(keys.tconsts()[i]);
            ByteBuffer key = ByteBuffer.wrap(pointKey);
            byte[] known = head == NO_HEAD ? HistoryCodec.ABSENT : head.stored(HistoryCodec.second(pointKey));
            if (known != null) {
                stored.put(key, known);
            } else if (!stored.containsKey(key)) {
                stored.put(key, null);
                unknown.add(pointKey);
            }
        }
        if (!unknown.isEmpty()) {
            List<byte[]> values = db.multiGetAsList(reads, Collections.nCopies(unknown.size(), points), unknown);
            for (int i = 0; i < unknown.size(); i++) {
                stored.put(ByteBuffer.wrap(unknown.get(i)), values.get(i));
            }
        }
        return stored;
    }

    /** What a batch staged besides its points: counts and dates for the store's meta data. */
    private static final class Staged {
        int changed;
        long newMovies;
        final TreeSet<Long> added = new TreeSet<>();
        final Map<Long, Long> revisions = new HashMap<>();
    }

    /** Puts every new or changed point, and what it moves (latest, heads, refreshes, dates), into the batch. */
    private Staged stage(Collection<HistoryEntry> entries, BatchKeys keys, Map<Long, Head> heads,
            Map<ByteBuffer, byte[]> stored, long[] known, WriteBatch batch) throws RocksDBException {
        Staged staged = new Staged();
        int i = 0;
        for (HistoryEntry entry : entries) {
            byte[] pointKey = keys.pointKeys()[i++];
            byte[] value = HistoryCodec.encode(entry.point());
            byte[] before = stored.put(ByteBuffer.wrap(pointKey), value);
            if (Arrays.equals(value, before)) {
                continue;
            }
            staged.changed++;
            batch.put(points, pointKey, value);
            long tconst = HistoryCodec.first(pointKey);
            long asOf = HistoryCodec.second(pointKey);
            batch.put(refreshes, HistoryCodec.latestKey(asOf, tconst), NOTHING);
            staged.revisions.merge(asOf, 1L, Long::sum);
            if (Arrays.binarySearch(known, asOf) < 0 && staged.added.add(asOf)) {
                batch.put(meta, asOfKey(asOf), NOTHING);
            }
            Head head = heads.get(tconst);
            Head next = Head.after(head == NO_HEAD ? null : head, asOf, value);
            if (next != null) {
                staged.newMovies += head == NO_HEAD ? 1 : 0;
                if (head == NO_HEAD || head.asOf() != next.asOf()) {
                    if (head != NO_HEAD) {
                        batch.delete(latest, HistoryCodec.latestKey(head.asOf(), tconst));
                    }
                    batch.put(latest, HistoryCodec.latestKey(next.asOf(), tconst), NOTHING);
                }
                batch.put(this.heads, HistoryCodec.single(tconst), next.encode());
                heads.put(tconst, next);
            }
        }
        return staged;
    }

    /** The offsets stored by the last {@link #putAll}, per partition; empty for a new store. */
    public Map<Integer, Long> offsets() {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            Map<Integer, Long> offsets = new HashMap<>();
            try (RocksIterator it = db.newIterator(meta, reads)) {
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
            try (RocksIterator it = db.newIterator(points, reads)) {
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
        // Every since between two refreshes gives the same answer: cache by the refresh at or before it.
        return table(known[at], query.by()).walk(query.direction(), query.filter(), query.limit());
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
     * as they are read, not as one list: the first refresh of a full dump is 761,538 points, a String, a
     * point and its boxes each, and the final snapshot that listed them beside the store at
     * {@code -Xmx512m} ended in a full GC.
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
            List<byte[]> keys = new ArrayList<>(HEADS_PER_READ);
            try (RocksIterator it = db.newIterator(refreshes, reads)) {
                for (it.seek(HistoryCodec.single(millis)); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (HistoryCodec.first(key) != millis) {
                        break;
                    }
                    keys.add(HistoryCodec.pointKey(HistoryCodec.second(key), millis));
                    if (keys.size() == HEADS_PER_READ) {
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
        List<byte[]> values = db.multiGetAsList(reads, Collections.nCopies(keys.size(), points), keys);
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
            long total = 0;
            for (ColumnFamilyHandle family : List.of(meta, points, latest, heads, refreshes)) {
                total += db.getLongProperty(family, "rocksdb.total-sst-files-size");
            }
            return total;
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
            return db.getLongProperty(points, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /**
     * The current table for (since, measure). While another thread computes a newer one, a stale table
     * is served instead of waiting: during a refresh every batch makes the tables stale, and requests
     * would otherwise queue behind one computation after another. A thread with nothing to serve
     * waits; a query that finds no computation in progress computes, so it sees every write before it.
     */
    private MoversTable table(long since, MoversQuery.Measure by) {
        CacheKey key = new CacheKey(since, by);
        long current = version;
        MoversTable table;
        synchronized (cache) {
            table = cache.get(key);
        }
        if (table != null && (table.version() == current || !computeLock.tryLock())) {
            return table;
        }
        if (table == null) {
            computeLock.lock();
        }
        try {
            // Whoever waited here for the same table finds it computed.
            synchronized (cache) {
                table = cache.get(key);
            }
            if (table != null && table.version() == version) {
                return table;
            }
            table = compute(since, by);
            remember(key, table);
            return table;
        } finally {
            computeLock.unlock();
        }
    }

    private void remember(CacheKey key, MoversTable table) {
        if (table.rows() > cacheRows) {
            return;
        }
        synchronized (cache) {
            // Stale tables stay (served while their successor is computed) until the budget pushes them out.
            cache.put(key, table);
            long rows = cache.values().stream().mapToLong(MoversTable::rows).sum();
            for (Iterator<MoversTable> it = cache.values().iterator(); rows > cacheRows && it.hasNext();) {
                rows -= it.next().rows();
                it.remove();
            }
        }
    }

    private MoversTable compute(long since, MoversQuery.Measure by) {
        Lock open = openLock.readLock();
        open.lock();
        try {
            ensureOpen();
            Snapshot snapshot;
            MoversTable.Builder builder;
            synchronized (writeMonitor) {
                snapshot = db.getSnapshot();
                builder = new MoversTable.Builder(version, asOfs);
            }
            try (ReadOptions atSnapshot = new ReadOptions().setSnapshot(snapshot);
                    RocksIterator changed = db.newIterator(latest, atSnapshot);
                    RocksIterator history = db.newIterator(points, atSnapshot)) {
                // The movies changed after since: one range of latest. An 8-byte key sorts before every
                // 16-byte key it starts.
                Rows candidates = new Rows();
                for (changed.seek(HistoryCodec.single(since + 1)); changed.isValid(); changed.next()) {
                    byte[] key = changed.key();
                    candidates.add(HistoryCodec.second(key), HistoryCodec.first(key), Double.NaN);
                }
                changed.status();
                Rows deferred = new Rows();
                if (candidates.size > movieCount * ITERATE_HEADS_SHARE) {
                    // Most movies changed: reading every head in one pass costs less than a get for each
                    // (measured at full size: 1.2 against 3 microseconds a movie).
                    try (RocksIterator all = db.newIterator(heads, atSnapshot)) {
                        for (all.seekToFirst(); all.isValid(); all.next()) {
                            Head head = Head.decode(all.value());
                            if (head.asOf() > since) {
                                compare(HistoryCodec.first(all.key()), head, since, by, builder, deferred);
                            }
                        }
                        all.status();
                    }
                } else {
                    // Their heads in movie order, a batch per multiGet: the reads walk the heads forwards.
                    int[] rows = candidates.byTconst();
                    List<byte[]> keys = new ArrayList<>(HEADS_PER_READ);
                    for (int start = 0; start < rows.length; start += HEADS_PER_READ) {
                        int end = Math.min(rows.length, start + HEADS_PER_READ);
                        keys.clear();
                        for (int r = start; r < end; r++) {
                            keys.add(HistoryCodec.single(candidates.tconsts[rows[r]]));
                        }
                        List<byte[]> found = db.multiGetAsList(atSnapshot, Collections.nCopies(keys.size(), heads), keys);
                        for (int r = start; r < end; r++) {
                            compare(candidates.tconsts[rows[r]], Head.decode(found.get(r - start)), since, by, builder,
                                    deferred);
                        }
                    }
                }
                // Movies with more than KEEP points after since: the point at or before it, read in movie
                // order so the seeks walk the points forwards and each block is decompressed once.
                for (int row = 0; row < deferred.size; row++) {
                    long tconst = deferred.tconsts[row];
                    history.seekForPrev(HistoryCodec.pointKey(tconst, since));
                    if (!history.isValid()) {
                        continue;
                    }
                    byte[] fromKey = history.key();
                    if (HistoryCodec.first(fromKey) != tconst) {
                        continue;
                    }
                    double from = HistoryCodec.measure(history.value(), 0, by);
                    if (!Double.isNaN(from) && from != deferred.to[row]) {
                        builder.add(tconst, HistoryCodec.second(fromKey), from, deferred.toAsOfs[row], deferred.to[row]);
                    }
                }
                history.status();
            } finally {
                db.releaseSnapshot(snapshot);
            }
            return builder.build();
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            open.unlock();
        }
    }

    /**
     * Adds the movie to the table when its head holds the point at or before since, or to the deferred
     * rows when that point is older than the head keeps.
     */
    private static void compare(long tconst, Head head, long since, MoversQuery.Measure by, MoversTable.Builder builder,
            Rows deferred) {
        double to = HistoryCodec.measure(head.value(), 0, by);
        int at = head.atOrBefore(since);
        if (Double.isNaN(to) || (at < 0 && !head.full())) {
            // No value now, or no point at or before since.
            return;
        }
        if (at < 0) {
            deferred.add(tconst, head.asOf(), to);
            return;
        }
        double from = HistoryCodec.measure(head.values()[at], 0, by);
        if (!Double.isNaN(from) && from != to) {
            builder.add(tconst, head.asOfs()[at], from, head.asOf(), to);
        }
    }

    /** Movies of a movers computation, as growable primitive columns. */
    private static final class Rows {

        /** Tconst numbers are below 2^38 (10 digits and a nibble), which leaves 25 bits for the row. */
        private static final int ROW_BITS = 25;

        long[] tconsts = new long[256];
        long[] toAsOfs = new long[256];
        double[] to = new double[256];
        int size;

        void add(long tconst, long toAsOf, double value) {
            if (size == tconsts.length) {
                tconsts = Arrays.copyOf(tconsts, size * 2);
                toAsOfs = Arrays.copyOf(toAsOfs, size * 2);
                to = Arrays.copyOf(to, size * 2);
            }
            tconsts[size] = tconst;
            toAsOfs[size] = toAsOf;
            to[size] = value;
            size++;
        }

        int[] byTconst() {
            long[] packed = new long[size];
            for (int row = 0; row < size; row++) {
                packed[row] = (tconsts[row] << ROW_BITS) | row;
            }
            Arrays.sort(packed);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = (int) (packed[i] & ((1 << ROW_BITS) - 1));
            }
            return rows;
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
            synchronized (cache) {
                cache.clear();
            }
            try {
                db.syncWal();
            } catch (RocksDBException e) {
                // Closing anyway: the WAL is written, only not fsynced; Kafka still has every point.
            }
            for (ColumnFamilyHandle handle : List.of(meta, points, latest, heads)) {
                handle.close();
            }
            db.close();
            reads.close();
            writes.close();
            closeAll(resources);
        } finally {
            exclusive.unlock();
        }
    }

    private static void closeAll(List<RocksObject> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the rating history in " + directory + " is closed");
        }
    }

    private HistoryStoreException failure(String action, RocksDBException e) {
        return new HistoryStoreException("cannot " + action + " the rating history in " + directory + ": "
                + e.getMessage(), e);
    }

    private long[] loadAsOfs() {
        List<Long> found = new ArrayList<>();
        try (RocksIterator it = db.newIterator(meta, reads)) {
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
            byte[] count = db.get(meta, MOVIE_COUNT_KEY);
            if (count != null) {
                return HistoryCodec.first(count);
            }
            // A store written before the count was kept: count once.
            long movies = 0;
            try (RocksIterator it = db.newIterator(heads, reads)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    movies++;
                }
                it.status();
            }
            if (movies > 0) {
                db.put(meta, writes, MOVIE_COUNT_KEY, HistoryCodec.single(movies));
            }
            return movies;
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
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

    private Map<Long, Long> loadRevisions() {
        Map<Long, Long> loaded = new TreeMap<>();
        try (RocksIterator it = db.newIterator(meta, reads)) {
            for (it.seek(new byte[] {REVISION_TAG}); it.isValid() && it.key()[0] == REVISION_TAG; it.next()) {
                loaded.put(ByteBuffer.wrap(it.key(), 1, Long.BYTES).getLong(), HistoryCodec.first(it.value()));
            }
        }
        return Collections.unmodifiableMap(loaded);
    }

    private static byte[] offsetKey(int partition) {
        return ByteBuffer.allocate(1 + Integer.BYTES).put(OFFSET_TAG).putInt(partition).array();
    }
}
