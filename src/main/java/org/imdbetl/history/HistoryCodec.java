package org.imdbetl.history;

import java.nio.ByteBuffer;
import java.time.Instant;

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

    static long rawLong(byte[] from, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (from[offset + i] & 0xFF);
        }
        return value;
    }
}
