package org.imdbetl.domain;

import java.util.regex.Pattern;

/**
 * IMDb title identifiers: {@code tt} followed by 7 to 10 digits, and their compact numeric form.
 * The number keeps the digit count, so {@code tt0000001} and {@code tt00000001} stay different.
 */
public final class Tconst {

    private static final Pattern PATTERN = Pattern.compile("tt\\d{7,10}");
    private static final int LENGTH_BITS = 4;

    private Tconst() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** The digits with their count in the low nibble; callers pass validated tconsts. */
    public static long number(String tconst) {
        long digits = 0;
        for (int i = 2; i < tconst.length(); i++) {
            digits = digits * 10 + (tconst.charAt(i) - '0');
        }
        return (digits << LENGTH_BITS) | (tconst.length() - 2);
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
