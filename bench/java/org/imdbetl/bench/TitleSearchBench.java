package org.imdbetl.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imdbetl.bench.LuceneTitleSearch.Found;
import org.imdbetl.domain.Movie;
import org.imdbetl.search.SearchQuery;
import org.imdbetl.search.TitleAnalyzer;
import org.imdbetl.search.TitleIndex;

/**
 * Measures {@link TitleIndex} against {@link LuceneTitleSearch} at full size: heap, build time, the
 * cost of re-upserting 10% of the movies, and single-thread query latency per kind of query; and checks
 * that both return the same first pages (else it fails, after writing its report). Writes its table to
 * target/title-search-bench.md. Takes minutes at full size; {@code TitleSearchAndPinnedRankingBenchTest}
 * runs it small.
 *
 * <pre>bench/title-search.sh [-Dbench.impl=custom|lucene|both] [-Dbench.movies=750000]</pre>
 *
 * <p>The script runs it at -Xmx2g (HEAP overrides it), which keeps G1's regions at 1 MB as in the
 * service, so the index's big arrays are not rounded up to large regions in the heap figures. Lucene's
 * build and refresh run merges on other threads: its CPU column counts only the calling thread.
 */
public final class TitleSearchBench {

    static final Path REPORT = Path.of("target/title-search-bench.md");
    /** Queries per kind at full size. */
    private static final int QUERIES = 1000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int LIMIT = 20;
    private static final int UPDATE_PERCENT = 10;
    /** Of the re-upserted movies, how many come back with a new title. */
    private static final int NEW_TITLE_PERCENT = 10;

    private final int movieCount;
    private final int queries;
    /** custom, lucene or both. */
    private final String impl;
    private final PrintStream out;
    private final StringBuilder report = new StringBuilder();

    private record Workload(List<Movie> movies, List<Movie> updates, Map<String, List<String>> querySets) {
    }

    TitleSearchBench(int movies, int queriesPerKind, String impl, PrintStream out) {
        if (!List.of("custom", "lucene", "both").contains(impl)) {
            throw new IllegalArgumentException("bench.impl: custom, lucene or both, not " + impl);
        }
        this.movieCount = movies;
        this.queries = queriesPerKind;
        this.impl = impl;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new TitleSearchBench(Integer.getInteger("bench.movies", 750_000), QUERIES,
                System.getProperty("bench.impl", "both"), System.out).run(REPORT);
    }

    /** Made in its own method, so that the generator's vocabularies are garbage before heap is measured. */
    private Workload workload() {
        SyntheticMovies synthetic = new SyntheticMovies(14);
        List<Movie> movies = synthetic.movies(movieCount);
        List<Movie> updates = new ArrayList<>();
        SplittableRandom pick = new SplittableRandom(11);
        for (int i = 0; i < movies.size() * UPDATE_PERCENT / 100; i++) {
            updates.add(synthetic.changed(movies.get(pick.nextInt(movies.size())), NEW_TITLE_PERCENT));
        }
        return new Workload(movies, updates, querySets(movies, new SplittableRandom(7)));
    }

    /** Measures, writes the report to {@code reportFile}; fails if the two answered a query differently. */
    void run(Path reportFile) throws IOException {
        Workload workload = workload();
        List<Movie> movies = workload.movies();
        List<Movie> updates = workload.updates();
        Map<String, List<String>> querySets = workload.querySets();
        line("# Title search: TitleIndex vs Lucene " + org.apache.lucene.util.Version.LATEST);
        line("");
        line(movies.size() + " synthetic movies, " + updates.size() + " re-upserts (" + NEW_TITLE_PERCENT
                + "% with a new title), " + queries + " queries per kind, limit " + LIMIT + ", one thread. "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores.");
        line("");
        Map<String, List<List<Found>>> custom = null;
        Map<String, List<List<Found>>> lucene = null;
        if (!impl.equals("lucene")) {
            custom = runCustom(movies, updates, querySets);
        }
        if (!impl.equals("custom")) {
            lucene = runLucene(movies, updates, querySets);
        }
        int differing = 0;
        if (custom != null && lucene != null) {
            int pages = 0;
            for (String kind : querySets.keySet()) {
                for (int i = 0; i < querySets.get(kind).size(); i++) {
                    pages++;
                    if (!custom.get(kind).get(i).equals(lucene.get(kind).get(i))) {
                        differing++;
                        if (differing <= 5) {
                            line("differs: '" + querySets.get(kind).get(i) + "': " + custom.get(kind).get(i) + " vs "
                                    + lucene.get(kind).get(i));
                        }
                    }
                }
            }
            line("");
            line("Same first page from both: " + (pages - differing) + " of " + pages + " queries.");
        }
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report);
        if (differing > 0) {
            throw new IllegalStateException(differing + " queries got a different first page from TitleIndex and Lucene;"
                    + " see " + reportFile);
        }
    }

