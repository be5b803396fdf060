package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import org.imdbetl.domain.Text;

/** Parses query parameters by hand so a malformed value is a 400 with a reason, never a 404 or 500. */
final class QueryParams {

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
            throw new BadRequestException(name + " must be a whole number, was '" + Text.abbreviate(value, 40) + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }


    /** true, false or absent (false); anything else is a 400. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw new BadRequestException(name + " must be true or false, was '" + Text.abbreviate(value, 40) + "'");
    }
}
