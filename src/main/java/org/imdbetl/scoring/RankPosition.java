package org.imdbetl.scoring;

/**
 * A position in the ranking order (score desc, votes desc, tconst asc): what a paging cursor names. It
 * stays meaningful when the store changes, unlike an offset: the next page starts after this position.
 */
public record RankPosition(double weightedScore, long numVotes, String tconst) {

    /** The position of a rated movie. */
    public static RankPosition of(ScoredMovie scored) {
        return new RankPosition(scored.weightedScore(), scored.movie().numVotes(), scored.tconst());
    }

    /** Negative when this position ranks before the movie, 0 at it, positive after it. */
    int compareTo(ScoredMovie scored) {
        int byScore = Double.compare(scored.weightedScore(), weightedScore);
        if (byScore != 0) {
            return byScore;
        }
        int byVotes = Long.compare(scored.movie().numVotes(), numVotes);
        return byVotes != 0 ? byVotes : tconst.compareTo(scored.tconst());
    }
}
