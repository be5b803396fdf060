package org.imdbetl.domain;

/**
 * IMDb title identifiers: {@code tt} followed by 7 to 10 digits, and their compact numeric form.
 * The number keeps the digit count, so {@code tt0000001} and {@code tt00000001} stay different.
 */
public final class Tconst {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 10;
    private static final int LENGTH_BITS = 4;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000};

    private Tconst() {
    }

    /**
     * {@code tt\d{7,10}}, checked by hand: every title read, consumed and indexed is checked, and a
     * regular expression's matcher showed in the profile of loading a checkpoint.
     */
    public static boolean isValid(String value) {
        if (value == null || value.length() < 2 + MIN_DIGITS || value.length() > 2 + MAX_DIGITS
                || value.charAt(0) != 't' || value.charAt(1) != 't') {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The digits with their count in the low nibble; callers pass validated tconsts. */
    public static long number(String tconst) {
        long digits = 0;
        for (int i = 2; i < tconst.length(); i++) {
            digits = digits * 10 + (tconst.charAt(i) - '0');
        }
        return (digits << LENGTH_BITS) | (tconst.length() - 2);
    }

    /**
     * A key that sorts numbers of {@link #number} as their tconsts sort as Strings: the digits padded on
     * the right to {@value #MAX_DIGITS} places, then the digit count, so a prefix sorts first
     * ({@code tt1000000 < tt10000000 < tt9999999}). Longs sort several times faster than the Strings
     * with a comparator (docs/performance.md).
     */
    public static long sortKey(long number) {
        int digits = (int) (number & ((1 << LENGTH_BITS) - 1));
        return ((number >>> LENGTH_BITS) * POWERS_OF_TEN[MAX_DIGITS - digits] << LENGTH_BITS) | digits;
    }

    /** The number back from {@link #sortKey}. */
    public static long numberOfSortKey(long key) {
        int digits = (int) (key & ((1 << LENGTH_BITS) - 1));
        return ((key >>> LENGTH_BITS) / POWERS_OF_TEN[MAX_DIGITS - digits] << LENGTH_BITS) | digits;
    }

    /** The tconst back from {@link #number}. */
    public static String fromNumber(long number) {
        int digits = (int) (number & ((1 << LENGTH_BITS) - 1));
        StringBuilder text = new StringBuilder(2 + digits).append("tt");
        String value = Long.toString(number >>> LENGTH_BITS);
        for (int i = value.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(value).toString();
    }
}
