package org.imdbetl.rest;

import org.imdbetl.history.HistoryPoint;

/**
 * One refresh's values of a movie. {@code asOf} is the dataset version of the refresh (the dumps'
 * Last-Modified), not when it was consumed; the values are null for REMOVED and for an unrated movie.
 */
public record HistoryPointView(String asOf, String event, Double averageRating, Long numVotes, Double weightedScore) {

    public static HistoryPointView from(HistoryPoint point) {
        return new HistoryPointView(point.asOf().toString(), point.event().name(), point.averageRating(), point.numVotes(),
                point.weightedScore());
    }
}
