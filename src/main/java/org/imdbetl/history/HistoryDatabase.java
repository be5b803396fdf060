package org.imdbetl.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imdbetl.files.DirectoryLock;
import org.jboss.logging.Logger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.Status;
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
    /** Written into a store found corrupt while open: the next start moves it aside. */
    static final String CORRUPT_MARK = "CORRUPT";
    private static final Logger LOG = Logger.getLogger(HistoryDatabase.class);

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
        if (Files.exists(dir.resolve(CORRUPT_MARK))) {
            moveAside(dir, "an earlier check of its checksums failed (" + readMark(dir) + ")");
        }
        try {
            return openOnce(dir);
        } catch (HistoryStoreException e) {
            if (!(e.getCause() instanceof RocksDBException rocks) || rocks.getStatus() == null
                    || rocks.getStatus().getCode() != Status.Code.Corruption) {
                throw e;
            }
            moveAside(dir, rocks.getMessage());
            return openOnce(dir);
        }
    }

    /**
     * Moves a corrupt store out of the way, keeping it for a look: the history topic has every point, so a
     * new store in its place is rebuilt from it (its offsets start at the beginning).
     */
    private static void moveAside(Path dir, String why) {
        Path aside = dir.resolveSibling(dir.getFileName() + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.createDirectories(aside);
            // Everything but this instance's lock on the folder, which stays where it is.
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    if (!file.getFileName().toString().equals(DirectoryLock.FILE_NAME)) {
                        Files.move(file, aside.resolve(file.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new HistoryStoreException("the rating history in " + dir + " is corrupt (" + why
                    + ") and could not be moved aside to " + aside + ": " + e.getMessage(), e);
        }
        LOG.warnf("History: the store in %s is corrupt (%s); moved it to %s and rebuilding it from the history topic",
                dir, why, aside);
    }

    private static String readMark(Path dir) {
        try {
            return Files.readString(dir.resolve(CORRUPT_MARK)).strip();
        } catch (IOException e) {
            return "unreadable mark: " + e.getMessage();
        }
    }

    /**
     * Reads every table file and checks its checksums; on a mismatch, marks the store so the next start
     * moves it aside and rebuilds it.
     *
     * @return what is wrong, if anything
     */
    Optional<String> verify() {
        try {
            db.verifyChecksum();
            return Optional.empty();
        } catch (RocksDBException e) {
            String why = e.getMessage();
            try {
                Files.writeString(directory.resolve(CORRUPT_MARK), why + System.lineSeparator());
            } catch (IOException mark) {
                why += "; and the mark for the next start could not be written: " + mark.getMessage();
            }
            return Optional.of(why);
        }
    }

    private static HistoryDatabase openOnce(Path dir) {
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
            // Checksums: checked on every read, table files checked at open (RocksDB's paranoid checks, its
            // default size check), and every new table file read back after it is written.
            DBOptions options = add(resources, new DBOptions()
                    .setParanoidChecks(true)
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
                .setParanoidFileChecks(true)
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

    /** Writes every memtable to table files and waits. */
    void flush() throws RocksDBException {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, List.of(meta, points, latest, heads, refreshes));
        }
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
