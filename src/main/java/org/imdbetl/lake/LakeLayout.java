package org.imdbetl.lake;

import java.nio.file.Path;
import java.time.LocalDate;
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

    /** Hive-partitioned: one folder {@code as_of=YYYY-MM-DD} per refresh date (UTC). */
    public Path historyDir() {
        return root.resolve("parquet/movie_history");
    }

    public Path historyPart(LocalDate asOf) {
        return historyDir().resolve("as_of=" + asOf).resolve("part-0.parquet");
    }

    /** Which revision of each date's points the lake holds; a leading underscore keeps readers off it. */
    public Path historyWritten() {
        return historyDir().resolve("_written.properties");
    }

    /** Every title of every type (the catalogue). */
    public Path titlesParquet() {
        return root.resolve("parquet/titles/titles.parquet");
    }

    public Path episodesParquet() {
        return root.resolve("parquet/episodes/episodes.parquet");
    }

    public Path typeGenreCountsParquet() {
        return root.resolve("parquet/type_genre_counts/type_genre_counts.parquet");
    }

    public Path typeGenreCountsCsv() {
        return root.resolve("csv/type_genre_counts/type_genre_counts.csv");
    }

    /** The store with its offsets, for a quick restart; a leading underscore keeps readers off it. */
    public Path storeCheckpoint() {
        return root.resolve("_checkpoint/store.bin");
    }

    public List<Path> directories() {
        return List.of(silverDir(), genreCountsParquet().getParent(), genreCountsCsv().getParent(),
                movieScoresParquet().getParent(), topMoviesCsv().getParent(), historyDir(), storeCheckpoint().getParent(),
                titlesParquet().getParent(), episodesParquet().getParent(), typeGenreCountsParquet().getParent(),
                typeGenreCountsCsv().getParent());
    }
}
