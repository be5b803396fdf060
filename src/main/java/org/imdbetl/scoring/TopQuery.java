package org.imdbetl.scoring;

/**
 * A top-N request, already validated. {@code genre} is null for all genres; the year bounds are
 * inclusive and null when open; {@code after}, when set, starts the answer after that position.
 */
public record TopQuery(int limit, String genre, long minVotes, Integer fromYear, Integer toYear, RankPosition after) {

    public static TopQuery of(int limit) {
        return new TopQuery(limit, null, 0, null, null, null);
    }

    boolean accepts(ScoredMovie scored) {
        if (scored.movie().numVotes() < minVotes) {
            return false;
        }
        if (fromYear == null && toYear == null) {
            return true;
        }
        Integer year = scored.movie().year();
        return year != null && (fromYear == null || year >= fromYear) && (toYear == null || year <= toYear);
    }
}
