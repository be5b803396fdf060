package org.imdbetl.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.imdbetl.catalogue.BulkLoad;
import org.imdbetl.catalogue.CatalogueStore;
import org.imdbetl.catalogue.CatalogueStore.Change;
import org.imdbetl.catalogue.DumpStoreJoin;
import org.imdbetl.catalogue.EpisodeRow;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.catalogue.TitleKey;
import org.imdbetl.catalogue.TitleRecordCodec;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.RatingsIndex;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RowListener;

/**
 * Measures the catalogue design of docs/catalogue.md at full size with its classes, in-process and
 * without Kafka: title.basics + title.ratings + title.episode read by {@link ImdbReader#readTitles},
 * encoded by {@link TitleRecordCodec}, written in batches to a {@link CatalogueStore}; then the next
 * day's comparison ({@link DumpStoreJoin}) of a dump against it, the heap after GC with only what
 * ranking needs on the heap (rated titles' columns), and in-process latencies of a title, a page of a
 * series' episodes and its seasons. Results go to bench/CATALOGUE.md by hand.
 *
 * <pre>bench/program.sh CatalogueStoreBench -Dbench.dumps=DIR [-Dbench.next=DIR2] [-Dbench.db=DIR] [-Dbench.lookups=200000]</pre>
 */
public final class CatalogueStoreBench {

    static final int BATCH = 10_000;

