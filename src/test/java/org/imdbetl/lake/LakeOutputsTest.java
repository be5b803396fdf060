package org.imdbetl.lake;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imdbetl.app.IngestJob;
import org.imdbetl.source.IngestState;
import org.imdbetl.state.ConsumerStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Parquet and CSV outputs, read back with DuckDB as a user would, agree with the API. */
@QuarkusTest
class LakeOutputsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    IngestJob ingest;

    @Inject
    LakeWriter snapshots;

    @Inject
    ConsumerStats consumer;

    @ConfigProperty(name = "imdb.snapshot.output-dir")
    String outputDir;

    private LakeLayout layout;

    @BeforeEach
    void snapshotAfterIngest() {
        await().atMost(TIMEOUT).until(() -> ingest.progress().state() == IngestState.COMPLETED
                && get("/status").jsonPath().getBoolean("consumer.storeLoaded")
                // The API's ranking is rebuilt off the request path and trails the store briefly.
                && get("/status").jsonPath().getLong("store.rankingVersion") == get("/status").jsonPath().getLong("store.version"));
        snapshots.snapshot("test", true);
        layout = new LakeLayout(java.nio.file.Path.of(outputDir));
    }

    @Test
    void genreCountsEqualTheApi() throws SQLException {
        Map<String, Long> api = new LinkedHashMap<>();
        List<Map<String, Object>> rows = get("/genres").jsonPath().getList("");
        rows.forEach(row -> api.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));

        assertThat(genreCounts("read_parquet('" + layout.genreCountsParquet() + "')")).containsExactlyEntriesOf(api);
        assertThat(genreCounts("read_csv('" + layout.genreCountsCsv() + "', header = true)")).containsExactlyEntriesOf(api);
    }

    @Test
    void movieScoresTopRowsEqualTheApi() throws SQLException {
        List<String> api = get("/movies/top?limit=100").jsonPath().getList("tconst", String.class);

        List<String> lake = strings("SELECT tconst FROM read_parquet('" + layout.movieScoresParquet() + "')"
                + " WHERE weighted_score IS NOT NULL ORDER BY weighted_score DESC, num_votes DESC, tconst LIMIT 100");
        List<String> csv = strings("SELECT tconst FROM read_csv('" + layout.topMoviesCsv() + "', header = true)"
                + " ORDER BY rank LIMIT 100");

        assertThat(lake).isEqualTo(api);
        assertThat(csv).isEqualTo(api);
        assertThat(count("SELECT count(*) FROM read_parquet('" + layout.movieScoresParquet() + "')"))
                .isEqualTo(get("/status").jsonPath().getLong("store.movies"));
    }

    @Test
    void silverPartsHoldEveryConsumedRecordExactlyOnce() throws SQLException {
        String silver = "read_parquet('" + layout.silverDir() + "/*.parquet')";

        long rows = count("SELECT count(*) FROM " + silver);
        long distinct = count("SELECT count(*) FROM (SELECT DISTINCT kafka_partition, kafka_offset FROM " + silver + ")");

        assertThat(rows).isEqualTo(distinct).isEqualTo(consumer.consumed());
    }

    @Test
    void columnsHaveTheTypesAnalystsExpect() throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + layout.silverDir() + "/*.parquet')")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }

        assertThat(types).containsEntry("tconst", "VARCHAR")
                .containsEntry("genres", "VARCHAR[]")
                .containsEntry("year", "INTEGER")
                .containsEntry("runtime_minutes", "INTEGER")
                .containsEntry("num_votes", "BIGINT")
                .containsEntry("average_rating", "DOUBLE")
                .containsEntry("weighted_score", "DOUBLE")
                .containsEntry("kafka_partition", "INTEGER")
                .containsEntry("kafka_offset", "BIGINT")
                .containsKey("consumed_at");
    }

    private static Map<String, Long> genreCounts(String table) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery("SELECT genre, movie_count FROM " + table
                        + " ORDER BY movie_count DESC, genre")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(String sql) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
