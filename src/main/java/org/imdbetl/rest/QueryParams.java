package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.ScoringStore;

/** Parses query parameters by hand so a malformed value is a 400 with a reason, never a 404 or 500. */
final class QueryParams {

    static final int MAX_GENRE_LENGTH = 64;

    private QueryParams() {
    }

    static int intInRange(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return (int) longInRange(name, value, min, max);
    }

    static Integer optionalInt(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return (int) longInRange(name, value, min, max);
    }

    static long longInRange(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, was '" + Excerpt.of(value, 40) + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    /** A genre as the store spells it, or null when absent; one no movie has is a 400. */
    static String genre(String genre, ScoringStore store) {
        if (genre == null || genre.isBlank()) {
            return null;
        }
        if (genre.length() > MAX_GENRE_LENGTH) {
            throw new BadRequestException("genre must be at most " + MAX_GENRE_LENGTH + " characters");
        }
        return store.canonicalGenre(genre.trim()).orElseThrow(() -> new BadRequestException(
                "no movie in the store has genre '" + Excerpt.of(genre, 40) + "'; GET /genres lists them"));
    }

    /** One of the names (case-insensitive), or the default when absent; anything else is a 400. */
    static <E extends Enum<E>> E choice(String name, String value, E defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new BadRequestException(name + " must be one of " + Arrays.stream(defaultValue.getDeclaringClass().getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", was '" + Excerpt.of(value, 40) + "'");
    }

    /** A date YYYY-MM-DD within the years the service knows, or null when absent; anything else is a 400. */
    static LocalDate optionalDate(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date YYYY-MM-DD, was '" + Excerpt.of(value, 40) + "'");
        }
        // Far dates overflow the epoch milliseconds the history is kept in.
        if (date.getYear() < Movie.MIN_YEAR || date.getYear() > Movie.MAX_YEAR) {
            throw new BadRequestException(name + " must be a date between " + Movie.MIN_YEAR + "-01-01 and "
                    + Movie.MAX_YEAR + "-12-31, was '" + Excerpt.of(value, 40) + "'");
        }
        return date;
    }

    /** true, false or absent (false); anything else is a 400. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw new BadRequestException(name + " must be true or false, was '" + Excerpt.of(value, 40) + "'");
    }
}
