package org.imdbetl.domain;

import java.util.List;

/**
 * One movie as it travels through the topic: the title.basics row joined with its title.ratings row.
 * Nullable fields are null where IMDb has {@code \N}; an unrated movie has null rating and votes.
 */
public record Movie(
        String tconst,
        String title,
        String originalTitle,
        Integer year,
        Integer runtimeMinutes,
        List<String> genres,
        Double averageRating,
        Long numVotes) {

    /** Earliest release year the service accepts, in the dumps and in queries. */
    public static final int MIN_YEAR = 1800;
    /** Latest release year the service accepts, in the dumps and in queries. */
    public static final int MAX_YEAR = 2200;

    public Movie {
        // Shared boxes and lists: a full store repeats them for every movie (see SharedValues).
        genres = SharedValues.genres(genres);
        year = SharedValues.integer(year);
        runtimeMinutes = SharedValues.integer(runtimeMinutes);
        averageRating = SharedValues.rating(averageRating);
        numVotes = SharedValues.votes(numVotes);
        if (originalTitle != null && originalTitle.equals(title)) {
            // Most titles are their own original title: keep one String, not two.
            originalTitle = title;
        }
    }

    public boolean rated() {
        return averageRating != null && numVotes != null;
    }
}
