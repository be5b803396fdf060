package org.imdbetl.scoring;

/**
 * IMDb's Bayesian weighted rating: {@code WR = v/(v+m)·R + m/(v+m)·C}. A movie with few votes is
 * pulled towards the global mean C; m is the number of votes at which its own rating counts half.
 */
final class WeightedRating {

    private WeightedRating() {
    }

    public static double of(double averageRating, long numVotes, double minVotesPrior, double globalMean) {
        double votes = numVotes;
        double total = votes + minVotesPrior;
        if (total <= 0) {
            return globalMean;
        }
        // (v·R + m·C)/(v+m): the same value with one rounding step fewer, so equal inputs tie exactly.
        return (votes * averageRating + minVotesPrior * globalMean) / total;
    }
}
