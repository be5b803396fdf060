package org.imdbetl.scoring;

import java.util.List;

/**
 * A page of the ranking: the movies, the ranking they were read from, and whether the ranking the
 * query pinned was no longer kept ({@code pinExpired}), in which case the page was read from the
 * current ranking, after the query's position.
 */
public record TopPage(List<ScoredMovie> movies, RankingPin ranking, boolean pinExpired) {
}
