package org.imdbetl.search;

import com.carrotsearch.hppc.BitSet;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bitsets over the documents that a query works in, pooled: a full-size query needs a few, and
 * allocating them per query made the garbage collector's pauses the tail of the latency. The pool holds
 * as many sets as ran at once, up to {@link #POOLED}.
 */
final class BitsetPool {

    /** Bitsets one query uses at most. */
    static final int PER_QUERY = 6;
    private static final int POOLED = 16;
    private static final ConcurrentLinkedQueue<Lease> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOL_SIZE = new AtomicInteger();

    private BitsetPool() {
    }

    /** A query's bitsets, all clear; give them back with {@link Lease#release}. */
    static Lease take() {
        Lease lease = POOL.poll();
        if (lease == null) {
            return new Lease();
        }
        POOL_SIZE.decrementAndGet();
        return lease;
    }

    /** One query's bitsets. */
    static final class Lease {
        private final BitSet[] sets = new BitSet[PER_QUERY];
        /** Words of each set that may be non-zero. */
        private final int[] used = new int[PER_QUERY];

        /** The words of bitset {@code which}, at least {@code words} long and clear. */
        long[] words(int which, int words) {
            if (sets[which] == null) {
                sets[which] = new BitSet(64L * (words + (words >> 3)));
            } else {
                sets[which].ensureCapacityWords(words);
            }
            used[which] = Math.max(used[which], words);
            return sets[which].bits;
        }

        void clear(int which, int words) {
            if (sets[which] != null) {
                Arrays.fill(sets[which].bits, 0, Math.min(words, sets[which].bits.length), 0L);
            }
        }

        void release() {
            for (int i = 0; i < PER_QUERY; i++) {
                if (sets[i] != null) {
                    Arrays.fill(sets[i].bits, 0, Math.min(used[i], sets[i].bits.length), 0L);
                }
                used[i] = 0;
            }
            if (POOL_SIZE.incrementAndGet() <= POOLED) {
                POOL.offer(this);
            } else {
                POOL_SIZE.decrementAndGet();
            }
        }
    }
}
