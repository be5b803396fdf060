package org.imdbetl.history;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Movers tables by (since, measure), least recently used first, up to a number of rows over all tables.
 * A table is current until the next write that changes a point (the store's version). While one thread
 * computes a newer table, the others are served the stale one rather than queue: during a refresh every
 * batch makes the tables stale. A thread with nothing to serve waits; a query that finds no computation
 * in progress computes, so it sees every write before it.
 */
final class MoversCache {

    /** Computes the current table of (since, measure). */
    @FunctionalInterface
    interface Computation {
        MoversTable compute(long since, MoversQuery.Measure by);
    }

    private record Key(long since, MoversQuery.Measure by) {
    }

    private final long maxRows;
    private final LongSupplier version;
    private final Computation computation;
    /** One computation at a time: on two cores a second one in parallel only slows both. */
    private final ReentrantLock computeLock = new ReentrantLock();
    /** Guarded by itself. */
    private final LinkedHashMap<Key, MoversTable> tables = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxRows rows kept over all tables; a bigger table is computed for each query
     * @param version the store's version now
     */
    MoversCache(long maxRows, LongSupplier version, Computation computation) {
        this.maxRows = maxRows;
        this.version = version;
        this.computation = computation;
    }

    MoversTable table(long since, MoversQuery.Measure by) {
        Key key = new Key(since, by);
        long current = version.getAsLong();
        MoversTable table;
        synchronized (tables) {
            table = tables.get(key);
        }
        if (table != null && (table.version() == current || !computeLock.tryLock())) {
            return table;
        }
        if (table == null) {
            computeLock.lock();
        }
        try {
            // Whoever waited here for the same table finds it computed.
            synchronized (tables) {
                table = tables.get(key);
            }
            if (table != null && table.version() == version.getAsLong()) {
                return table;
            }
            table = computation.compute(since, by);
            remember(key, table);
            return table;
        } finally {
            computeLock.unlock();
        }
    }

    void clear() {
        synchronized (tables) {
            tables.clear();
        }
    }

    private void remember(Key key, MoversTable table) {
        if (table.rows() > maxRows) {
            return;
        }
        synchronized (tables) {
            // Stale tables stay (served while their successor is computed) until the budget pushes them out.
            tables.put(key, table);
            long rows = tables.values().stream().mapToLong(MoversTable::rows).sum();
            for (Iterator<MoversTable> it = tables.values().iterator(); rows > maxRows && it.hasNext();) {
                rows -= it.next().rows();
                it.remove();
            }
        }
    }
}
