package org.imdbetl.history;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * Keys and values of the rating history's column families. Longs are big-endian with the sign bit
 * flipped, so RocksDB's bytewise order is their numeric order (dates before 1970 included).
 *
 * <p>A point's value is 2 to 26 bytes: the event, a byte saying which of rating, votes and score are
 * there, then those present (rating and score as the exact doubles, votes as a long).
 */
final class HistoryCodec {

    static final int KEY_BYTES = 16;
    private static final int HAS_RATING = 1;
    private static final int HAS_VOTES = 2;
    private static final int HAS_SCORE = 4;
    private static final HistoryPoint.Event[] EVENTS = HistoryPoint.Event.values();

    private HistoryCodec() {
    }

    /** Points: (movie, asOf), so a movie's points are adjacent and oldest first. */
    static byte[] pointKey(long tconst, long asOfMillis) {
        return pair(tconst, asOfMillis);
    }

    /** Latest points: (asOf, movie), so the movies changed after a date are one range. */
    static byte[] latestKey(long asOfMillis, long tconst) {
        return pair(asOfMillis, tconst);
    }

    static byte[] single(long value) {
        byte[] key = new byte[Long.BYTES];
        putLong(key, 0, value);
        return key;
    }

    static long first(byte[] key) {
        return getLong(key, 0);
    }

    static long second(byte[] key) {
        return getLong(key, Long.BYTES);
    }

    static byte[] encode(HistoryPoint point) {
        int flags = (point.averageRating() != null ? HAS_RATING : 0)
                | (point.numVotes() != null ? HAS_VOTES : 0)
                | (point.weightedScore() != null ? HAS_SCORE : 0);
        ByteBuffer out = ByteBuffer.allocate(2 + Long.BYTES * Integer.bitCount(flags));
        out.put((byte) point.event().ordinal()).put((byte) flags);
        if (point.averageRating() != null) {
            out.putDouble(point.averageRating());
        }
        if (point.numVotes() != null) {
            out.putLong(point.numVotes());
        }
        if (point.weightedScore() != null) {
            out.putDouble(point.weightedScore());
        }
        return out.array();
    }

    static HistoryPoint decode(long asOfMillis, byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        HistoryPoint.Event event = EVENTS[in.get()];
        int flags = in.get();
        Double rating = (flags & HAS_RATING) != 0 ? in.getDouble() : null;
        Long votes = (flags & HAS_VOTES) != 0 ? in.getLong() : null;
        Double score = (flags & HAS_SCORE) != 0 ? in.getDouble() : null;
        return new HistoryPoint(Instant.ofEpochMilli(asOfMillis), event, rating, votes, score);
    }

    /**
     * The measure in an encoded point (at {@code offset} of {@code bytes}) without decoding it, or NaN
     * when the point has none: a removal, or an unrated movie.
     */
    static double measure(byte[] bytes, int offset, MoversQuery.Measure by) {
        if (bytes[offset] == HistoryPoint.Event.REMOVED.ordinal()) {
            return Double.NaN;
        }
        int flags = bytes[offset + 1];
        int at = offset + 2;
        switch (by) {
            case RATING:
                return (flags & HAS_RATING) != 0 ? Double.longBitsToDouble(rawLong(bytes, at)) : Double.NaN;
            case VOTES:
                at += (flags & HAS_RATING) != 0 ? Long.BYTES : 0;
                return (flags & HAS_VOTES) != 0 ? (double) rawLong(bytes, at) : Double.NaN;
            case SCORE:
                at += Long.BYTES * Integer.bitCount(flags & (HAS_RATING | HAS_VOTES));
                return (flags & HAS_SCORE) != 0 ? Double.longBitsToDouble(rawLong(bytes, at)) : Double.NaN;
            default:
                throw new IllegalArgumentException(String.valueOf(by));
        }
    }

    /**
     * A movie's newest points, newest first, at most {@link #KEEP}: what a refresh compares a movie with
     * (so writing one reads no point), and what the movers since any of the last {@value #KEEP} refreshes
     * of a movie compare with (so a movers query reads no point for most movies). Eight covers a week
     * for a movie that changes every day, which the most voted movies do.
     *
     * @param asOfs newest first
     * @param values the encoded points, in the same order
     */
    record Head(long[] asOfs, byte[][] values) {

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
        static Head after(Head head, long asOf, byte[] value) {
            if (head == null) {
                return new Head(new long[] {asOf}, new byte[][] {value});
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
            return new Head(asOfs, values);
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

        static Head decode(byte[] bytes) {
            int size = bytes[0];
            long[] asOfs = new long[size];
            byte[][] values = new byte[size][];
            int at = 1;
            for (int i = 0; i < size; i++) {
                asOfs[i] = rawLong(bytes, at);
                int length = bytes[at + Long.BYTES];
                at += Long.BYTES + 1;
                values[i] = Arrays.copyOfRange(bytes, at, at + length);
                at += length;
            }
            return new Head(asOfs, values);
        }
    }

    /** Marks a point known to be absent (null means unknown). */
    static final byte[] ABSENT = new byte[0];

    private static byte[] pair(long a, long b) {
        byte[] key = new byte[KEY_BYTES];
        putLong(key, 0, a);
        putLong(key, Long.BYTES, b);
        return key;
    }

    private static void putLong(byte[] into, int offset, long value) {
        long flipped = value ^ Long.MIN_VALUE;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            into[offset + i] = (byte) flipped;
            flipped >>>= 8;
        }
    }

    private static long getLong(byte[] from, int offset) {
        return rawLong(from, offset) ^ Long.MIN_VALUE;
    }

    private static long rawLong(byte[] from, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (from[offset + i] & 0xFF);
        }
        return value;
    }
}
