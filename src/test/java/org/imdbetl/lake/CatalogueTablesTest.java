package org.imdbetl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.imdbetl.catalogue.TypeGenreCounts;
import org.imdbetl.domain.TitleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue's tables, read back with DuckDB as a user would, hold every field of every title. */
class CatalogueTablesTest {

    static {
        // Registered by loading it: DriverManager's own lookup runs once per JVM, with whatever class loader the
        // first caller had (a Quarkus test's, in the full suite), and may miss it.
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final TitleRecord MOVIE = new TitleRecord("tt0000001", "movie", "The Long Night", "La longue nuit",
            false, 1999, null, 121, List.of("Drama", "Mystery"), 7.5, 1_200L, null, null, null);
    private static final TitleRecord SERIES = new TitleRecord("tt0000002", "tvSeries", "Ōkami to Kōshinryō: 東京 «été»",
            null, false, 2001, 2005, 45, List.of("Drama"), 8.2, 5_000_000_000L, null, null, null);
    private static final TitleRecord PILOT = new TitleRecord("tt0000003", "tvEpisode", "Pilot", "Pilot",
            false, 2001, null, 44, List.of("Drama"), 7.9, 300L, "tt0000002", 1, 1);
    /** An episode IMDb gives no season or number, unrated, without genres. */
    private static final TitleRecord UNNUMBERED = new TitleRecord("tt0000004", "tvEpisode", "Behind the Scenes, \"Part\" 2",
            null, false, null, null, null, null, null, null, "tt0000002", null, null);
    /** An episode with a season but no number, of a series with a ten-digit tconst not in this catalogue. */
    private static final TitleRecord SEASON_ONLY = new TitleRecord("tt1234567890", "tvEpisode", "Special",
            null, false, 2024, null, 30, List.of("Comedy"), 6.0, 12L, "tt9876543210", 3, null);
    /** Adult, unrated, no genres. */
    private static final TitleRecord ADULT = new TitleRecord("tt12345678", "short", "Adult Short", null,
            true, 2020, null, 12, null, null, null, null, null, null);

    private static final List<TitleRecord> TITLES = List.of(MOVIE, SERIES, PILOT, UNNUMBERED, SEASON_ONLY, ADULT);

    /** Stands in for the weighted rating; refuses an unrated title, which must never be scored. */
    private static final ToDoubleFunction<TitleRecord> SCORE = title -> {
        if (!title.rated()) {
            throw new AssertionError("scored an unrated title: " + title.tconst());
        }
        return title.averageRating() - 0.25;
    };

    @TempDir
    Path dir;

    @Test
    void titlesTableHoldsEveryFieldOfEveryTitle() throws Exception {
        Path file = dir.resolve("parquet/titles/titles.parquet");

        long written = CatalogueTables.writeTitles(file, all(TITLES), SCORE, Map.of("imdb.test", "yes"));

        assertThat(written).isEqualTo(TITLES.size());
        assertThat(columns(file)).containsExactly(
                "tconst VARCHAR", "title_type VARCHAR", "primary_title VARCHAR", "original_title VARCHAR",
                "is_adult BOOLEAN", "start_year INTEGER", "end_year INTEGER", "runtime_minutes INTEGER",
                "genres VARCHAR[]", "average_rating DOUBLE", "num_votes BIGINT", "weighted_score DOUBLE",
                "parent_tconst VARCHAR", "season_number INTEGER", "episode_number INTEGER");
        List<List<Object>> expected = new ArrayList<>();
        for (TitleRecord t : TITLES) {
            expected.add(Arrays.asList(t.tconst(), t.titleType(), t.primaryTitle(), t.originalTitle(), t.adult(),
                    t.startYear(), t.endYear(), t.runtimeMinutes(), t.genres(), t.averageRating(), t.numVotes(),
                    t.rated() ? t.averageRating() - 0.25 : null, t.parentTconst(), t.seasonNumber(), t.episodeNumber()));
        }
        assertThat(rows("SELECT * FROM read_parquet('" + file + "')")).containsExactlyElementsOf(expected);
        // Spot checks of what the list above states only through TitleRecord's own accessors.
        assertThat(rows("SELECT original_title, genres, weighted_score FROM read_parquet('" + file + "') WHERE tconst = 'tt0000002'"))
                .containsExactly(Arrays.asList("Ōkami to Kōshinryō: 東京 «été»", List.of("Drama"), 8.2 - 0.25));
        assertThat(rows("SELECT is_adult, genres, average_rating, weighted_score FROM read_parquet('" + file
                + "') WHERE tconst = 'tt12345678'")).containsExactly(Arrays.asList(true, List.of(), null, null));
        assertThat(rows("SELECT decode(value) FROM parquet_kv_metadata('" + file + "') WHERE decode(key) = 'imdb.test'"))
                .containsExactly(List.of("yes"));
        assertThat(rows("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                .containsExactly(List.of("SNAPPY"));
        assertNoTempFiles();
    }

    @Test
    void episodesTableHoldsOnlyEpisodes() throws Exception {
        Path file = dir.resolve("parquet/episodes/episodes.parquet");

        long written = CatalogueTables.writeEpisodes(file, all(TITLES), Map.of());

        assertThat(written).isEqualTo(3);
        assertThat(columns(file)).containsExactly(
                "parent_tconst VARCHAR", "season_number INTEGER", "episode_number INTEGER", "tconst VARCHAR",
                "primary_title VARCHAR", "start_year INTEGER", "average_rating DOUBLE", "num_votes BIGINT");
        assertThat(rows("SELECT * FROM read_parquet('" + file + "')")).containsExactly(
                Arrays.asList("tt0000002", 1, 1, "tt0000003", "Pilot", 2001, 7.9, 300L),
                Arrays.asList("tt0000002", null, null, "tt0000004", "Behind the Scenes, \"Part\" 2", null, null, null),
                Arrays.asList("tt9876543210", 3, null, "tt1234567890", "Special", 2024, 6.0, 12L));
        assertNoTempFiles();
    }

    @Test
    void emptyCatalogueWritesEmptyTables() throws Exception {
        Path titles = dir.resolve("titles.parquet");
        Path episodes = dir.resolve("episodes.parquet");

        assertThat(CatalogueTables.writeTitles(titles, all(List.of()), SCORE, Map.of())).isZero();
        assertThat(CatalogueTables.writeEpisodes(episodes, all(List.of(MOVIE, SERIES)), Map.of())).isZero();

        assertThat(rows("SELECT count(*) FROM read_parquet('" + titles + "')")).containsExactly(List.of(0L));
        assertThat(rows("SELECT count(*) FROM read_parquet('" + episodes + "')")).containsExactly(List.of(0L));
    }

    @Test
    void theEpisodesQueryOfTheDocsListsTheBestRatedSeriesEpisodesInOrder() throws Exception {
        Path output = dir.resolve("data/output");
        CatalogueTables.writeTitles(output.resolve("parquet/titles/titles.parquet"), all(TITLES), SCORE, Map.of());
        CatalogueTables.writeEpisodes(output.resolve("parquet/episodes/episodes.parquet"), all(TITLES), Map.of());

        String query = docsQuery("WITH best AS (").replace("data/output", output.toString());

        assertThat(rows(query)).containsExactly(
                Arrays.asList(SERIES.primaryTitle(), 1, 1, "Pilot", 7.9, 300L),
                Arrays.asList(SERIES.primaryTitle(), null, null, UNNUMBERED.primaryTitle(), null, null));
    }

    @Test
    void typeGenreCountsSortedByTypeThenMostTitlesThenGenre() throws Exception {
        TypeGenreCounts counts = new TypeGenreCounts();
        TITLES.forEach(title -> counts.change(null, title));
        counts.change(null, new TitleRecord("tt0000005", "movie", "Another", null, false, null, null, null,
                List.of("Mystery", "Comedy"), null, null, null, null, null));
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        for (String type : List.of("movie", "tvSeries", "tvEpisode", "short", "videoGame")) {
            byType.put(type, counts.of(type));
        }
        Path parquet = dir.resolve("parquet/type_genre_counts/type_genre_counts.parquet");
        Path csv = dir.resolve("csv/type_genre_counts/type_genre_counts.csv");

        CatalogueTables.writeTypeGenreCountsParquet(parquet, byType, Map.of());
        CatalogueTables.writeTypeGenreCountsCsv(csv, byType);

        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo("""
                title_type,genre,title_count
                movie,Mystery,2
                movie,Comedy,1
                movie,Drama,1
                short,(unknown),1
                tvEpisode,(unknown),1
                tvEpisode,Comedy,1
                tvEpisode,Drama,1
                tvSeries,Drama,1
                """);
        assertThat(columns(parquet)).containsExactly("title_type VARCHAR", "genre VARCHAR", "title_count BIGINT");
        assertThat(rows("SELECT * FROM read_parquet('" + parquet + "')")).containsExactly(
                List.of("movie", "Mystery", 2L), List.of("movie", "Comedy", 1L), List.of("movie", "Drama", 1L),
                List.of("short", "(unknown)", 1L), List.of("tvEpisode", "(unknown)", 1L),
                List.of("tvEpisode", "Comedy", 1L), List.of("tvEpisode", "Drama", 1L), List.of("tvSeries", "Drama", 1L));
        assertNoTempFiles();
    }

    @Test
    void typeGenreCountsQuoteAsRfc4180() throws Exception {
        Path csv = dir.resolve("counts.csv");

        CatalogueTables.writeTypeGenreCountsCsv(csv, Map.of("tvSeries", Map.of("Talk, \"Show\"", 3L, "Drama", 0L)));

        assertThat(Files.readString(csv, StandardCharsets.UTF_8))
                .isEqualTo("title_type,genre,title_count\ntvSeries,\"Talk, \"\"Show\"\"\",3\n");
    }

    @Test
    void aFolderThatCannotBeWrittenFailsNamingTheFile() throws IOException {
        // A regular file where the folder should be: unwritable even for root, who ignores permissions.
        Path blocker = Files.writeString(dir.resolve("blocker"), "");
        Path titles = blocker.resolve("titles.parquet");
        Path episodes = blocker.resolve("episodes.parquet");
        Path parquet = blocker.resolve("type_genre_counts.parquet");
        Path csv = blocker.resolve("type_genre_counts.csv");

        assertThatThrownBy(() -> CatalogueTables.writeTitles(titles, all(TITLES), SCORE, Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining(titles.toString());
        assertThatThrownBy(() -> CatalogueTables.writeEpisodes(episodes, all(TITLES), Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining(episodes.toString());
        assertThatThrownBy(() -> CatalogueTables.writeTypeGenreCountsParquet(parquet, Map.of("movie", Map.of("Drama", 1L)), Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining(parquet.toString());
        assertThatThrownBy(() -> CatalogueTables.writeTypeGenreCountsCsv(csv, Map.of("movie", Map.of("Drama", 1L))))
                .isInstanceOf(IOException.class).hasMessageContaining(csv.toString());
        assertNoTempFiles();
    }

    @Test
    void aWalkThatFailsKeepsTheOldFileAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("parquet/titles/titles.parquet");
        CatalogueTables.writeTitles(file, all(List.of(MOVIE)), SCORE, Map.of());

        Consumer<Consumer<TitleRecord>> failing = sink -> {
            sink.accept(SERIES);
            throw new IllegalStateException("store closed");
        };
        assertThatThrownBy(() -> CatalogueTables.writeTitles(file, failing, SCORE, Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("store closed");

        assertThat(rows("SELECT tconst FROM read_parquet('" + file + "')")).containsExactly(List.of("tt0000001"));
        assertNoTempFiles();
    }

    @Test
    void rewritingReplacesTheFile() throws Exception {
        Path file = dir.resolve("episodes.parquet");
        CatalogueTables.writeEpisodes(file, all(TITLES), Map.of());

        CatalogueTables.writeEpisodes(file, all(List.of(PILOT)), Map.of());

        assertThat(rows("SELECT tconst FROM read_parquet('" + file + "')")).containsExactly(List.of("tt0000003"));
        assertNoTempFiles();
    }

    /** The statement of docs/lake.md that starts with {@code firstLine}, up to its semicolon. */
    private static String docsQuery(String firstLine) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/lake.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf(firstLine);
        assertThat(start).as("docs/lake.md has a line %s", firstLine).isNotNegative();
        StringBuilder query = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            query.append(line).append('\n');
            if (line.endsWith(";")) {
                break;
            }
        }
        return query.toString();
    }

    private static Consumer<Consumer<TitleRecord>> all(List<TitleRecord> titles) {
        return titles::forEach;
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"))
                    .noneMatch(name -> name.startsWith("."));
        }
    }

    private static List<String> columns(Path file) throws SQLException {
        return rows("DESCRIBE SELECT * FROM read_parquet('" + file + "')").stream()
                .map(row -> row.get(0) + " " + row.get(1)).toList();
    }

    /** Every row as a list of its values, in file order; a list column as a List. */
    private static List<List<Object>> rows(String sql) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof Array array ? List.of((Object[]) array.getArray()) : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
