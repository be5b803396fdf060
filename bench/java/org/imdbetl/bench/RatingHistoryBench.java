package org.imdbetl.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.imdbetl.domain.Tconst;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.history.HistoryPoint.Event;
import org.imdbetl.history.Mover;
import org.imdbetl.history.MoversQuery;
import org.imdbetl.history.MoversQuery.Direction;
import org.imdbetl.history.MoversQuery.Measure;
import org.imdbetl.history.RatingHistory;

/**
 * Measures {@link RatingHistory} at full size: a year of daily refreshes of the full movie catalogue,
 * then disk, heap after GC, put throughput and the latency of history and movers. Not a test (its name
 * keeps Surefire away: it takes minutes and gigabytes); {@code RatingHistoryBenchTest} runs it small.
 * Public API of the history store only.
 *
 * <pre>
 * bench/history.sh                       # full size: 761,538 movies, 365 refreshes, ~40M points
 * bench/history.sh movies=76153          # a tenth
 * </pre>
 *
 * Arguments, all optional, as name=value: movies, refreshes, changed (share of movies changed per
 * refresh; 0.1423 gives ~40M points at full size), batch (points per putAll), dir (kept if given,
 * else a temporary directory that is deleted), seconds (of each load phase), write=false (dir holds
 * the store of an earlier run with the same arguments: measure the queries only).
 */
public final class RatingHistoryBench {

    private static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");
    private static final double RATED_SHARE = 0.46;
    private static final double REMOVED_SHARE = 0.0005;
    private static final double RETURN_SHARE = 0.1;
    private static final double M = 3000;
    private static final double C = 6.5;

    private final int movies;
    private final int refreshes;
    private final double changed;
    private final int batch;
    private final Path dir;
    private final boolean temporary;
    /** False: the directory holds a store this bench wrote before; only generate, to have the state. */
    private final boolean write;
    private final double seconds;
    private final PrintStream out;

    // The catalogue as the last refresh left it: the generator's state, not the store's.
    private final long[] tconsts;
    private final double[] ratings;
    private final long[] votes;
    private final boolean[] present;
    private final SplittableRandom random = new SplittableRandom(13);
    private long points;

    RatingHistoryBench(Map<String, String> args, PrintStream out) throws IOException {
        this.movies = Integer.parseInt(args.getOrDefault("movies", "761538"));
        this.refreshes = Integer.parseInt(args.getOrDefault("refreshes", "365"));
        this.changed = Double.parseDouble(args.getOrDefault("changed", "0.1423"));
        this.batch = Integer.parseInt(args.getOrDefault("batch", "1000"));
        this.seconds = Double.parseDouble(args.getOrDefault("seconds", "10"));
        this.temporary = !args.containsKey("dir");
        this.write = !"false".equals(args.get("write"));
        this.dir = temporary ? Files.createTempDirectory("history-bench") : Path.of(args.get("dir"));
        this.out = out;
        tconsts = new long[movies];
        ratings = new double[movies];
        votes = new long[movies];
        present = new boolean[movies];
        for (int i = 0; i < movies; i++) {
            tconsts[i] = Tconst.number(String.format("tt%07d", 1 + i * 13L));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            parsed.put(pair[0], pair[1]);
        }
        new RatingHistoryBench(parsed, System.out).run();
    }

