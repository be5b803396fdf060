package org.imdbetl.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.imdbetl.domain.Movie;

/**
 * One movie as one refresh left it: the values the history and the movers are made of.
 *
 * @param asOf the dataset version of the refresh (the dump's date), not the time it was consumed;
 *             kept to the millisecond
 * @param averageRating null when unrated (or when the caller leaves a removal without values)
 * @param numVotes null when unrated
 * @param weightedScore the score under the C in use at the time; null when unrated
 */
public record HistoryPoint(Instant asOf, Event event, Double averageRating, Long numVotes, Double weightedScore) {

    /** What the refresh did to the movie. */
    public enum Event {
        NEW, CHANGED, REMOVED
    }

    public HistoryPoint {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(event, "event");
        // The store keeps milliseconds: say so at once rather than hand back a different instant.
        if (asOf.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("asOf must have millisecond precision, was " + asOf);
        }
    }

    /** The point for a movie with the weighted score the store gives it. */
    public static HistoryPoint of(Instant asOf, Event event, Movie movie, Double weightedScore) {
        return new HistoryPoint(asOf, event, movie.averageRating(), movie.numVotes(), weightedScore);
    }

    /**
     * What a refresh did to a movie, given the movie before it (null if unknown) and after it (null if
     * gone): empty when nothing the history tracks changed (rating, votes, genres, title, year).
     */
    public static Optional<Event> eventBetween(Movie before, Movie after) {
        if (before == null) {
            return after == null ? Optional.empty() : Optional.of(Event.NEW);
        }
        if (after == null) {
            return Optional.of(Event.REMOVED);
        }
        boolean same = Objects.equals(before.averageRating(), after.averageRating())
                && Objects.equals(before.numVotes(), after.numVotes())
                && before.genres().equals(after.genres())
                && Objects.equals(before.title(), after.title())
                && Objects.equals(before.year(), after.year());
        return same ? Optional.empty() : Optional.of(Event.CHANGED);
    }
}
