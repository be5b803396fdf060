package org.imdbetl.lake;

import java.nio.file.Path;
import java.util.List;

/** Where each output lives under OUTPUT_DIR: the layout of the project this replaces. */
public record LakeLayout(Path root) {

    public Path silverDir() {
        return root.resolve("parquet/silver_movies");
    }

    public Path manifest() {
        return silverDir().resolve("_manifest.json");
    }

    public Path silverPart(long sequence) {
        return silverDir().resolve(String.format("part-%08d.parquet", sequence));
    }

    public Path genreCountsParquet() {
        return root.resolve("parquet/genre_counts/genre_counts.parquet");
    }

    public Path genreCountsCsv() {
        return root.resolve("csv/genre_counts/genre_counts.csv");
    }

    public Path movieScoresParquet() {
        return root.resolve("parquet/movie_scores/movie_scores.parquet");
    }

    public Path topMoviesCsv() {
        return root.resolve("csv/top_movies/top_movies.csv");
    }

    public List<Path> directories() {
        return List.of(silverDir(), genreCountsParquet().getParent(), genreCountsCsv().getParent(),
                movieScoresParquet().getParent(), topMoviesCsv().getParent());
    }
}
