package org.imdbetl.catalogue;

import org.imdbetl.domain.TitleRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Tconst;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Every title of the catalogue on disk (docs/catalogue.md): {@code titles} holds each title's record by
 * {@link TitleKey}, {@code episodes} each episode by {@link EpisodeKey} with its rating, and the default
 * family the topic offsets the store holds. A batch of records and the offsets it brings the store to
 * are one write, with the write-ahead log off: after a crash both are at the last flush and the
 * consumer resumes there, as Kafka Streams restores a store from its changelog.
 */
public final class CatalogueStore implements DumpStoreJoin.TitleStore, AutoCloseable {

    private static final byte[] TITLES = "titles".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EPISODES = "episodes".getBytes(StandardCharsets.US_ASCII);
    private static final String OFFSET = "offset:";
    private static final long MB = 1L << 20;

    /** One record of the topic: a title's value, or null for a tombstone. */
    public record Change(String tconst, byte[] value) {
    }

    private final Path directory;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle titles;
    private final ColumnFamilyHandle episodes;
    private final ReadOptions reads = new ReadOptions();
    private final WriteOptions writes = new WriteOptions().setDisableWAL(true);
    private final List<RocksObject> resources;

    private CatalogueStore(Path directory, RocksDB db, List<ColumnFamilyHandle> handles, List<RocksObject> resources) {
        this.directory = directory;
        this.db = db;
        this.meta = handles.get(0);
        this.titles = handles.get(1);
        this.episodes = handles.get(2);
        this.resources = resources;
    }

