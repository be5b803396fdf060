package org.imdbetl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Measures the catalogue design of docs/catalogue.md at full size, in-process, without Kafka: every
 * title of title.basics (+ ratings, + episode links) as one compact binary record in a RocksDB
 * {@code titles} family keyed by the tconst's sort key, each episode in an {@code episodes} family
 * keyed (series, season, episode, tconst), and on the heap only what ranking needs (rated titles'
 * columns). Prints load time, disk size, heap after GC, the merge-join diff of a dump against the
 * store, and in-process latencies of a title lookup and of a series' episode pages.
 *
 * <pre>bench/program.sh CatalogueStoreBench -Dbench.dumps=DIR [-Dbench.db=DIR] [-Dbench.lookups=200000]</pre>
 *
 * Without title.episode.tsv.gz in the dump folder, episodes get seeded parents (a few series with
 * thousands of episodes) so the layout can still be measured.
 */
public final class CatalogueStoreBench {

    static final int NULL_SHORT = 0xFFFF;
    static final byte VERSION = 1;
    static final int DIGITS_SHIFT = 36;
    static final List<String> TYPES = List.of("movie", "short", "tvEpisode", "tvSeries", "tvMiniSeries", "tvMovie",
            "tvSpecial", "tvShort", "video", "videoGame", "tvPilot");