    private CatalogueStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("bench.dumps", "bench/work/full"));
        Path next = Path.of(System.getProperty("bench.next", dumps.toString()));
        Path dbDir = Path.of(System.getProperty("bench.db", "bench/work/catalogue-db"));
        int lookups = Integer.getInteger("bench.lookups", 200_000);
        boolean bulk = Boolean.getBoolean("bench.bulk");
        run(dumps, next, dbDir, lookups, bulk, System.out);
    }

    /** @param bulk the first load through {@link BulkLoad} (sorted table files) instead of batches of puts */
    static void run(Path dumps, Path next, Path dbDir, int lookups, boolean bulk, PrintStream out) throws Exception {
        deleteTree(dbDir);
        out.printf("dumps %s (next day %s), store %s, %s, %d cores%n", dumps, next, dbDir, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        long heapBefore = heapAfterGc();

        Counts counts = new Counts();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        long[] parsed = {0};
        read(dumps, counts, title -> parsed[0]++);
        long tParse = System.nanoTime();
        out.printf("read only (gunzip, parse, join; one thread): %,d titles in %.2f s, %.2f s CPU%n",
                parsed[0], (tParse - t0) / 1e9, (cpu() - cpu0) / 1e9);

        RatedTitles rated = new RatedTitles();
        Map<String, Integer> episodesPerSeries = new HashMap<>();
        long[] sample = new long[4096];
        SplittableRandom random = new SplittableRandom(7);
        try (CatalogueStore store = CatalogueStore.open(dbDir); BulkLoad load = bulk ? new BulkLoad(store) : null) {
            List<Change> batch = new ArrayList<>(BATCH);
            long[] written = {0, 0};
            cpu0 = cpu();
            long t1 = System.nanoTime();
            read(dumps, new Counts(), title -> {
                byte[] value = TitleRecordCodec.encode(title);
                written[1] += value.length;
                if (load != null) {
                    load.add(title, value);
                } else {
                    batch.add(new Change(title.tconst(), value));
                }
                rated.put(title);
                if (title.episode()) {
                    episodesPerSeries.merge(title.parentTconst(), 1, Integer::sum);
                }
                long n = written[0]++;
                if (n < sample.length) {
                    sample[(int) n] = TitleKey.of(title.tconst());
                } else if (random.nextLong(n + 1) < sample.length) {
                    sample[random.nextInt(sample.length)] = TitleKey.of(title.tconst());
                }
                if (batch.size() == BATCH) {
                    apply(store, batch, written[0]);
                }
            });
            if (load != null) {
                load.finish(Map.of(0, written[0]));
            } else {
                apply(store, batch, written[0]);
            }
            long tLoad = System.nanoTime();
            long loadCpu = cpu() - cpu0;
            store.flush();
            long tFlush = System.nanoTime();
            out.printf("first load: %,d titles read, encoded and written %s: %.2f s, %.2f s CPU"
                            + " (this thread), flush %.2f s; %,d record bytes (%.1f a title)%n", written[0],
                    bulk ? "as sorted table files (BulkLoad)" : "in batches of " + BATCH,
                    (tLoad - t1) / 1e9, loadCpu / 1e9, (tFlush - tLoad) / 1e9, written[1], written[1] / (double) written[0]);
            out.printf("rejected rows: %s%n", counts.rejects);
            out.printf("table files: %,d bytes; folder %,d bytes%n", store.sstBytes(), du(dbDir));
            List<String> longest = episodesPerSeries.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(3).map(Map.Entry::getKey).toList();
            out.printf("series with the most episodes: %s%n", longest.stream()
                    .map(s -> s + " (" + episodesPerSeries.get(s) + ")").toList());
            episodesPerSeries.clear();
            long heapAfter = heapAfterGc();
            out.printf("heap after GC: %.1f MB before, %.1f MB with the store open and the rated titles' columns (RatedTitles)"
                            + " (%,d rated titles): +%.1f MB%n", heapBefore / 1e6, heapAfter / 1e6, rated.size(),
                    (heapAfter - heapBefore) / 1e6);

            long[] found = new long[3];
            Counts nextCounts = new Counts();
            cpu0 = cpu();
            long t2 = System.nanoTime();
            DumpStoreJoin join = new DumpStoreJoin(store, new DumpStoreJoin.Changes() {
                @Override
                public void added(long key, byte[] value) {
                    found[0]++;
                }

                @Override
                public void changed(long key, byte[] before, byte[] value) {
                    found[1]++;
                }

                @Override
                public void absent(long key, byte[] before) {
                    found[2]++;
                }
            });
            boolean whole = read(next, nextCounts, title -> join.row(TitleKey.of(title.tconst()), TitleRecordCodec.encode(title)));
            if (whole) {
                join.finish();
            } else {
                join.close();
            }
            out.printf("next day's comparison (%s): %,d unchanged, %,d added, %,d changed, %,d absent in %.2f s,"
                            + " %.2f s CPU (one thread, read included)%n", next, join.unchanged(), found[0], found[1],
                    found[2], (System.nanoTime() - t2) / 1e9, (cpu() - cpu0) / 1e9);

            latencies(store, Arrays.copyOf(sample, (int) Math.min(sample.length, written[0])), longest, lookups, out);
            rankings(rated, Math.max(100, lookups / 100), out);
            out.printf("heap after GC at the end: %.1f MB%n", heapAfterGc() / 1e6);
            keep(rated);
        }
    }

    static void apply(CatalogueStore store, List<Change> batch, long offset) {
        try {
            store.apply(batch, Map.of(0, offset));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        batch.clear();
    }

    @FunctionalInterface
    interface Sink {
        void accept(TitleRecord title) throws Exception;
    }

    static final class Counts implements RowListener {
        final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);

        @Override
        public void rowRead(String file) {
        }

        @Override
        public void rejected(String file, long line, RejectReason reason, String detail, String row) {
            rejects.merge(reason, 1L, Long::sum);
        }
    }

    /** @return whether every file was read to its end */
    static boolean read(Path dir, Counts counts, Sink sink) throws Exception {
        ImdbReader reader = new ImdbReader(65_536, counts);
        RatingsIndex ratings;
        try (InputStream in = gunzip(dir.resolve(ImdbReader.RATINGS_FILE))) {
            ratings = reader.readRatings(in, ImdbReader.RATINGS_FILE);
        }
        Path episodeFile = dir.resolve(ImdbReader.EPISODE_FILE);
        try (InputStream basics = gunzip(dir.resolve(ImdbReader.BASICS_FILE));
             InputStream episodes = Files.exists(episodeFile) ? gunzip(episodeFile) : null) {
            return reader.readTitles(basics, ImdbReader.BASICS_FILE, episodes, ImdbReader.EPISODE_FILE, Set.of(), ratings,
                    title -> {
                        try {
                            sink.accept(title);
                        } catch (RuntimeException | InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return true;
                    });
        }
    }

    static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
    }

    static void latencies(CatalogueStore store, long[] sample, List<String> longest, int lookups, PrintStream out) {
        SplittableRandom random = new SplittableRandom(11);
        long[] nanos = new long[lookups];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < lookups; i++) {
                String tconst = TitleKey.tconst(sample[random.nextInt(sample.length)]);
                long t = System.nanoTime();
                boolean present = store.find(tconst).isPresent();
                nanos[i] = System.nanoTime() - t;
                if (!present) {
                    throw new IllegalStateException("missing " + tconst);
                }
            }
        }
        print(out, "find(tconst): one random title, decoded", nanos);
        int pages = Math.max(200, lookups / 20);
        long[] pageNanos = new long[pages];
        long[] seasonNanos = new long[Math.max(20, pages / 20)];
        for (String series : longest) {
            int rows = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < pages; i++) {
                    long t = System.nanoTime();
                    List<EpisodeRow> page = store.episodes(series, null, 50);
                    // The page shows each episode's title: one lookup per row.
                    for (EpisodeRow row : page) {
                        store.find(row.tconst());
                    }
                    pageNanos[i] = System.nanoTime() - t;
                    rows = page.size();
                }
            }
            long count = 0;
            for (int i = 0; i < seasonNanos.length; i++) {
                long t = System.nanoTime();
                count = store.seasons(series).episodeCount();
                seasonNanos[i] = System.nanoTime() - t;
            }
            print(out, series + ": episodes(series, first page of 50) and each row's title (" + rows + " rows)", pageNanos);
            print(out, series + ": seasons(series), a walk of all " + count + " episodes", seasonNanos);
        }
    }

    /** The top of a type's ranking: the first query sorts it, later ones walk the kept ranking. */
    static void rankings(RatedTitles rated, int queries, PrintStream out) {
        for (Set<String> types : List.of(Set.of("tvSeries"), Set.of("movie"), Set.of("tvEpisode"))) {
            long t = System.nanoTime();
            rated.top(types, null, 0, null, null, new RatedTitles.Prior(25_000, null), null, 50);
            long first = System.nanoTime() - t;
            long[] nanos = new long[queries];
            long[] genre = new long[queries];
            for (int i = 0; i < queries; i++) {
                t = System.nanoTime();
                rated.top(types, null, 0, null, null, new RatedTitles.Prior(25_000, null), null, 50);
                nanos[i] = System.nanoTime() - t;
                t = System.nanoTime();
                rated.top(types, "Drama", 1000, 1990, null, new RatedTitles.Prior(25_000, null), null, 50);
                genre[i] = System.nanoTime() - t;
            }
            out.printf("  top %s: first query (sorts the ranking) %.1f ms%n", types, first / 1e6);
            print(out, "top " + types + ", limit 50, kept ranking", nanos);
            print(out, "top " + types + ", genre Drama, minVotes 1000, from 1990, limit 50", genre);
        }
    }

    static void print(PrintStream out, String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        out.printf("  %-90s p50 %9.1f us  p99 %9.1f us  max %9.1f us%n", what, s[s.length / 2] / 1e3,
                s[(int) (s.length * 0.99)] / 1e3, s[s.length - 1] / 1e3);
    }

    static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static void keep(Object o) {
        if (o.hashCode() == 42) {
            System.out.print("");
        }
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
}
