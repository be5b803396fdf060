package org.imdbetl.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.imdbetl.catalogue.CatalogueStore;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.catalogue.SeasonSummary;
import org.imdbetl.domain.TitleRecord;

/**
 * One title of any type: its rank and genre ranks among the rated titles of its type, the terms of its score
 * (absent when unrated or with {@code ?explain=false}); an episode names its series, season and episode; a
 * series has its episode count and numbered seasons.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TitleDetailView(String tconst, String titleType, String title, String originalTitle, Integer year,
        Integer endYear, Integer runtimeMinutes, List<String> genres, boolean isAdult, Double averageRating, Long numVotes,
        Double weightedScore, Integer rank, Map<String, Integer> genreRanks, MovieDetailView.Explain explain,
        SeriesRef series, Integer season, Integer episode, Long episodeCount, List<SeasonView> seasons) {

    /** The series an episode belongs to; {@code title} is null when the catalogue does not hold it. */
    public record SeriesRef(String tconst, String title) {
    }

    /** A numbered season: its episodes, how many are rated, and their mean rating. */
    public record SeasonView(int season, int episodes, int ratedEpisodes, Double averageRating) {

        static SeasonView from(SeasonSummary s) {
            return new SeasonView(s.season(), s.episodes(), s.ratedEpisodes(), s.averageRating());
        }
    }

    /**
     * @param ranks null when not asked for or the title is unrated
     * @param explainWith the prior whose terms explain the score (C resolved), or null for none
     * @param series the episode's series, or null
     * @param seasons the series' seasons, or null for a title that has no episodes and is not a series
     */
    static TitleDetailView from(TitleRecord t, Double weightedScore, RatedTitles.Ranks ranks, double[] explainWith,
            SeriesRef series, CatalogueStore.Seasons seasons) {
        MovieDetailView.Explain explain = null;
        if (explainWith != null && t.rated()) {
            double v = t.numVotes();
            double m = explainWith[0];
            explain = new MovieDetailView.Explain(t.averageRating(), t.numVotes(), m, explainWith[1], v / (v + m), m / (v + m));
        }
        return new TitleDetailView(t.tconst(), t.titleType(), t.primaryTitle(), t.originalTitle(), t.startYear(), t.endYear(),
                t.runtimeMinutes(), t.genres(), t.adult(), t.averageRating(), t.numVotes(), weightedScore,
                ranks == null ? null : ranks.overall(), ranks == null ? null : ranks.byGenre(), explain, series,
                t.episode() ? t.seasonNumber() : null, t.episode() ? t.episodeNumber() : null,
                seasons == null ? null : seasons.episodeCount(),
                seasons == null ? null : seasons.seasons().stream().map(SeasonView::from).toList());
    }
}
