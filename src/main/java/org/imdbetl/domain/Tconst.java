package org.imdbetl.domain;

import java.util.regex.Pattern;

/** IMDb title identifiers: {@code tt} followed by 7 to 10 digits. */
public final class Tconst {

    private static final Pattern PATTERN = Pattern.compile("tt\\d{7,10}");

    private Tconst() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