    private CatalogueStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("bench.dumps", "bench/work/full"));
        Path dbDir = Path.of(System.getProperty("bench.db", "bench/work/catalogue-db"));
        int lookups = Integer.getInteger("bench.lookups", 200_000);
        RocksDB.loadLibrary();
        deleteTree(dbDir);
        Files.createDirectories(dbDir);
        System.out.printf("dumps %s, store %s, %s%n", dumps, dbDir, Runtime.version());
        long heapBefore = heapAfterGc();

        long t0 = System.nanoTime();
        Map<String, int[]> ratings = readRatings(dumps.resolve("title.ratings.tsv.gz"));
        Map<String, String[]> links = readEpisodes(dumps.resolve("title.episode.tsv.gz"));
        long tRatings = System.nanoTime();
        System.out.printf("ratings %,d and episode links %,d read in %.2f s%n", ratings.size(),
                links == null ? 0 : links.size(), (tRatings - t0) / 1e9);

        try (Store store = Store.open(dbDir)) {
            Loaded loaded = load(dumps.resolve("title.basics.tsv.gz"), ratings, links, store);
            ratings = null;
            links = null;
            long tLoad = System.nanoTime();
            store.flush();
            long tFlush = System.nanoTime();
            System.out.printf("loaded %,d titles (%,d episodes, %,d rated) into RocksDB in %.2f s, flush %.2f s;"
                    + " %,d record bytes (%.1f per title)%n", loaded.titles, loaded.episodes, loaded.rated.size,
                    (tLoad - tRatings) / 1e9, (tFlush - tLoad) / 1e9, loaded.recordBytes,
                    loaded.recordBytes / (double) loaded.titles);
            store.compact();
            System.out.printf("on disk after compaction: %,d bytes%n", du(dbDir));
            long heapAfter = heapAfterGc();
            System.out.printf("heap after GC: %,d bytes before, %,d with the rated columns (%,d rated titles): +%.1f MB%n",
                    heapBefore, heapAfter, loaded.rated.size, (heapAfter - heapBefore) / 1e6);

            long tDiff = System.nanoTime();
            long[] diff = diff(dumps.resolve("title.basics.tsv.gz"), store);
            System.out.printf("merge-join of the dump against the store: %,d in both, %,d new, %,d absent, %,d out of order"
                    + " in %.2f s (zcat-level parse included)%n", diff[0], diff[1], diff[2], diff[3],
                    (System.nanoTime() - tDiff) / 1e9);

            latencies(store, loaded, lookups);
            System.out.printf("heap after GC at the end: %,d bytes%n", heapAfterGc());
            keep(loaded);
        }
    }

    static void keep(Object o) {
        if (o.hashCode() == 42) {
            System.out.print("");
        }
    }

    /** What stays on the heap: rated titles' ranking columns; the rest is in the store. */
    static final class RatedColumns {
        long[] key = new long[1 << 16];
        byte[] type = new byte[1 << 16];
        short[] year = new short[1 << 16];
        short[] genres = new short[1 << 16];
        byte[] rating = new byte[1 << 16];
        int[] votes = new int[1 << 16];
        int size;

        void add(long k, int t, int y, int g, int r, int v) {
            if (size == key.length) {
                int n = size * 3 / 2;
                key = Arrays.copyOf(key, n);
                type = Arrays.copyOf(type, n);
                year = Arrays.copyOf(year, n);
                genres = Arrays.copyOf(genres, n);
                rating = Arrays.copyOf(rating, n);
                votes = Arrays.copyOf(votes, n);
            }
            key[size] = k;
            type[size] = (byte) t;
            year[size] = (short) y;
            genres[size] = (short) g;
            rating[size] = (byte) r;
            votes[size] = v;
            size++;
        }
    }

    record Loaded(long titles, long episodes, long recordBytes, RatedColumns rated, List<Long> longestSeries,
                  long[] sampleKeys) {
    }

    static Loaded load(Path basics, Map<String, int[]> ratings, Map<String, String[]> links, Store store)
            throws Exception {
        Map<String, Integer> genreIds = new HashMap<>();
        RatedColumns rated = new RatedColumns();
        Map<Long, Integer> episodesPerSeries = new HashMap<>();
        List<Long> series = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        long[] sample = new long[4096];
        long titles = 0;
        long episodes = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (BufferedReader in = reader(basics); WriteBatch batch = new WriteBatch()) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (f.length != 9) {
                    continue;
                }
                long key = sortKey(f[0]);
                int type = TYPES.indexOf(f[1]);
                int g = f[8].equals("\\N") ? 0 : genreIds.computeIfAbsent(f[8], x -> genreIds.size() + 1);
                int[] r = ratings.get(f[0]);
                long parent = -1;
                int season = NULL_SHORT;
                int episode = NULL_SHORT;
                if (type == 2) {
                    episodes++;
                    String[] link = links == null ? null : links.get(f[0]);
                    if (link != null) {
                        parent = sortKey(link[0]);
                        season = link[1].equals("\\N") ? NULL_SHORT : Math.min(Integer.parseInt(link[1]), 0xFFFE);
                        episode = link[2].equals("\\N") ? NULL_SHORT : Math.min(Integer.parseInt(link[2]), 0xFFFE);
                    } else if (links == null && !series.isEmpty()) {
                        // Seeded stand-in links: a few series take thousands, the rest few each.
                        int s = random.nextInt(100) < 3 ? random.nextInt(Math.min(20, series.size()))
                                : random.nextInt(series.size());
                        parent = series.get(s);
                        int n = episodesPerSeries.merge(parent, 1, Integer::sum);
                        season = random.nextInt(100) < 20 ? NULL_SHORT : 1 + n / 25;
                        episode = season == NULL_SHORT ? NULL_SHORT : 1 + n % 25;
                    }
                } else if (type == 3 || type == 4) {
                    series.add(key);
                }
                int len = encode(buffer, f, type, g, r, parent, season, episode);
                bytes += len;
                batch.put(store.titles, keyBytes(key), Arrays.copyOf(buffer, len));
                if (parent >= 0) {
                    if (links != null) {
                        episodesPerSeries.merge(parent, 1, Integer::sum);
                    }
                    batch.put(store.episodes, episodeKey(parent, season, episode, key), r == null ? new byte[0]
                            : new byte[] {(byte) r[0], (byte) (r[1] >>> 24), (byte) (r[1] >>> 16), (byte) (r[1] >>> 8),
                                (byte) r[1]});
                }
                if (r != null) {
                    rated.add(key, type, f[5].equals("\\N") ? 0 : Integer.parseInt(f[5]), g, r[0], r[1]);
                }
                if (titles < sample.length) {
                    sample[(int) titles] = key;
                } else if (random.nextLong(titles + 1) < sample.length) {
                    sample[random.nextInt(sample.length)] = key;
                }
                titles++;
                if (batch.count() >= 20_000) {
                    store.db.write(store.writes, batch);
                    batch.clear();
                }
            }
            store.db.write(store.writes, batch);
        }
        List<Long> longest = episodesPerSeries.entrySet().stream()
                .sorted(Map.Entry.<Long, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(5).map(Map.Entry::getKey).toList();
        System.out.printf("longest series: %s%n", episodesPerSeries.entrySet().stream()
                .sorted(Map.Entry.<Long, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(5).map(e -> e.getKey() + "=" + e.getValue()).toList());
        return new Loaded(titles, episodes, bytes, rated, longest, sample);
    }

    /** Version, flags, type, years, runtime, genre combination, rating, votes, episode link, titles. */
    static int encode(byte[] b, String[] f, int type, int genres, int[] rating, long parent, int season, int episode) {
        int p = 0;
        b[p++] = VERSION;
        boolean originalDiffers = !f[3].equals(f[2]);
        int flags = (f[4].equals("1") ? 1 : 0) | (rating != null ? 2 : 0) | (parent >= 0 ? 4 : 0) | (originalDiffers ? 8 : 0);
        b[p++] = (byte) flags;
        b[p++] = (byte) type;
        p = varint(b, p, f[5].equals("\\N") ? 0 : Integer.parseInt(f[5]));
        p = varint(b, p, f[6].equals("\\N") ? 0 : Integer.parseInt(f[6]));
        p = varint(b, p, f[7].equals("\\N") ? 0 : Integer.parseInt(f[7]) + 1);
        p = varint(b, p, genres);
        if (rating != null) {
            b[p++] = (byte) rating[0];
            p = varint(b, p, rating[1]);
        }
        if (parent >= 0) {
            p = varint64(b, p, parent);
            p = varint(b, p, season);
            p = varint(b, p, episode);
        }
        p = utf8(b, p, f[2]);
        if (originalDiffers) {
            p = utf8(b, p, f[3]);
        }
        return p;
    }

    static int utf8(byte[] b, int p, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        p = varint(b, p, u.length);
        System.arraycopy(u, 0, b, p, u.length);
        return p + u.length;
    }

    static int varint(byte[] b, int p, int v) {
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    static int varint64(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /**
     * The digit count, then the number: big-endian bytes keep each digit count's tconsts in order, so a
     * dump sorted as text (tt10000000 before tt9999999) and one sorted by number both merge against it.
     */
    static long sortKey(String tconst) {
        long v = 0;
        for (int i = 2; i < tconst.length(); i++) {
            v = v * 10 + (tconst.charAt(i) - '0');
        }
        return (long) (tconst.length() - 2) << DIGITS_SHIFT | v;
    }

    static byte[] keyBytes(long key) {
        byte[] k = new byte[8];
        for (int i = 7; i >= 0; i--) {
            k[i] = (byte) key;
            key >>>= 8;
        }
        return k;
    }

    static long keyOf(byte[] k, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (k[offset + i] & 0xFF);
        }
        return v;
    }

    /** Series, season, episode, tconst: a series' episodes are one range, numbered in order, unnumbered last. */
    static byte[] episodeKey(long parent, int season, int episode, long key) {
        byte[] k = new byte[20];
        System.arraycopy(keyBytes(parent), 0, k, 0, 8);
        k[8] = (byte) (season >>> 8);
        k[9] = (byte) season;
        k[10] = (byte) (episode >>> 8);
        k[11] = (byte) episode;
        System.arraycopy(keyBytes(key), 0, k, 12, 8);
        return k;
    }

    /**
     * The refresh's comparison: each dump row against the titles family, one iterator per digit count,
     * so either order of the dump (as text or by number) is one pass over the store.
     */
    static long[] diff(Path basics, Store store) throws IOException {
        long both = 0;
        long fresh = 0;
        long absent = 0;
        long outOfOrder = 0;
        RocksIterator[] its = new RocksIterator[11];
        long[] last = new long[11];
        Arrays.fill(last, -1);
        try (BufferedReader in = reader(basics); ReadOptions reads = new ReadOptions().setFillCache(false)) {
            for (int d = 7; d <= 10; d++) {
                its[d] = store.db.newIterator(store.titles, reads);
                its[d].seek(keyBytes((long) d << DIGITS_SHIFT));
            }
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.indexOf('\t');
                long key = sortKey(line.substring(0, tab));
                int d = (int) (key >>> DIGITS_SHIFT);
                if (key <= last[d]) {
                    outOfOrder++;
                    continue;
                }
                last[d] = key;
                RocksIterator it = its[d];
                while (valid(it, d) && keyOf(it.key(), 0) < key) {
                    absent++;
                    it.next();
                }
                if (valid(it, d) && keyOf(it.key(), 0) == key) {
                    byte[] value = it.value();
                    if (value.length > 0) {
                        both++;
                    }
                    it.next();
                } else {
                    fresh++;
                }
            }
            for (int d = 7; d <= 10; d++) {
                for (; valid(its[d], d); its[d].next()) {
                    absent++;
                }
            }
        } finally {
            for (RocksIterator it : its) {
                if (it != null) {
                    it.close();
                }
            }
        }
        return new long[] {both, fresh, absent, outOfOrder};
    }

    static boolean valid(RocksIterator it, int digits) {
        return it.isValid() && keyOf(it.key(), 0) >>> DIGITS_SHIFT == digits;
    }

    static void latencies(Store store, Loaded loaded, int lookups) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        long[] nanos = new long[lookups];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < lookups; i++) {
                long key = loaded.sampleKeys[random.nextInt(loaded.sampleKeys.length)];
                long t = System.nanoTime();
                byte[] v = store.db.get(store.titles, store.reads, keyBytes(key));
                nanos[i] = System.nanoTime() - t;
                if (v == null) {
                    throw new IllegalStateException("missing " + key);
                }
            }
        }
        print("titles get (random title)", nanos);
        int pages = Math.max(1000, lookups / 20);
        long[] pageNanos = new long[pages];
        long[] sortNanos = new long[Math.max(50, pages / 50)];
        for (long series : loaded.longestSeries) {
            for (int i = 0; i < pages; i++) {
                long t = System.nanoTime();
                int n = episodePage(store, series, 50);
                pageNanos[i] = System.nanoTime() - t;
                keep(n);
            }
            int all = 0;
            for (int i = 0; i < sortNanos.length; i++) {
                long t = System.nanoTime();
                all = episodesByRating(store, series);
                sortNanos[i] = System.nanoTime() - t;
            }
            print("series " + series + ": first page of 50 episodes (keys + their title records)", pageNanos);
            print("series " + series + ": all " + all + " episodes read and sorted by rating", sortNanos);
        }
    }

    /** A page of a series' episodes in season/episode order, with each episode's record. */
    static int episodePage(Store store, long series, int limit) throws Exception {
        byte[] prefix = keyBytes(series);
        List<byte[]> keys = new ArrayList<>(limit);
        try (RocksIterator it = store.db.newIterator(store.episodes, store.reads)) {
            for (it.seek(prefix); it.isValid() && keys.size() < limit && startsWith(it.key(), prefix); it.next()) {
                keys.add(keyBytes(keyOf(it.key(), 12)));
            }
        }
        List<ColumnFamilyHandle> families = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            families.add(store.titles);
        }
        List<byte[]> values = store.db.multiGetAsList(store.reads, families, keys);
        return values.size();
    }

    static int episodesByRating(Store store, long series) {
        byte[] prefix = keyBytes(series);
        List<long[]> rows = new ArrayList<>();
        try (RocksIterator it = store.db.newIterator(store.episodes, store.reads)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                byte[] v = it.value();
                rows.add(new long[] {keyOf(it.key(), 12), v.length == 0 ? -1 : v[0]});
            }
        }
        rows.sort(Comparator.comparingLong((long[] r) -> -r[1]).thenComparingLong(r -> r[0]));
        return rows.size();
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("  %-80s p50 %8.1f us  p99 %8.1f us  max %8.1f us%n", what, s[s.length / 2] / 1e3,
                s[(int) (s.length * 0.99)] / 1e3, s[s.length - 1] / 1e3);
    }

    static Map<String, int[]> readRatings(Path file) throws IOException {
        Map<String, int[]> ratings = new HashMap<>(1 << 22);
        try (BufferedReader in = reader(file)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                ratings.put(f[0], new int[] {Math.round(Float.parseFloat(f[1]) * 10), Integer.parseInt(f[2])});
            }
        }
        return ratings;
    }

    static Map<String, String[]> readEpisodes(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, String[]> links = new HashMap<>(1 << 24);
        try (BufferedReader in = reader(file)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                links.put(f[0], new String[] {f[1], f[2], f[3]});
            }
        }
        return links;
    }

    static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long du(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The two column families, LZ4 blocks, a bloom filter on titles' keys, a 64 MB block cache. */
    static final class Store implements AutoCloseable {
        final RocksDB db;
        final ColumnFamilyHandle titles;
        final ColumnFamilyHandle episodes;
        final ReadOptions reads = new ReadOptions();
        final WriteOptions writes = new WriteOptions().setDisableWAL(true);
        private final List<AutoCloseable> resources = new ArrayList<>();
        private final List<ColumnFamilyHandle> handles;

        private Store(RocksDB db, List<ColumnFamilyHandle> handles) {
            this.db = db;
            this.handles = handles;
            this.titles = handles.get(1);
            this.episodes = handles.get(2);
        }

        static Store open(Path dir) throws Exception {
            LRUCache cache = new LRUCache(64L << 20);
            BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(new BloomFilter(10)).setBlockSize(16 << 10);
            ColumnFamilyOptions cf = new ColumnFamilyOptions().setTableFormatConfig(table)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION).setWriteBufferSize(64L << 20);
            DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2);
            List<ColumnFamilyDescriptor> descriptors = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf),
                    new ColumnFamilyDescriptor("titles".getBytes(StandardCharsets.US_ASCII), cf),
                    new ColumnFamilyDescriptor("episodes".getBytes(StandardCharsets.US_ASCII), cf));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
            Store store = new Store(db, handles);
            store.resources.addAll(List.of(cache, cf, options));
            return store;
        }

        void flush() throws Exception {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush, handles);
            }
        }

        void compact() throws Exception {
            db.compactRange(titles);
            db.compactRange(episodes);
        }

        @Override
        public void close() throws Exception {
            reads.close();
            writes.close();
            for (ColumnFamilyHandle h : handles) {
                h.close();
            }
            db.close();
            for (AutoCloseable r : resources) {
                r.close();
            }
        }
    }
}
