package org.imdbetl.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The next offset the listener will read in each partition, and futures that complete once it has
 * read up to given offsets: the end of the topic at start-up (the store is loaded), or the end after
 * an ingest (the ingest is in the store). Futures complete on the listener's thread: chain only cheap
 * steps on them, or use the {@code *Async} variants.
 */
public final class ConsumerPositions {

    private final Map<Integer, Long> next = new HashMap<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    /** The end offsets the store loads up to at start-up; empty until the topic is reachable. */
    private volatile Map<Integer, Long> loadTarget = Map.of();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Map<Integer, Long> targets, CompletableFuture<Void> future) {
    }

    /** Records that every offset below {@code nextOffset} of the partition has been applied. */
    public void advance(int partition, long nextOffset) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            next.merge(partition, nextOffset, Math::max);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                Waiter waiter = it.next();
                if (reached(waiter.targets())) {
                    it.remove();
                    done.add(waiter.future());
                }
            }
        }
        // Completed outside the lock: dependents run on this thread and may call back in.
        done.forEach(future -> future.complete(null));
    }

    /** The end offsets of the topic when the service started; the store is loaded once it reaches them. */
    public void expectLoadedAt(Map<Integer, Long> endOffsets) {
        loadTarget = Map.copyOf(endOffsets);
        reach(endOffsets).thenRun(() -> loaded.complete(null));
    }

    /** Completes once the store holds the topic as it was at start-up. */
    public CompletableFuture<Void> whenLoaded() {
        return loaded.copy();
    }

    public boolean loaded() {
        return loaded.isDone();
    }

    /** How far the start-up load is: records read of those to read; null while the topic's end is unknown. */
    public synchronized LoadProgress loadProgress() {
        if (loadTarget.isEmpty() && !loaded.isDone()) {
            return null;
        }
        long total = 0;
        long read = 0;
        for (Map.Entry<Integer, Long> end : loadTarget.entrySet()) {
            total += end.getValue();
            read += Math.min(end.getValue(), next.getOrDefault(end.getKey(), 0L));
        }
        return new LoadProgress(read, total);
    }

    /** Offsets read and to read at start-up, summed over the partitions (a compacted topic has gaps). */
    public record LoadProgress(long read, long total) {
    }

    /** Completes once every partition is read up to the given offsets. */
    public CompletableFuture<Void> reach(Map<Integer, Long> targets) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (this) {
            if (!reached(targets)) {
                waiters.add(new Waiter(Map.copyOf(targets), future));
                return future;
            }
        }
        future.complete(null);
        return future;
    }

    public synchronized Map<Integer, Long> snapshot() {
        return new HashMap<>(next);
    }

    private boolean reached(Map<Integer, Long> targets) {
        return targets.entrySet().stream().allMatch(e -> e.getValue() <= next.getOrDefault(e.getKey(), 0L));
    }
}
