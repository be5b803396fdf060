package org.imdbetl.catalogue;

import org.imdbetl.domain.Tconst;

/**
 * A title's key in the catalogue store: the digit count, then the number, as 8 big-endian bytes.
 * Inside one digit count a dump sorted as text (tt10000000 before tt9999999) and one sorted by number
 * agree, so {@link DumpStoreJoin} walks the store once per digit count whatever the dump's order.
 */
public final class TitleKey {

    /** Bits below the digit count: a 10-digit number needs 34. */
    static final int DIGITS_SHIFT = 36;
    public static final int BYTES = Long.BYTES;
    public static final int MIN_DIGITS = 7;
    public static final int MAX_DIGITS = 10;

    private TitleKey() {
    }

    /** The key of a valid tconst ({@link Tconst#isValid}); callers validate first. */
    public static long of(String tconst) {
        long number = 0;
        for (int i = 2; i < tconst.length(); i++) {
            number = number * 10 + (tconst.charAt(i) - '0');
        }
        return (long) (tconst.length() - 2) << DIGITS_SHIFT | number;
    }

    public static int digits(long key) {
        return (int) (key >>> DIGITS_SHIFT);
    }

    /** The smallest key with this many digits: where a walk of one digit count starts. */
    public static long first(int digits) {
        return (long) digits << DIGITS_SHIFT;
    }

    public static String tconst(long key) {
        String digits = Long.toString(key & ((1L << DIGITS_SHIFT) - 1));
        return "tt" + "0".repeat(digits(key) - digits.length()) + digits;
    }

    public static byte[] bytes(long key) {
        byte[] bytes = new byte[BYTES];
        write(key, bytes, 0);
        return bytes;
    }

    static void write(long key, byte[] into, int offset) {
        for (int i = BYTES - 1; i >= 0; i--) {
            into[offset + i] = (byte) key;
            key >>>= 8;
        }
    }

    public static long read(byte[] from, int offset) {
        long key = 0;
        for (int i = 0; i < BYTES; i++) {
            key = key << 8 | (from[offset + i] & 0xFF);
        }
        return key;
    }
}
