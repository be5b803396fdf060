package org.imdbetl.rest;

import java.util.List;
import org.imdbetl.domain.TitleRecord;

/** A title of any type as the API lists it; weightedScore is null for an unrated title. */
public record TitleView(String tconst, String titleType, String title, String originalTitle, Integer year, Integer endYear,
        Integer runtimeMinutes, List<String> genres, boolean isAdult, Double averageRating, Long numVotes,
        Double weightedScore) {

    public static TitleView from(TitleRecord t, Double weightedScore) {
        return new TitleView(t.tconst(), t.titleType(), t.primaryTitle(), t.originalTitle(), t.startYear(), t.endYear(),
                t.runtimeMinutes(), t.genres(), t.adult(), t.averageRating(), t.numVotes(), weightedScore);
    }
}
