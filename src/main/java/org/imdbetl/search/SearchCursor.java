package org.imdbetl.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Tconst;

/**
 * A position in the search order (match class, votes descending, tconst): the next page starts
 * strictly after it, so pages stay consistent while the index changes. Opaque to clients: base64url of
 * {@code "1:class:votes:tconst"}, the leading 1 a format version.
 */
record SearchCursor(int matchClass, long numVotes, String tconst) {

    private static final String VERSION = "1";
    private static final int SHOWN_CHARS = 40;

    String encode() {
        String plain = VERSION + ":" + matchClass + ":" + numVotes + ":" + tconst;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming what is wrong, for a cursor this search did not issue */
    static SearchCursor decode(String cursor) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(cursor, "not base64url");
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw malformed(cursor, "unknown format");
        }
        int matchClass;
        long votes;
        try {
            matchClass = Integer.parseInt(parts[1]);
            votes = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw malformed(cursor, "not a number where one belongs");
        }
        if (matchClass < TitleIndex.EXACT_TITLE || matchClass > TitleIndex.TYPO || votes < 0) {
            throw malformed(cursor, "position out of range");
        }
        if (!Tconst.isValid(parts[3])) {
            throw malformed(cursor, "no valid tconst");
        }
        return new SearchCursor(matchClass, votes, parts[3]);
    }

    private static IllegalArgumentException malformed(String cursor, String why) {
        return new IllegalArgumentException("malformed cursor '" + Excerpt.of(cursor, SHOWN_CHARS) + "' ("
                + why + "): pass back a nextCursor exactly as a previous page returned it");
    }
}