    /** @throws CatalogueStoreException naming the directory when it cannot be created or opened */
    public static CatalogueStore open(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            RocksDB.loadLibrary();
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new CatalogueStoreException("cannot open the catalogue store in " + dir + ": " + e, e);
        }
        List<RocksObject> resources = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            LRUCache cache = add(resources, new LRUCache(64 * MB));
            BloomFilter bloom = add(resources, new BloomFilter(10));
            BlockBasedTableConfig tables = new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                    .setBlockSize(16 * 1024);
            ColumnFamilyOptions big = add(resources, new ColumnFamilyOptions().setTableFormatConfig(tables)
                    .setWriteBufferSize(64 * MB).setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setLevelCompactionDynamicLevelBytes(true));
            ColumnFamilyOptions small = add(resources, new ColumnFamilyOptions().setTableFormatConfig(tables)
                    .setWriteBufferSize(4 * MB));
            DBOptions options = add(resources, new DBOptions().setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true).setKeepLogFileNum(3).setMaxBackgroundJobs(2));
            RocksDB db = RocksDB.open(options, dir.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, small),
                    new ColumnFamilyDescriptor(TITLES, big),
                    new ColumnFamilyDescriptor(EPISODES, big)), handles);
            return new CatalogueStore(dir, db, handles, resources);
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(RocksObject::close);
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            throw new CatalogueStoreException("cannot open the catalogue store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies a batch of the topic's records (in topic order; a later record of a title wins) and the
     * offsets they bring the store to, in one write.
     *
     * @throws InvalidRecordException for a value that is not a title record; nothing of the batch is written
     */
    public void apply(List<Change> changes, Map<Integer, Long> offsets) throws InvalidRecordException {
        try (WriteBatch batch = new WriteBatch()) {
            Map<Long, byte[]> written = new TreeMap<>();
            for (Change change : changes) {
                if (!Tconst.isValid(change.tconst())) {
                    throw new InvalidRecordException(InvalidRecordException.Reason.NO_TCONST, "key is not a tconst");
                }
                long key = TitleKey.of(change.tconst());
                byte[] before = written.containsKey(key) ? written.get(key) : db.get(titles, reads, TitleKey.bytes(key));
                if (before != null) {
                    TitleRecord old = TitleRecordCodec.decode(change.tconst(), before);
                    if (old.episode()) {
                        batch.delete(episodes, episodeKey(old, key));
                    }
                }
                if (change.value() == null) {
                    batch.delete(titles, TitleKey.bytes(key));
                } else {
                    TitleRecord title = TitleRecordCodec.decode(change.tconst(), change.value());
                    batch.put(titles, TitleKey.bytes(key), change.value());
                    if (title.episode()) {
                        batch.put(episodes, episodeKey(title, key), episodeValue(title));
                    }
                }
                written.put(key, change.value());
            }
            for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
                batch.put(meta, (OFFSET + offset.getKey()).getBytes(StandardCharsets.US_ASCII),
                        TitleKey.bytes(offset.getValue()));
            }
            db.write(writes, batch);
        } catch (RocksDBException e) {
            throw failure("write to", e);
        }
    }

    private static final byte[] TOPIC = "topic".getBytes(StandardCharsets.US_ASCII);

    /** The id of the topic the store was built from, once recorded. */
    public Optional<String> topicId() {
        try {
            byte[] id = db.get(meta, reads, TOPIC);
            return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /**
     * Records the topic the store is built from; a store built from another topic is emptied first, in the
     * same write (its titles and offsets mean nothing on this one).
     *
     * @return true when the store was emptied
     */
    public boolean adoptTopic(String topicId) {
        Optional<String> current = topicId();
        if (current.isPresent() && current.get().equals(topicId)) {
            return false;
        }
        boolean empty = current.isEmpty() && isEmpty() && offsets().isEmpty();
        try (WriteBatch batch = new WriteBatch()) {
            if (!empty) {
                byte[] low = new byte[0];
                byte[] high = new byte[EpisodeKey.BYTES + 1];
                Arrays.fill(high, (byte) 0xFF);
                batch.deleteRange(titles, low, high);
                batch.deleteRange(episodes, low, high);
                for (Integer partition : offsets().keySet()) {
                    batch.delete(meta, (OFFSET + partition).getBytes(StandardCharsets.US_ASCII));
                }
            }
            batch.put(meta, TOPIC, topicId.getBytes(StandardCharsets.UTF_8));
            db.write(writes, batch);
            if (!empty) {
                // Later writes land on the ranges just deleted: compact them away now, not at some later time.
                db.compactRange(titles);
                db.compactRange(episodes);
            }
        } catch (RocksDBException e) {
            throw failure("write to", e);
        }
        return !empty;
    }

    /** The offsets of the topic's partitions the store holds everything before. */
    public Map<Integer, Long> offsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        byte[] prefix = OFFSET.getBytes(StandardCharsets.US_ASCII);
        try (RocksIterator it = db.newIterator(meta, reads)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                String name = new String(it.key(), StandardCharsets.US_ASCII);
                offsets.put(Integer.parseInt(name.substring(OFFSET.length())), TitleKey.read(it.value(), 0));
            }
        }
        return offsets;
    }

    public Optional<TitleRecord> find(String tconst) {
        if (!Tconst.isValid(tconst)) {
            return Optional.empty();
        }
        byte[] value = get(TitleKey.of(tconst));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TitleRecordCodec.decode(tconst, value));
        } catch (InvalidRecordException e) {
            // apply() writes only values it decoded: a value that no longer decodes is a damaged store.
            throw new CatalogueStoreException("the catalogue store in " + directory + " holds an unreadable record of "
                    + tconst + ": " + e.getMessage(), e);
        }
    }

    /**
     * Several titles in one call to the store (one native call instead of one per title).
     *
     * @return the titles found, in the order asked; an id not in the store (or not a tconst) is left out
     */
    public List<TitleRecord> findAll(List<String> tconsts) {
        List<String> valid = new ArrayList<>(tconsts.size());
        List<byte[]> keys = new ArrayList<>(tconsts.size());
        for (String tconst : tconsts) {
            if (Tconst.isValid(tconst)) {
                valid.add(tconst);
                keys.add(TitleKey.bytes(TitleKey.of(tconst)));
            }
        }
        List<byte[]> values;
        try {
            values = db.multiGetAsList(reads, java.util.Collections.nCopies(keys.size(), titles), keys);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
        List<TitleRecord> found = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                try {
                    found.add(TitleRecordCodec.decode(valid.get(i), values.get(i)));
                } catch (InvalidRecordException e) {
                    throw new CatalogueStoreException("the catalogue store in " + directory + " holds an unreadable record of "
                            + valid.get(i) + ": " + e.getMessage(), e);
                }
            }
        }
        return found;
    }

    /**
     * A page of a series' episodes in season, then episode order (unnumbered ones last, then by tconst).
     *
     * @param after the {@link EpisodeRow#position} of the last row of the previous page, or null
     */
    public List<EpisodeRow> episodes(String series, byte[] after, int limit) {
        byte[] prefix = EpisodeKey.prefix(TitleKey.of(series));
        List<EpisodeRow> page = new ArrayList<>(Math.min(limit, 1024));
        try (RocksIterator it = db.newIterator(episodes, reads)) {
            if (after == null) {
                it.seek(prefix);
            } else {
                it.seek(after);
                if (it.isValid() && Arrays.equals(it.key(), after)) {
                    it.next();
                }
            }
            for (; it.isValid() && page.size() < limit && startsWith(it.key(), prefix); it.next()) {
                page.add(row(it.key(), it.value()));
            }
        }
        return page;
    }

    /** Every numbered season of a series, in order, and how many episodes the series has in all. */
    public Seasons seasons(String series) {
        byte[] prefix = EpisodeKey.prefix(TitleKey.of(series));
        List<SeasonSummary> seasons = new ArrayList<>();
        long count = 0;
        int season = -1;
        int inSeason = 0;
        int rated = 0;
        double ratingSum = 0;
        try (RocksIterator it = db.newIterator(episodes, reads)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                count++;
                Integer number = EpisodeKey.season(it.key());
                if (number == null) {
                    continue;
                }
                if (number != season) {
                    if (inSeason > 0) {
                        seasons.add(summary(season, inSeason, rated, ratingSum));
                    }
                    season = number;
                    inSeason = 0;
                    rated = 0;
                    ratingSum = 0;
                }
                inSeason++;
                int tenths = Byte.toUnsignedInt(it.value()[0]);
                if (tenths > 0) {
                    rated++;
                    ratingSum += tenths / 10.0;
                }
            }
        }
        if (inSeason > 0) {
            seasons.add(summary(season, inSeason, rated, ratingSum));
        }
        return new Seasons(count, seasons);
    }

    /** A series' episode count (numbered or not) and its numbered seasons. */
    public record Seasons(long episodeCount, List<SeasonSummary> seasons) {
    }

    @Override
    public byte[] get(long key) {
        try {
            return db.get(titles, reads, TitleKey.bytes(key));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    @Override
    public DumpStoreJoin.Cursor cursor() {
        ReadOptions walk = new ReadOptions().setFillCache(false);
        RocksIterator it = db.newIterator(titles, walk);
        return new DumpStoreJoin.Cursor() {
            @Override
            public void seek(long key) {
                it.seek(TitleKey.bytes(key));
            }

            @Override
            public boolean valid() {
                return it.isValid();
            }

            @Override
            public long key() {
                return TitleKey.read(it.key(), 0);
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void next() {
                it.next();
            }

            @Override
            public void close() {
                it.close();
                walk.close();
            }
        };
    }

    /**
     * Adds sorted table files written by {@link BulkLoad} to a family: the files move into the store
     * without passing through the memtable. Files of one call must not overlap; each call is atomic.
     */
    void ingest(boolean titleFiles, List<Path> files) {
        try (IngestExternalFileOptions options = new IngestExternalFileOptions().setMoveFiles(true)) {
            db.ingestExternalFile(titleFiles ? titles : episodes, files.stream().map(Path::toString).toList(), options);
        } catch (RocksDBException e) {
            throw failure("ingest " + files.size() + " table files into", e);
        }
    }

    /** Whether the store holds no title: a bulk load is only for a first load. */
    public boolean isEmpty() {
        try (RocksIterator it = db.newIterator(titles, reads)) {
            it.seekToFirst();
            return !it.isValid();
        }
    }

    Path directory() {
        return directory;
    }

    /** Writes the memtables to table files and waits: what was applied survives a crash from here on. */
    public void flush() {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, List.of(meta, titles, episodes));
        } catch (RocksDBException e) {
            throw failure("flush", e);
        }
    }

    /** Bytes of the table files of every family, as RocksDB reports them. */
    public long sstBytes() {
        try {
            long total = 0;
            for (ColumnFamilyHandle family : List.of(meta, titles, episodes)) {
                total += db.getLongProperty(family, "rocksdb.total-sst-files-size");
            }
            return total;
        } catch (RocksDBException e) {
            throw failure("read the size of", e);
        }
    }

    /** Flushes, then frees every native object. Call once. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            for (ColumnFamilyHandle handle : List.of(meta, titles, episodes)) {
                handle.close();
            }
            db.close();
            reads.close();
            writes.close();
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
        }
    }

    static byte[] episodeKey(TitleRecord title, long key) {
        return EpisodeKey.of(TitleKey.of(title.parentTconst()), title.seasonNumber(), title.episodeNumber(), key);
    }

    /** Rating in tenths (0 = unrated), then the votes as four bytes (IMDb's counts are ints). */
    static byte[] episodeValue(TitleRecord title) {
        if (!title.rated()) {
            return new byte[] {0};
        }
        byte[] value = new byte[1 + Integer.BYTES];
        value[0] = (byte) Math.round(title.averageRating() * 10);
        EpisodeKey.writeInt((int) Math.min(Integer.MAX_VALUE, title.numVotes()), value, 1);
        return value;
    }

    private static EpisodeRow row(byte[] key, byte[] value) {
        int tenths = Byte.toUnsignedInt(value[0]);
        return new EpisodeRow(TitleKey.tconst(EpisodeKey.title(key)), EpisodeKey.season(key), EpisodeKey.episode(key),
                tenths == 0 ? null : tenths / 10.0, tenths == 0 ? null : (long) EpisodeKey.readInt(value, 1), key);
    }

    private static SeasonSummary summary(int season, int episodes, int rated, double ratingSum) {
        return new SeasonSummary(season, episodes, rated, rated == 0 ? null : Math.round(ratingSum / rated * 100) / 100.0);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private CatalogueStoreException failure(String what, RocksDBException e) {
        return new CatalogueStoreException("cannot " + what + " the catalogue store in " + directory + ": "
                + e.getMessage(), e);
    }

    private static <T extends RocksObject> T add(List<RocksObject> resources, T resource) {
        resources.add(resource);
        return resource;
    }
}
