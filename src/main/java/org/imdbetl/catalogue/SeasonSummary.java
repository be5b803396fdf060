package org.imdbetl.catalogue;

/** One numbered season of a series: its episodes, how many are rated, and their mean rating (null if none). */
public record SeasonSummary(int season, int episodes, int ratedEpisodes, Double averageRating) {
}
