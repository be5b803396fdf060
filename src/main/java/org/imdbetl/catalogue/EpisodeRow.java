package org.imdbetl.catalogue;

/**
 * One episode of a series as the episodes family keeps it: its numbers and rating, and its position
 * (the store key), from which the next page starts.
 */
public record EpisodeRow(String tconst, Integer season, Integer episode, Double averageRating, Long numVotes,
                         byte[] position) {
}
