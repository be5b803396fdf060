package org.imdbetl.domain;

import java.util.List;

/**
 * One title as it travels through the catalogue topic: its title.basics row, its title.ratings row and,
 * for an episode, its title.episode row. Nullable fields are null where IMDb has {@code \N} (or no row);
 * the original title is the primary title when IMDb gives none.
 */
public record TitleRecord(
        String tconst,
        String titleType,
        String primaryTitle,
        String originalTitle,
        boolean adult,
        Integer startYear,
        Integer endYear,
        Integer runtimeMinutes,
        List<String> genres,
        Double averageRating,
        Long numVotes,
        String parentTconst,
        Integer seasonNumber,
        Integer episodeNumber) {

    public TitleRecord {
        genres = genres == null ? List.of() : List.copyOf(genres);
        if (originalTitle == null || originalTitle.equals(primaryTitle)) {
            // Most titles are their own original title: one String, and one encoding of "the same".
            originalTitle = primaryTitle;
        }
    }

    public boolean rated() {
        return averageRating != null && numVotes != null;
    }

    public boolean episode() {
        return parentTconst != null;
    }
}
