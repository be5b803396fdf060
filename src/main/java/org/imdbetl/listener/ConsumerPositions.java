package org.imdbetl.listener;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The next offset the listener will read in each partition, and a way to wait until it has read
 * up to given offsets (the end of the topic at start-up: the store is loaded; the end after an
 * ingest: the ingest is in the store).
 */
public final class ConsumerPositions {

    private final Map<Integer, Long> next = new HashMap<>();
    private Map<Integer, Long> loadTarget;

    /** Records that every offset below {@code nextOffset} of the partition has been applied. */
    public synchronized void advance(int partition, long nextOffset) {
        next.merge(partition, nextOffset, Math::max);
        notifyAll();
    }

    /** The end offsets of the topic when the service started; the store is loaded once it reaches them. */
    public synchronized void expectLoadedAt(Map<Integer, Long> endOffsets) {
        loadTarget = Map.copyOf(endOffsets);
        notifyAll();
    }

    public synchronized boolean loaded() {
        return loadTarget != null && reached(loadTarget);
    }

    public synchronized boolean reached(Map<Integer, Long> targets) {
        return targets.entrySet().stream().allMatch(e -> e.getValue() <= next.getOrDefault(e.getKey(), 0L));
    }

    public synchronized Map<Integer, Long> snapshot() {
        return new HashMap<>(next);
    }

    /** Waits until the store is loaded; false on time-out. */
    public synchronized boolean awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loaded()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits until every partition is read up to the given offsets; false on time-out. */
    public synchronized boolean awaitReached(Map<Integer, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(targets)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
