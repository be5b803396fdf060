package org.imdbetl.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How a series' episodes are listed: in season and episode order (the store's own order), or best first by one
 * measure (unrated last, then more votes, then tconst).
 */
public enum EpisodeOrder {
    EPISODE, SCORE, RATING, VOTES;

    /**
     * One page of the rows in this (best-first) order, starting after {@code after}'s place in it, so a page
     * boundary holds while ratings change.
     *
     * @param m the prior's m; @param c the prior's C for an episode
     */
    List<EpisodeRow> page(List<EpisodeRow> rows, EpisodeRow after, int limit, double m, double c) {
        if (this == EPISODE) {
            throw new IllegalStateException("episode order is the store's: walked, not sorted");
        }
        ToDoubleFunction<EpisodeRow> measure = switch (this) {
            case SCORE -> row -> row.averageRating() == null ? -1
                    : (row.numVotes() * row.averageRating() + m * c) / (row.numVotes() + m);
            case RATING -> row -> row.averageRating() == null ? -1 : row.averageRating();
            default -> row -> row.numVotes() == null ? -1 : row.numVotes();
        };
        Comparator<EpisodeRow> best = Comparator.comparingDouble(measure).reversed()
                .thenComparing(Comparator.comparingLong((EpisodeRow row) -> row.numVotes() == null ? -1 : row.numVotes()).reversed())
                .thenComparing(EpisodeRow::tconst);
        List<EpisodeRow> sorted = new ArrayList<>(rows);
        sorted.sort(best);
        int from = 0;
        if (after != null) {
            while (from < sorted.size() && best.compare(sorted.get(from), after) <= 0) {
                from++;
            }
        }
        return new ArrayList<>(sorted.subList(from, Math.min(sorted.size(), from + limit)));
    }
}
