package org.imdbetl.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.rocksdb.RocksObject;
import org.rocksdb.WriteOptions;

/**
 * The rating history's RocksDB database: its options, its column families (what each holds is in
 * {@link RatingHistory}) and the native objects to close. Nothing here knows what a point is.
 */
final class HistoryDatabase implements AutoCloseable {

    private static final byte[] POINTS = "points".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATEST = "latest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADS = "heads".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REFRESHES = "refreshes".getBytes(StandardCharsets.US_ASCII);
    private static final long MB = 1L << 20;

    final Path directory;
    final RocksDB db;
    /** The default family: refresh dates, revisions, the movie count, consumer offsets. */
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle points;
    final ColumnFamilyHandle latest;
    final ColumnFamilyHandle heads;
    final ColumnFamilyHandle refreshes;
    final ReadOptions reads = new ReadOptions();
    final WriteOptions writes = new WriteOptions();
    private final List<RocksObject> resources;

    private HistoryDatabase(Path directory, RocksDB db, List<ColumnFamilyHandle> handles, List<RocksObject> resources) {
        this.directory = directory;
        this.db = db;
        this.meta = handles.get(0);
        this.points = handles.get(1);
        this.latest = handles.get(2);
        this.heads = handles.get(3);
        this.refreshes = handles.get(4);
        this.resources = resources;
    }

    /**
     * @throws HistoryStoreException naming the directory when it cannot be created or opened (in use
     *                               by another process, unreadable, not a RocksDB directory)
     */
    static HistoryDatabase open(Path directory) {
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
            return new HistoryDatabase(dir, db, handles, resources);
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

    /** Bytes of the table (SST) files of every family, as RocksDB reports them. */
    long sstBytes() throws RocksDBException {
        long total = 0;
        for (ColumnFamilyHandle family : List.of(meta, points, latest, heads, refreshes)) {
            total += db.getLongProperty(family, "rocksdb.total-sst-files-size");
        }
        return total;
    }

    /** Syncs the write-ahead log if it can, then frees every native object. Call once. */
    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // Closing anyway: the WAL is written, only not fsynced; Kafka still has every point.
        }
        for (ColumnFamilyHandle handle : List.of(meta, points, latest, heads, refreshes)) {
            handle.close();
        }
        db.close();
        reads.close();
        writes.close();
        closeAll(resources);
    }

    private static void closeAll(List<RocksObject> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
