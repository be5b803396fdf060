package org.imdbetl.history;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.imdbetl.domain.Tconst;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Stages one batch of points into a RocksDB write batch: every new or changed point, and what it moves
 * (the movie's head and latest entry, the refresh's index). A point equal to the one stored stages
 * nothing, so replays and re-sent records are harmless. Reads one head per movie, and a point only when
 * it is older than its movie's head keeps.
 *
 * <p>Each pass over the batch is a method of its own, so the JIT compiles small methods rather than one
 * big method once per hot loop (bench/ANALYSIS.md, "The compiler").
 */
final class PointWriter {

    private static final byte[] NOTHING = new byte[0];
    /** In a write's map of heads: looked up, none stored. */
    private static final PointHead NO_HEAD = new PointHead(new long[0], new byte[0][]);

    /** What a staged batch changes besides its points, for the store's meta data. */
    static final class BatchChanges {
        /** Points new or different. */
        int changed;
        /** Movies whose first point this is. */
        long newMovies;
        /** Refresh dates no point had before, ascending. */
        final TreeSet<Long> newAsOfs = new TreeSet<>();
        /** Per refresh date, how many of its points were written. */
        final Map<Long, Long> revisions = new HashMap<>();
    }

    /** A batch's tconst numbers and point keys, in its order. */
    private record BatchKeys(long[] tconsts, byte[][] pointKeys) {
    }

    private final HistoryDatabase store;

    PointWriter(HistoryDatabase store) {
        this.store = store;
    }

    /**
     * @param knownAsOfs the refresh dates already stored, ascending
     * @param batch where the writes go; later entries of the batch see earlier ones
     */
    BatchChanges stage(Collection<HistoryEntry> entries, long[] knownAsOfs, WriteBatch batch) throws RocksDBException {
        BatchKeys keys = keysOf(entries);
        Map<Long, PointHead> heads = readHeads(keys);
        Map<ByteBuffer, byte[]> stored = readStored(keys, heads);
        return stage(entries, keys, heads, stored, knownAsOfs, batch);
    }

    private static BatchKeys keysOf(Collection<HistoryEntry> entries) {
        int n = entries.size();
        long[] tconsts = new long[n];
        byte[][] pointKeys = new byte[n][];
        int i = 0;
        for (HistoryEntry entry : entries) {
            if (!Tconst.isValid(entry.tconst())) {
                throw new IllegalArgumentException("not a tconst: " + entry.tconst());
            }
            tconsts[i] = Tconst.number(entry.tconst());
            pointKeys[i] = HistoryCodec.pointKey(tconsts[i], entry.point().asOf().toEpochMilli());
            i++;
        }
        return new BatchKeys(tconsts, pointKeys);
    }

    /**
     * One multiGet of the heads: besides where each movie's latest entry is, they hold its newest points,
     * which is all a refresh compares with.
     */
    private Map<Long, PointHead> readHeads(BatchKeys keys) throws RocksDBException {
        int n = keys.tconsts().length;
        Map<Long, PointHead> found = new HashMap<>();
        if (n == 0) {
            return found;
        }
        List<byte[]> headKeys = new ArrayList<>(n);
        for (long tconst : keys.tconsts()) {
            headKeys.add(HistoryCodec.single(tconst));
        }
        List<byte[]> values = store.db.multiGetAsList(store.reads, Collections.nCopies(n, store.heads), headKeys);
        for (int i = 0; i < n; i++) {
            found.put(keys.tconsts()[i], values.get(i) == null ? NO_HEAD : PointHead.decode(values.get(i)));
        }
        return found;
    }

    /**
     * The stored value of each point key (null for none), from the heads; only a point older than its
     * head keeps (a rebuild reading partitions in any order) needs a second multiGet, of the points.
     */
    private Map<ByteBuffer, byte[]> readStored(BatchKeys keys, Map<Long, PointHead> heads) throws RocksDBException {
        Map<ByteBuffer, byte[]> stored = new HashMap<>();
        List<byte[]> unknown = new ArrayList<>();
        for (int i = 0; i < keys.tconsts().length; i++) {
            byte[] pointKey = keys.pointKeys()[i];
            PointHead head = heads.get(keys.tconsts()[i]);
            ByteBuffer key = ByteBuffer.wrap(pointKey);
            byte[] known = head == NO_HEAD ? PointHead.ABSENT : head.stored(HistoryCodec.second(pointKey));
            if (known != null) {
                stored.put(key, known);
            } else if (!stored.containsKey(key)) {
                stored.put(key, null);
                unknown.add(pointKey);
            }
        }
        if (!unknown.isEmpty()) {
            List<byte[]> values = store.db.multiGetAsList(store.reads, Collections.nCopies(unknown.size(), store.points),
                    unknown);
            for (int i = 0; i < unknown.size(); i++) {
                stored.put(ByteBuffer.wrap(unknown.get(i)), values.get(i));
            }
        }
        return stored;
    }

    private BatchChanges stage(Collection<HistoryEntry> entries, BatchKeys keys, Map<Long, PointHead> heads,
            Map<ByteBuffer, byte[]> stored, long[] knownAsOfs, WriteBatch batch) throws RocksDBException {
        BatchChanges changes = new BatchChanges();
        int i = 0;
        for (HistoryEntry entry : entries) {
            byte[] pointKey = keys.pointKeys()[i++];
            byte[] value = HistoryCodec.encode(entry.point());
            byte[] before = stored.put(ByteBuffer.wrap(pointKey), value);
            if (Arrays.equals(value, before)) {
                continue;
            }
            changes.changed++;
            batch.put(store.points, pointKey, value);
            long tconst = HistoryCodec.first(pointKey);
            long asOf = HistoryCodec.second(pointKey);
            batch.put(store.refreshes, HistoryCodec.latestKey(asOf, tconst), NOTHING);
            changes.revisions.merge(asOf, 1L, Long::sum);
            if (Arrays.binarySearch(knownAsOfs, asOf) < 0) {
                changes.newAsOfs.add(asOf);
            }
            PointHead head = heads.get(tconst);
            PointHead next = PointHead.after(head == NO_HEAD ? null : head, asOf, value);
            if (next != null) {
                changes.newMovies += head == NO_HEAD ? 1 : 0;
                if (head == NO_HEAD || head.asOf() != next.asOf()) {
                    if (head != NO_HEAD) {
                        batch.delete(store.latest, HistoryCodec.latestKey(head.asOf(), tconst));
                    }
                    batch.put(store.latest, HistoryCodec.latestKey(next.asOf(), tconst), NOTHING);
                }
                batch.put(store.heads, HistoryCodec.single(tconst), next.encode());
                heads.put(tconst, next);
            }
        }
        return changes;
    }
}