    private Map<String, List<List<Found>>> runCustom(List<Movie> movies, List<Movie> updates,
            Map<String, List<String>> querySets) {
        long before = usedHeap();
        TitleIndex index = new TitleIndex();
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        for (Movie movie : movies) {
            index.upsert(movie);
        }
        double build = seconds(start);
        double buildCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long heap = usedHeap() - before;
        start = System.nanoTime();
        cpuStart = CPU.getCurrentThreadCpuTime();
        for (Movie movie : updates) {
            index.upsert(movie);
        }
        double update = seconds(start);
        double updateCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long heapAfterUpdates = usedHeap() - before;
        line("## TitleIndex (this change)");
        line("");
        line("| build (CPU) | heap after build (GC'd) | its own estimate | 10% re-upserted (CPU) | heap after | terms |");
        line("|---|---|---|---|---|---|");
        line("| %.2f s (%.2f s) | %.1f MB | %.1f MB | %.2f s (%.2f s) | %.1f MB | %,d |".formatted(build, buildCpu, mb(heap),
                mb(index.approximateHeapBytes()), update, updateCpu, mb(heapAfterUpdates), index.termCount()));
        line("");
        line("(Heap excludes the Movie objects, which the store holds anyway and the index only points to.)");
        line("");
        return latencies(querySets, text -> index.search(SearchQuery.of(text, LIMIT)).hits().stream().map(Found::of).toList());
    }

    private Map<String, List<List<Found>>> runLucene(List<Movie> movies, List<Movie> updates,
            Map<String, List<String>> querySets) throws IOException {
        long before = usedHeap();
        try (LuceneTitleSearch lucene = new LuceneTitleSearch()) {
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            for (Movie movie : movies) {
                lucene.upsert(movie);
            }
            lucene.refresh();
            double build = seconds(start);
            double buildCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            long heap = usedHeap() - before;
            long files = lucene.directoryBytes();
            start = System.nanoTime();
            cpuStart = CPU.getCurrentThreadCpuTime();
            for (Movie movie : updates) {
                lucene.upsert(movie);
            }
            lucene.refresh();
            double update = seconds(start);
            double updateCpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            long heapAfterUpdates = usedHeap() - before;
            line("## Lucene (ByteBuffersDirectory, near-real-time SearcherManager)");
            line("");
            line("| build + refresh (CPU) | heap after build (GC'd) | index files | 10% re-upserted + refresh (CPU) | heap after | writer buffer |");
            line("|---|---|---|---|---|---|");
            line("| %.2f s (%.2f s) | %.1f MB | %.1f MB | %.2f s (%.2f s) | %.1f MB | %.1f MB |".formatted(build, buildCpu,
                    mb(heap), mb(files), update, updateCpu, mb(heapAfterUpdates), mb(lucene.writerBytes())));
            line("");
            line("(Lucene keeps its own copies of the terms and values; the Movie objects are not counted either.)");
            line("");
            return latencies(querySets, text -> lucene.search(text, LIMIT));
        }
    }

