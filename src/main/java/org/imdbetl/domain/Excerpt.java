package org.imdbetl.domain;

/** Text shown back to users in errors and reject files, cut to a readable length. */
public final class Excerpt {

    private Excerpt() {
    }

    /** The value cut to at most {@code max} characters, with "..." where it was cut. */
    public static String of(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }
}
