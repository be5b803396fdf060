package org.imdbetl.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.imdbetl.lake.LakeLayout;

/** Everything a user would read from the outputs, minus consume times, as comparable rows. */
record LakeContents(List<String> silver, long distinctSilverOffsets, List<String> genreCounts,
        List<String> movieScores, String genreCountsCsv, String topMoviesCsv, long silverDeletes) {

    private static final String MOVIE_COLUMNS = "tconst, title, original_title, year, runtime_minutes, genres,"
            + " average_rating, num_votes, weighted_score";

    static LakeContents read(Path outputDir) throws SQLException, IOException {
        LakeLayout layout = new LakeLayout(outputDir);
        String silver = "read_parquet('" + layout.silverDir() + "/*.parquet')";
        return new LakeContents(
                rows("SELECT " + MOVIE_COLUMNS + ", kafka_partition, kafka_offset, op FROM " + silver
                        + " ORDER BY kafka_partition, kafka_offset"),
                Long.parseLong(rows("SELECT count(*) FROM (SELECT DISTINCT kafka_partition, kafka_offset FROM "
                        + silver + ")").get(0).replace("|", "")),
                rows("SELECT genre, movie_count FROM read_parquet('" + layout.genreCountsParquet() + "')"),
                rows("SELECT " + MOVIE_COLUMNS + " FROM read_parquet('" + layout.movieScoresParquet() + "')"),
                Files.readString(layout.genreCountsCsv()),
                Files.readString(layout.topMoviesCsv()),
                Long.parseLong(rows("SELECT count(*) FROM read_parquet('" + layout.silverDir()
                        + "/*.parquet', union_by_name = true) WHERE op = 'DELETE'").get(0).replace("|", "")));
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
