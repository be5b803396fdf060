package org.imdbetl.state;

/** Size and scoring parameters of the store at one moment. */
public record StoreStats(long movies, long ratedMovies, double minVotesPrior, double globalMean,
        boolean globalMeanAuto, long version) {
}
