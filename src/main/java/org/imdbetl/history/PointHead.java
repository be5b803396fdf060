package org.imdbetl.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A movie's newest points, newest first, at most {@link #KEEP}: what a refresh compares a movie with
 * (so writing one reads no point), and what the movers since any of the last {@value #KEEP} refreshes
 * of a movie compare with (so a movers query reads no point for most movies). Eight covers a week
 * for a movie that changes every day, which the most voted movies do.
 *
 * @param asOfs newest first
 * @param values the encoded points, in the same order
 */
record PointHead(long[] asOfs, byte[][] values) {

    /** Marks a point known to be absent (null means unknown). */
    static final byte[] ABSENT = new byte[0];

    static final int KEEP = 8;

    long asOf() {
        return asOfs[0];
    }

    byte[] value() {
        return values[0];
    }

    int size() {
        return asOfs.length;
    }

    boolean full() {
        return asOfs.length == KEEP;
    }

    /** The newest kept point at or before {@code asOf}, or -1 when none is kept. */
    int atOrBefore(long asOf) {
        for (int i = 0; i < asOfs.length; i++) {
            if (asOfs[i] <= asOf) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What is stored for the movie at {@code asOf}, as far as the head knows: the point, or
     * {@link #ABSENT}, or null when the point is older than every kept one (read the points then).
     */
    byte[] stored(long asOf) {
        int at = atOrBefore(asOf);
        if (at >= 0 && asOfs[at] == asOf) {
            return values[at];
        }
        // Kept points are the newest ones without a gap: a missing asOf at or after the oldest is absent.
        return at >= 0 || !full() ? ABSENT : null;
    }

    /** The head after point (asOf, value) is stored (head null: the movie's first), or null if unchanged. */
    static PointHead after(PointHead head, long asOf, byte[] value) {
        if (head == null) {
            return new PointHead(new long[] {asOf}, new byte[][] {value});
        }
        int at = 0;
        while (at < head.asOfs.length && head.asOfs[at] > asOf) {
            at++;
        }
        boolean replace = at < head.asOfs.length && head.asOfs[at] == asOf;
        int size = Math.min(KEEP, head.asOfs.length + (replace ? 0 : 1));
        if (at >= size) {
            // Older than every kept point of a full head: only the points change.
            return null;
        }
        long[] asOfs = new long[size];
        byte[][] values = new byte[size][];
        System.arraycopy(head.asOfs, 0, asOfs, 0, at);
        System.arraycopy(head.values, 0, values, 0, at);
        asOfs[at] = asOf;
        values[at] = value;
        int from = replace ? at + 1 : at;
        System.arraycopy(head.asOfs, from, asOfs, at + 1, size - at - 1);
        System.arraycopy(head.values, from, values, at + 1, size - at - 1);
        return new PointHead(asOfs, values);
    }

    byte[] encode() {
        int length = 1;
        for (byte[] value : values) {
            length += Long.BYTES + 1 + value.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).put((byte) asOfs.length);
        for (int i = 0; i < asOfs.length; i++) {
            out.putLong(asOfs[i]).put((byte) values[i].length).put(values[i]);
        }
        return out.array();
    }

    static PointHead decode(byte[] bytes) {
        int size = bytes[0];
        long[] asOfs = new long[size];
        byte[][] values = new byte[size][];
        int at = 1;
        for (int i = 0; i < size; i++) {
            asOfs[i] = HistoryCodec.rawLong(bytes, at);
            int length = bytes[at + Long.BYTES];
            at += Long.BYTES + 1;
            values[i] = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
        }
        return new PointHead(asOfs, values);
    }
}