    private Map<String, List<List<Found>>> latencies(Map<String, List<String>> querySets, Searcher searcher) {
        Map<String, List<List<Found>>> pages = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            // A first round to warm up the JIT, then the measured one.
            for (List<String> kind : querySets.values()) {
                kind.forEach(searcher::search);
            }
        }
        // Wall time includes pauses of the collector and of a shared machine; the thread's CPU time does not.
        line("| query kind | p50 | p99 | max | CPU p50 | CPU p99 | mean hits |");
        line("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<String>> set : querySets.entrySet()) {
            long[] nanos = new long[set.getValue().size()];
            long[] cpu = new long[nanos.length];
            List<List<Found>> results = new ArrayList<>();
            long hits = 0;
            for (int i = 0; i < nanos.length; i++) {
                long cpuStart = CPU.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<Found> page = searcher.search(set.getValue().get(i));
                nanos[i] = System.nanoTime() - start;
                cpu[i] = CPU.getCurrentThreadCpuTime() - cpuStart;
                results.add(page);
                hits += page.size();
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            line("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f |".formatted(set.getKey(),
                    ms(nanos[nanos.length / 2]), ms(nanos[(int) (nanos.length * 0.99)]), ms(nanos[nanos.length - 1]),
                    ms(cpu[cpu.length / 2]), ms(cpu[(int) (cpu.length * 0.99)]), (double) hits / nanos.length));
            pages.put(set.getKey(), results);
        }
        line("");
        return pages;
    }

    private interface Searcher {
        List<Found> search(String text);
    }

    /** Queries as people type them, drawn from the titles themselves (so common words come up often). */
    private Map<String, List<String>> querySets(List<Movie> movies, SplittableRandom random) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        List<String> oneWord = new ArrayList<>();
        List<String> onePrefix = new ArrayList<>();
        List<String> threeWords = new ArrayList<>();
        List<String> threeTyping = new ArrayList<>();
        List<String> typo = new ArrayList<>();
        List<String> typoTwoWords = new ArrayList<>();
        while (typoTwoWords.size() < queries || threeWords.size() < queries || oneWord.size() < queries) {
            Movie movie = movies.get(random.nextInt(movies.size()));
            String title = random.nextInt(4) == 0 ? movie.originalTitle() : movie.title();
            List<String> words = TitleAnalyzer.words(title);
            if (words.isEmpty()) {
                continue;
            }
            String word = words.get(random.nextInt(words.size()));
            add(oneWord, word);
            if (word.length() >= 3) {
                add(onePrefix, word.substring(0, 3));
            }
            if (words.size() >= 3) {
                int from = random.nextInt(words.size() - 2);
                String last = words.get(from + 2);
                add(threeWords, String.join(" ", words.subList(from, from + 3)));
                add(threeTyping, words.get(from) + " " + words.get(from + 1) + " "
                        + last.substring(0, Math.min(last.length(), 2 + random.nextInt(3))));
            }
            if (TitleAnalyzer.typoAllowed(word)) {
                String typed = typo(word, random);
                add(typo, typed);
                String other = words.get(random.nextInt(words.size()));
                if (!other.equals(word)) {
                    add(typoTwoWords, typed + " " + other);
                }
            }
        }
        sets.put("one word", oneWord);
        sets.put("one word, first 3 letters", onePrefix);
        sets.put("three words", threeWords);
        sets.put("three words, last one 2-4 letters typed", threeTyping);
        sets.put("one word with a typo (5+ letters)", typo);
        sets.put("two words, one with a typo", typoTwoWords);
        List<String> shortPrefixes = new ArrayList<>();
        String[] worst = {"a", "s", "t", "m", "th", "lo", "de", "ma", "the", "love", "l", "b"};
        for (int i = 0; i < queries; i++) {
            shortPrefixes.add(worst[i % worst.length]);
        }
        sets.put("worst case: 1-4 letters of very common words", shortPrefixes);
        return sets;
    }

    private void add(List<String> set, String query) {
        if (set.size() < queries) {
            set.add(query);
        }
    }

    private static String typo(String word, SplittableRandom random) {
        int at = 1 + random.nextInt(word.length() - 1);
        char other = (char) ('a' + random.nextInt(26));
        switch (random.nextInt(4)) {
            case 0:
                return word.substring(0, at) + other + word.substring(at + 1);
            case 1:
                return word.substring(0, at) + other + word.substring(at);
            case 2:
                return word.substring(0, at) + word.substring(at + 1);
            default:
                return word.substring(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.substring(at + 1);
        }
    }

    private void line(String text) {
        out.println(text);
        report.append(text).append('\n');
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
