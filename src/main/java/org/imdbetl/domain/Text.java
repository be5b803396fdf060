package org.imdbetl.domain;

/** Text shown back to users in errors and reject files. */
public final class Text {

    private Text() {
    }

    /** The value cut to at most {@code max} characters, with "..." where it was cut. */
    public static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }
}
