package org.imdbetl.search;

import java.util.Objects;

/**
 * A title search: free text, at most {@code limit} hits, optional filters, and the cursor of the page
 * before ({@code after}, null for the first page). {@code genre} is null for all genres and spelled as
 * the store spells it; the year bounds are inclusive and null when open.
 */
public record SearchQuery(String text, int limit, String genre, Integer fromYear, Integer toYear, String after) {

    public static final int MAX_LIMIT = 1000;

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, limit, null, null, null, null);
    }

    /** The same search, from the position a previous page's {@code nextCursor} names. */
    public SearchQuery after(String cursor) {
        return new SearchQuery(text, limit, genre, fromYear, toYear, cursor);
    }

    boolean acceptsYear(int year) {
        if (fromYear == null && toYear == null) {
            return true;
        }
        return year != TitleDocuments.NO_YEAR && (fromYear == null || year >= fromYear) && (toYear == null || year <= toYear);
    }
}
