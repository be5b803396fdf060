package org.imdbetl.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Computes one movers table (every movie whose measure moved since a refresh) on a RocksDB snapshot, so
 * the table is one consistent state of the store. Visits only the movies changed after {@code since}
 * (one range of the latest family); compares each with the point its head keeps at or before
 * {@code since}, and seeks the points only for movies with more newer points than a head keeps.
 */
final class MoversScan {

    /** Above this share of the movies changed since, the scan reads all heads in one pass instead of a get each. */
    private static final double ITERATE_HEADS_SHARE = 0.4;
    private static final int HEADS_PER_READ = 1024;

    private final HistoryDatabase store;

    MoversScan(HistoryDatabase store) {
        this.store = store;
    }

    /**
     * @param snapshot taken by the caller together with {@code version}; released by the caller
     * @param movieCount movies with at least one point
     */
    MoversTable compute(Snapshot snapshot, long version, long[] asOfs, long movieCount, long since,
            MoversQuery.Measure by) throws RocksDBException {
        MoversTable.Builder builder = new MoversTable.Builder(version, asOfs);
        try (ReadOptions atSnapshot = new ReadOptions().setSnapshot(snapshot);
                RocksIterator changed = store.db.newIterator(store.latest, atSnapshot);
                RocksIterator history = store.db.newIterator(store.points, atSnapshot)) {
            // The movies changed after since: one range of latest. An 8-byte key sorts before every
            // 16-byte key it starts.
            MoverCandidates candidates = new MoverCandidates();
            for (changed.seek(HistoryCodec.single(since + 1)); changed.isValid(); changed.next()) {
                byte[] key = changed.key();
                candidates.add(HistoryCodec.second(key), HistoryCodec.first(key), Double.NaN);
            }
            changed.status();
            MoverCandidates deferred = new MoverCandidates();
            if (candidates.size > movieCount * ITERATE_HEADS_SHARE) {
                try (RocksIterator all = store.db.newIterator(store.heads, atSnapshot)) {
                    for (all.seekToFirst(); all.isValid(); all.next()) {
                        PointHead head = PointHead.decode(all.value());
                        if (head.asOf() > since) {
                            compare(HistoryCodec.first(all.key()), head, since, by, builder, deferred);
                        }
                    }
                    all.status();
                }
            } else {
                // Their heads in movie order, a batch per multiGet: the reads walk the heads forwards.
                int[] rows = candidates.byTconst();
                List<byte[]> keys = new ArrayList<>(HEADS_PER_READ);
                for (int start = 0; start < rows.length; start += HEADS_PER_READ) {
                    int end = Math.min(rows.length, start + HEADS_PER_READ);
                    keys.clear();
                    for (int r = start; r < end; r++) {
                        keys.add(HistoryCodec.single(candidates.tconsts[rows[r]]));
                    }
                    List<byte[]> found = store.db.multiGetAsList(atSnapshot, Collections.nCopies(keys.size(), store.heads),
                            keys);
                    for (int r = start; r < end; r++) {
                        compare(candidates.tconsts[rows[r]], PointHead.decode(found.get(r - start)), since, by, builder,
                                deferred);
                    }
                }
            }
            // Movies with more newer points than a head keeps: the point at or before since, read in movie
            // order so the seeks walk the points forwards and each block is decompressed once.
            for (int row = 0; row < deferred.size; row++) {
                long tconst = deferred.tconsts[row];
                history.seekForPrev(HistoryCodec.pointKey(tconst, since));
                if (!history.isValid()) {
                    continue;
                }
                byte[] fromKey = history.key();
                if (HistoryCodec.first(fromKey) != tconst) {
                    continue;
                }
                double from = HistoryCodec.measure(history.value(), 0, by);
                if (!Double.isNaN(from) && from != deferred.to[row]) {
                    builder.add(tconst, HistoryCodec.second(fromKey), from, deferred.toAsOfs[row], deferred.to[row]);
                }
            }
            history.status();
        }
        return builder.build();
    }

    /**
     * Adds the movie to the table when its head holds the point at or before since, or to the deferred
     * movies when that point is older than the head keeps.
     */
    private static void compare(long tconst, PointHead head, long since, MoversQuery.Measure by,
            MoversTable.Builder builder, MoverCandidates deferred) {
        double to = HistoryCodec.measure(head.value(), 0, by);
        int at = head.atOrBefore(since);
        if (Double.isNaN(to) || (at < 0 && !head.full())) {
            // No value now, or no point at or before since.
            return;
        }
        if (at < 0) {
            deferred.add(tconst, head.asOf(), to);
            return;
        }
        double from = HistoryCodec.measure(head.values()[at], 0, by);
        if (!Double.isNaN(from) && from != to) {
            builder.add(tconst, head.asOfs()[at], from, head.asOf(), to);
        }
    }

    /** Movies a scan still has to look at, with their newest point's date and value, as growable columns. */
    private static final class MoverCandidates {

        /** Tconst numbers are below 2^38 (10 digits and a nibble), which leaves 25 bits for the row. */
        private static final int ROW_BITS = 25;

        long[] tconsts = new long[256];
        long[] toAsOfs = new long[256];
        double[] to = new double[256];
        int size;

        void add(long tconst, long toAsOf, double value) {
            if (size == tconsts.length) {
                tconsts = Arrays.copyOf(tconsts, size * 2);
                toAsOfs = Arrays.copyOf(toAsOfs, size * 2);
                to = Arrays.copyOf(to, size * 2);
            }
            tconsts[size] = tconst;
            toAsOfs[size] = toAsOf;
            to[size] = value;
            size++;
        }

        /** The rows in tconst order. */
        int[] byTconst() {
            long[] packed = new long[size];
            for (int row = 0; row < size; row++) {
                packed[row] = (tconsts[row] << ROW_BITS) | row;
            }
            Arrays.sort(packed);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = (int) (packed[i] & ((1 << ROW_BITS) - 1));
            }
            return rows;
        }
    }
}
