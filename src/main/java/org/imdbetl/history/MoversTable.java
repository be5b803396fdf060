package org.imdbetl.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.imdbetl.domain.Tconst;

/**
 * Every mover of one measure since one refresh, sorted by delta (largest rise first, ties by tconst),
 * in parallel primitive arrays: 32 bytes a movie, against about 150 for a list of {@link Mover}s.
 * Immutable once built, so readers share it without locks.
 */
final class MoversTable {

    static final int BYTES_PER_ROW = Long.BYTES + 2 * Integer.BYTES + 2 * Double.BYTES;

    private final long version;
    /** The asOf values the row indexes point into. */
    private final long[] asOfs;
    private final long[] tconsts;
    private final int[] fromAt;
    private final int[] toAt;
    private final double[] from;
    private final double[] to;

    private MoversTable(long version, long[] asOfs, long[] tconsts, int[] fromAt, int[] toAt, double[] from, double[] to) {
        this.version = version;
        this.asOfs = asOfs;
        this.tconsts = tconsts;
        this.fromAt = fromAt;
        this.toAt = toAt;
        this.from = from;
        this.to = to;
    }

    /** The store version the table was computed at. */
    long version() {
        return version;
    }

    int rows() {
        return tconsts.length;
    }

    /** Up to {@code limit} movers the filter keeps, biggest move in the direction first. */
    List<Mover> walk(MoversQuery.Direction direction, Predicate<String> filter, int limit) {
        List<Mover> result = new ArrayList<>(Math.min(limit, 256));
        if (direction == MoversQuery.Direction.UP) {
            for (int i = 0; i < tconsts.length && result.size() < limit && delta(i) > 0; i++) {
                take(i, filter, result);
            }
            return result;
        }
        // Falls from the end, biggest first; each run of equal deltas forwards so ties stay by tconst.
        int end = tconsts.length - 1;
        while (end >= 0 && result.size() < limit && delta(end) < 0) {
            int start = end;
            while (start > 0 && delta(start - 1) == delta(end)) {
                start--;
            }
            for (int i = start; i <= end && result.size() < limit; i++) {
                take(i, filter, result);
            }
            end = start - 1;
        }
        return result;
    }

    private void take(int i, Predicate<String> filter, List<Mover> into) {
        String tconst = Tconst.fromNumber(tconsts[i]);
        if (filter == null || filter.test(tconst)) {
            into.add(new Mover(tconst, Instant.ofEpochMilli(asOfs[fromAt[i]]), from[i],
                    Instant.ofEpochMilli(asOfs[toAt[i]]), to[i]));
        }
    }

    private double delta(int i) {
        return to[i] - from[i];
    }

    /** Collects rows in any order; {@link #build} sorts them. */
    static final class Builder {

        private final long version;
        private final long[] asOfs;
        private long[] tconsts = new long[1024];
        private int[] fromAt = new int[1024];
        private int[] toAt = new int[1024];
        private double[] from = new double[1024];
        private double[] to = new double[1024];
        private int size;

        Builder(long version, long[] asOfs) {
            this.version = version;
            this.asOfs = asOfs;
        }

        void add(long tconst, long fromAsOf, double fromValue, long toAsOf, double toValue) {
            if (size == tconsts.length) {
                int grown = size * 2;
                tconsts = Arrays.copyOf(tconsts, grown);
                fromAt = Arrays.copyOf(fromAt, grown);
                toAt = Arrays.copyOf(toAt, grown);
                from = Arrays.copyOf(from, grown);
                to = Arrays.copyOf(to, grown);
            }
            tconsts[size] = tconst;
            fromAt[size] = indexOf(fromAsOf);
            toAt[size] = indexOf(toAsOf);
            from[size] = fromValue;
            to[size] = toValue;
            size++;
        }

        MoversTable build() {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            mergeSort(order, new int[size], 0, size);
            long[] sortedTconsts = new long[size];
            int[] sortedFromAt = new int[size];
            int[] sortedToAt = new int[size];
            double[] sortedFrom = new double[size];
            double[] sortedTo = new double[size];
            for (int i = 0; i < size; i++) {
                int row = order[i];
                sortedTconsts[i] = tconsts[row];
                sortedFromAt[i] = fromAt[row];
                sortedToAt[i] = toAt[row];
                sortedFrom[i] = from[row];
                sortedTo[i] = to[row];
            }
            return new MoversTable(version, asOfs, sortedTconsts, sortedFromAt, sortedToAt, sortedFrom, sortedTo);
        }

        private int indexOf(long asOf) {
            int at = Arrays.binarySearch(asOfs, asOf);
            if (at < 0) {
                throw new IllegalStateException("asOf " + asOf + " is not a known refresh");
            }
            return at;
        }

        /** Delta desc, then tconst asc: a total order. By hand, on ints, so no row is boxed. */
        private int compare(int a, int b) {
            int byDelta = Double.compare(to[b] - from[b], to[a] - from[a]);
            return byDelta != 0 ? byDelta : Long.compare(tconsts[a], tconsts[b]);
        }

        private void mergeSort(int[] rows, int[] scratch, int lo, int hi) {
            if (hi - lo < 2) {
                return;
            }
            int mid = (lo + hi) >>> 1;
            mergeSort(rows, scratch, lo, mid);
            mergeSort(rows, scratch, mid, hi);
            if (compare(rows[mid - 1], rows[mid]) <= 0) {
                return;
            }
            System.arraycopy(rows, lo, scratch, lo, hi - lo);
            int left = lo;
            int right = mid;
            for (int i = lo; i < hi; i++) {
                if (right >= hi || (left < mid && compare(scratch[left], scratch[right]) <= 0)) {
                    rows[i] = scratch[left++];
                } else {
                    rows[i] = scratch[right++];
                }
            }
        }
    }
}
