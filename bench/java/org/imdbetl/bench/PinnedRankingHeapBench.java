package org.imdbetl.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.TopQuery;

/**
 * What one kept (pinned) ranking costs at full size: the heap a store holds more once a superseded
 * ranking is kept for a cursor, (a) when nothing but the version changed, so only the ranking's arrays
 * are extra, and (b) after a refresh re-rated 10% of the movies, whose old values only that ranking
 * still holds. Writes target/pinned-ranking-heap.md. {@code TitleSearchAndPinnedRankingBenchTest} runs
 * it small.
 *
 * <pre>bench/pinned-rankings.sh [-Dbench.rated=752000]</pre>
 *
 * <p>The script runs it at -Xmx2g (HEAP overrides it).
 */
public final class PinnedRankingHeapBench {

    static final Path REPORT = Path.of("target/pinned-ranking-heap.md");
    private static final int RERATED_PERCENT = 10;
    private static final long IDLE = Duration.ofHours(1).toNanos();

    private final int rated;
    private final PrintStream out;

    PinnedRankingHeapBench(int rated, PrintStream out) {
        this.rated = rated;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new PinnedRankingHeapBench(Integer.getInteger("bench.rated", 752_000), System.out).run(REPORT);
    }

    /** Measures and writes the report to {@code reportFile}. */
    void run(Path reportFile) throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        ScoringStore store = new ScoringStore(3000, OptionalDouble.of(6.5), Runnable::run, 0,
                new ScoringStore.Retention(3, IDLE), 2, clock::get);
        List<String> tconsts = load(store);

        // (a) A page hands out a cursor, then one movie changes: the previous ranking is kept. Measured as
        // what the heap loses when the kept ranking is dropped, once everything else has settled.
        store.top(TopQuery.of(10), null);
        store.upsertAll(List.of(withRating(store.find(tconsts.get(0)).orElseThrow().movie(), 9.9, 1_000_000)));
        expectKept(store, 1);
        long entries = store.rankingsKeptEntries();
        long kept = usedHeap();
        clock.addAndGet(IDLE + 1);
        expectKept(store, 0);
        long arraysOnly = kept - usedHeap();

        // (b) Another page, then 10% re-rated as a refresh sends them: new objects for each, as decoded from
        // the topic (new strings too), while the kept ranking holds the old ones.
        store.top(TopQuery.of(10), null);
        store.upsertAll(rerated(store, tconsts));
        expectKept(store, 1);
        kept = usedHeap();
        clock.addAndGet(IDLE + 1);
        expectKept(store, 0);
        long withRerated = kept - usedHeap();

        String report = """
                # Heap of a kept (pinned) ranking

                %,d rated movies (synthetic: 1-3 genres each), %s, -Xmx %d MB. Measured as what the heap
                loses when the kept ranking is dropped.

                | kept ranking | extra heap (after GC) |
                |---|---|
                | only the version changed: its arrays | %.1f MB |
                | after %d%% of the movies were re-rated: arrays + the old movie values only it holds | %.1f MB |

                Array entries of a kept ranking: %,d (%.1f MB at 4 bytes each).
                """.formatted(rated, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, mb(arraysOnly),
                RERATED_PERCENT, mb(withRerated), entries, mb(entries * 4));
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report);
        out.print(report);
    }

    private static void expectKept(ScoringStore store, int rankings) {
        int kept = store.stats().pinnedRankings();
        if (kept != rankings) {
            throw new IllegalStateException("the store keeps " + kept + " superseded rankings, not " + rankings);
        }
    }

    /**
     * Fills the store; only the store holds the movies afterwards, so that the old values a kept ranking
     * holds are counted. In a method of its own, so the generator's vocabularies are garbage too.
     */
    private List<String> load(ScoringStore store) {
        List<Movie> movies = new ArrayList<>(rated);
        for (Movie movie : new SyntheticMovies(14).movies(rated)) {
            movies.add(movie.rated() ? movie : withRating(movie, 7.0, 100));
        }
        store.upsertAll(movies);
        return movies.stream().map(Movie::tconst).toList();
    }

    /** New objects with new character arrays, as decoded from the topic. */
    private List<Movie> rerated(ScoringStore store, List<String> tconsts) {
        SplittableRandom pick = new SplittableRandom(3);
        List<Movie> rerated = new ArrayList<>();
        for (int i = 0; i < rated * RERATED_PERCENT / 100; i++) {
            Movie movie = store.find(tconsts.get(pick.nextInt(tconsts.size()))).orElseThrow().movie();
            rerated.add(new Movie(fresh(movie.tconst()), fresh(movie.title()), fresh(movie.originalTitle()),
                    movie.year(), movie.runtimeMinutes(), movie.genres().stream().map(g -> fresh(g)).toList(),
                    movie.averageRating(), movie.numVotes() + 1 + pick.nextInt(1000)));
        }
        return rerated;
    }

    private static String fresh(String text) {
        return String.valueOf(text.toCharArray());
    }

    private static Movie withRating(Movie movie, double rating, long votes) {
        return new Movie(movie.tconst(), movie.title(), movie.originalTitle(), movie.year(), movie.runtimeMinutes(),
                movie.genres(), rating, votes);
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
