package org.imdbetl.source;

import java.util.ArrayList;
import java.util.List;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.SharedValues;
import org.imdbetl.domain.Tconst;

/** Field-level parsing of IMDb values; {@code \N} means null everywhere. */
final class Fields {

    static final String NULL = "\\N";

    private Fields() {
    }

    static String text(String value) {
        return NULL.equals(value) ? null : value;
    }

    static String tconst(String value) throws RejectedRowException {
        if (!Tconst.isValid(value)) {
            throw new RejectedRowException(RejectReason.INVALID_TCONST, "tconst '" + value + "'");
        }
        return value;
    }

    static Integer year(String value) throws RejectedRowException {
        Integer year = nonNegativeInt(value, RejectReason.INVALID_YEAR, "year");
        if (year != null && (year < Movie.MIN_YEAR || year > Movie.MAX_YEAR)) {
            throw new RejectedRowException(RejectReason.INVALID_YEAR, "year " + year + " out of range");
        }
        return year;
    }

    static Integer runtime(String value) throws RejectedRowException {
        return nonNegativeInt(value, RejectReason.INVALID_RUNTIME, "runtimeMinutes");
    }

    /** A season or episode number, or null for {@code \N}. */
    static Integer number(String value, RejectReason reason, String name) throws RejectedRowException {
        return nonNegativeInt(value, reason, name);
    }

    /** title.basics' isAdult: 0 or 1 ({@code \N} read as 0). */
    static boolean adult(String value) throws RejectedRowException {
        return switch (value) {
            case "1" -> true;
            case "0", NULL -> false;
            default -> throw new RejectedRowException(RejectReason.INVALID_ADULT, "isAdult '" + Excerpt.of(value, 40) + "'");
        };
    }

    static double rating(String value) throws RejectedRowException {
        double rating;
        try {
            rating = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new RejectedRowException(RejectReason.INVALID_RATING, "averageRating '" + value + "'");
        }
        if (!(rating >= 1.0 && rating <= 10.0)) {
            throw new RejectedRowException(RejectReason.INVALID_RATING, "averageRating " + value + " outside 1-10");
        }
        return rating;
    }

    static long votes(String value) throws RejectedRowException {
        Integer votes = nonNegativeInt(value, RejectReason.INVALID_VOTES, "numVotes");
        if (votes == null) {
            throw new RejectedRowException(RejectReason.INVALID_VOTES, "numVotes is null");
        }
        return votes;
    }

    /** IMDb genres are comma-separated (the project this replaces split on '|' and got it wrong). */
    static List<String> genres(String value) {
        if (value == null || value.isEmpty() || NULL.equals(value)) {
            return List.of();
        }
        List<String> genres = new ArrayList<>(3);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',') {
                String genre = value.substring(start, i).trim();
                if (!genre.isEmpty() && !genres.contains(genre)) {
                    genres.add(SharedValues.genre(genre));
                }
                start = i + 1;
            }
        }
        return genres;
    }

    private static Integer nonNegativeInt(String value, RejectReason reason, String name) throws RejectedRowException {
        if (NULL.equals(value)) {
            return null;
        }
        int length = value.length();
        if (length == 0 || length > 9) {
            throw new RejectedRowException(reason, name + " '" + Excerpt.of(value, 40) + "'");
        }
        int result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new RejectedRowException(reason, name + " '" + Excerpt.of(value, 40) + "'");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

}
