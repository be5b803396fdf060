package org.imdbetl.scoring;

/**
 * Size and scoring parameters of the store at one moment; {@code rankingVersion} is the store version
 * the ranking queries see was built from (it trails {@code version} by up to the rebuild interval);
 * {@code pinnedRankings} counts the superseded rankings still kept for cursors that walk them.
 */
public record StoreStats(long movies, long ratedMovies, double minVotesPrior, double globalMean,
        boolean globalMeanAuto, long version, long rankingVersion, int pinnedRankings) {
}