    void run() throws Exception {
        out.printf("movies=%,d refreshes=%d changed=%.4f batch=%d dir=%s%n", movies, refreshes, changed, batch, dir);
        out.printf("java %s, %d cores, max heap %,d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        long baseline = heapAfterGc();
        out.printf("heap after GC before opening (generator state included): %,.1f MB%n", baseline / 1e6);

        long opened = System.nanoTime();
        RatingHistory history = RatingHistory.open(dir);
        out.printf("open (empty): %.0f ms%n", (System.nanoTime() - opened) / 1e6);
        try {
            write(history);
            long afterWrite = heapAfterGc();
            out.printf("heap after GC with the store open, cache empty: %,.1f MB (+%,.1f MB over the baseline)%n",
                    afterWrite / 1e6, (afterWrite - baseline) / 1e6);
            out.printf("RSS: %s%n", rss());
        } finally {
            history.close();
        }
        out.printf("disk after close: %,.1f MB (%,.1f bytes a point)%n", diskBytes() / 1e6, (double) diskBytes() / points);

        opened = System.nanoTime();
        history = RatingHistory.open(dir);
        out.printf("reopen: %.0f ms; estimated points %,d; refreshes %d%n", (System.nanoTime() - opened) / 1e6,
                history.estimatedPoints(), history.asOfs().size());
        try {
            queries(history);
            long withCache = heapAfterGc();
            out.printf("heap after GC with the movers cache full: %,.1f MB (+%,.1f MB over the baseline)%n",
                    withCache / 1e6, (withCache - baseline) / 1e6);
            load(history);
            ingestUnderLoad(history);
            out.printf("RSS: %s%n", rss());
        } finally {
            history.close();
        }
        out.printf("disk after close: %,.1f MB%n", diskBytes() / 1e6);
        if (temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private void write(RatingHistory history) {
        long started = System.nanoTime();
        double steadySeconds = 0;
        long steadyPoints = 0;
        int steadyFrom = Math.max(1, refreshes - 30);
        for (int r = 0; r < refreshes; r++) {
            long refreshStart = System.nanoTime();
            long written = refresh(history, r, write);
            double took = (System.nanoTime() - refreshStart) / 1e9;
            if (r == 0) {
                out.printf("refresh 0: %,d points in %.1f s: %,.0f puts/s%n", written, took, written / took);
            }
            if (r >= steadyFrom) {
                steadySeconds += took;
                steadyPoints += written;
            }
            if (r % 50 == 0 || r == refreshes - 1) {
                out.printf("  refresh %d: %,d points so far, %.0f s%n", r, points, (System.nanoTime() - started) / 1e9);
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        out.printf((write ? "wrote" : "generated, not written:") + " %,d points in %.0f s: %,.0f puts/s overall; last %d refreshes %,.0f points each, %,.0f puts/s%n",
                points, total, points / total, refreshes - steadyFrom, (double) steadyPoints / (refreshes - steadyFrom),
                steadyPoints / steadySeconds);
    }

    /** Generates refresh r from the catalogue's state, writes it in batches, returns the points written. */
    private long refresh(RatingHistory history, int r) {
        return refresh(history, r, true);
    }

    private long refresh(RatingHistory history, int r, boolean store) {
        Instant asOf = FIRST.plus(r, ChronoUnit.DAYS);
        List<HistoryEntry> pending = new ArrayList<>(batch);
        long written = 0;
        for (int i = 0; i < movies; i++) {
            HistoryPoint point = next(i, r, asOf);
            if (point == null) {
                continue;
            }
            if (!store) {
                written++;
                continue;
            }
            pending.add(new HistoryEntry(Tconst.fromNumber(tconsts[i]), point));
            if (pending.size() == batch) {
                written += flush(history, pending);
            }
        }
        written += store ? flush(history, pending) : 0;
        points += written;
        return written;
    }

    private long flush(RatingHistory history, List<HistoryEntry> pending) {
        int stored = history.putAll(pending, Map.of(0, points));
        pending.clear();
        return stored;
    }

    private HistoryPoint next(int i, int r, Instant asOf) {
        if (r == 0) {
            present[i] = true;
            if (random.nextDouble() < RATED_SHARE) {
                ratings[i] = 1 + random.nextInt(91) / 10.0;
                votes[i] = 5 + (long) Math.exp(random.nextDouble() * 12);
            }
            return point(i, asOf, Event.NEW);
        }
        if (!present[i]) {
            if (random.nextDouble() < RETURN_SHARE) {
                present[i] = true;
                return point(i, asOf, Event.NEW);
            }
            return null;
        }
        if (random.nextDouble() < REMOVED_SHARE) {
            present[i] = false;
            return new HistoryPoint(asOf, Event.REMOVED, null, null, null);
        }
        if (random.nextDouble() >= changed) {
            return null;
        }
        if (votes[i] > 0) {
            votes[i] += 1 + random.nextInt(1 + (int) Math.min(votes[i] / 50, 10_000));
            if (random.nextDouble() < 0.3) {
                ratings[i] = Math.max(1.0, Math.min(10.0, Math.round(ratings[i] * 10 + random.nextInt(3) - 1) / 10.0));
            }
        } else if (random.nextDouble() < 0.05) {
            ratings[i] = 1 + random.nextInt(91) / 10.0;
            votes[i] = 5;
        }
        return point(i, asOf, Event.CHANGED);
    }

    private HistoryPoint point(int i, Instant asOf, Event event) {
        if (votes[i] == 0) {
            return new HistoryPoint(asOf, event, null, null, null);
        }
        return new HistoryPoint(asOf, event, ratings[i], votes[i], (votes[i] * ratings[i] + M * C) / (votes[i] + M));
    }

    private void queries(RatingHistory history) {
        List<Instant> asOfs = history.asOfs();
        Instant latest = asOfs.get(asOfs.size() - 1);
        long[] latencies = new long[20_000];
        for (int i = 0; i < latencies.length; i++) {
            String tconst = Tconst.fromNumber(tconsts[random.nextInt(movies)]);
            long start = System.nanoTime();
            int size = history.history(tconst).size();
            latencies[i] = System.nanoTime() - start;
            if (size == 0) {
                throw new IllegalStateException("no history for " + tconst);
            }
        }
        out.printf("history(tconst), %,d random movies, one thread: %s%n", latencies.length, percentiles(latencies));

        out.println("movers, cold (computes and caches the table):");
        for (Measure by : Measure.values()) {
            cold(history, MoversQuery.of(by, 10), "default since (refresh before the latest)");
        }
        cold(history, MoversQuery.of(Measure.VOTES, 10).since(latest.minus(7, ChronoUnit.DAYS)), "since 7 days before");
        cold(history, MoversQuery.of(Measure.VOTES, 10).since(latest.minus(30, ChronoUnit.DAYS)), "since 30 days before");
        cold(history, MoversQuery.of(Measure.VOTES, 10).since(asOfs.get(0)), "since the first refresh");
        // Back to the default tables, which the older since may have pushed out of the cache.
        for (Measure by : Measure.values()) {
            history.movers(MoversQuery.of(by, 10));
        }

        for (int i = 0; i < latencies.length; i++) {
            MoversQuery query = randomWarmQuery();
            long start = System.nanoTime();
            history.movers(query);
            latencies[i] = System.nanoTime() - start;
        }
        out.printf("movers, warm, default since, random measure/direction/limit 10-100/genre share 100%%|25%%|1%%, one thread: %s%n",
                percentiles(latencies));
    }

    private void cold(RatingHistory history, MoversQuery query, String what) {
        long start = System.nanoTime();
        List<Mover> movers = history.movers(query);
        double coldMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        history.movers(query);
        double warmMs = (System.nanoTime() - start) / 1e6;
        out.printf("  %s, %s: cold %.0f ms, then %.3f ms; top %s%n", query.by(), what, coldMs, warmMs,
                movers.isEmpty() ? "-" : movers.get(0));
    }

    private MoversQuery randomWarmQuery() {
        Measure by = Measure.values()[random.nextInt(3)];
        Direction direction = random.nextBoolean() ? Direction.UP : Direction.DOWN;
        int limit = new int[] {10, 50, 100}[random.nextInt(3)];
        // A genre filter costs about what a lookup in the ScoringStore costs: parse and hash the tconst.
        Predicate<String> filter = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> t -> Long.hashCode(Tconst.number(t) * 0x9E3779B97F4A7C15L) % 4 == 0;
            default -> t -> Long.hashCode(Tconst.number(t) * 0x9E3779B97F4A7C15L) % 100 == 0;
        };
        return new MoversQuery(by, null, filter, limit, direction);
    }

    /** Two request threads (the machine's cores) on warm movers and history for a while. */
    private void load(RatingHistory history) throws Exception {
        List<long[]> results = readers(history, () -> false, seconds);
        long[] all = merge(results);
        out.printf("load: 2 threads, %.0f s, warm movers and history mixed 3:1: %,.0f queries/s, %s%n", seconds,
                all.length / seconds, percentiles(all));
    }

    /** A new refresh written while two threads query movers: every write makes the tables stale. */
    private void ingestUnderLoad(RatingHistory history) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        Future<Long> written = writer.submit(() -> {
            try {
                return refresh(history, refreshes);
            } finally {
                writing.set(false);
            }
        });
        List<long[]> results = readers(history, () -> !writing.get(), 3600);
        double took = (System.nanoTime() - start) / 1e9;
        long[] all = merge(results);
        out.printf("a refresh of %,d points written in %.1f s (%,.0f puts/s) under 2 querying threads: %,d queries, %s%n",
                written.get(), took, written.get() / took, all.length, percentiles(all));
        writer.shutdown();
    }

    private List<long[]> readers(RatingHistory history, BooleanSupplier stop, double maxSeconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
            for (int t = 0; t < 2; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom local = new SplittableRandom(seed);
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
                        long begin = System.nanoTime();
                        if (local.nextInt(4) == 0) {
                            history.history(Tconst.fromNumber(tconsts[local.nextInt(movies)]));
                        } else {
                            history.movers(new MoversQuery(Measure.values()[local.nextInt(3)], null, null, 10,
                                    local.nextBoolean() ? Direction.UP : Direction.DOWN));
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - begin;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "no samples";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.1f ms", at(sorted, 0.50) / 1e6,
                at(sorted, 0.99) / 1e6, at(sorted, 0.999) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " "))
                    .reduce((a, b) -> a + ", " + b).orElse("?");
        } catch (IOException | UncheckedIOException e) {
            return "? (" + e + ")";
        }
    }

    private long diskBytes() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
