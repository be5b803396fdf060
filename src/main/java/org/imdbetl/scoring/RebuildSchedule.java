package org.imdbetl.scoring;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * When the ranking is rebuilt: on a background executor, at most once per interval while changes keep
 * coming, every request meanwhile folded into the next rebuild. When a rebuild takes more than a fifth of
 * the interval, the gap grows to five times its duration, so rebuilding takes at most a fifth of one core
 * however big the store.
 */
final class RebuildSchedule {

    private static final long GAP_FACTOR = 5;

    private final Executor executor;
    private final long intervalNanos;
    private final Runnable rebuild;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile long lastNanos;
    /** The interval, or longer after a slow rebuild. */
    private volatile long gapNanos;

    /**
     * @param executor where rebuilds run (the service: one background thread; tests: the caller's)
     * @param intervalNanos at least this long between two rebuilds
     */
    RebuildSchedule(Executor executor, long intervalNanos, Runnable rebuild) {
        this.executor = executor;
        this.intervalNanos = intervalNanos;
        this.rebuild = rebuild;
        this.gapNanos = intervalNanos;
        this.lastNanos = System.nanoTime() - intervalNanos;
    }

    /** Asks for a rebuild; returns at once unless the executor runs it on the calling thread. */
    void request() {
        if (requested.compareAndSet(false, true)) {
            executor.execute(this::runWhenDue);
        }
    }

    private void runWhenDue() {
        long wait;
        while ((wait = lastNanos + gapNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        requested.set(false);
        long started = System.nanoTime();
        lastNanos = started;
        rebuild.run();
        gapNanos = Math.max(intervalNanos, GAP_FACTOR * (System.nanoTime() - started));
    }
}
