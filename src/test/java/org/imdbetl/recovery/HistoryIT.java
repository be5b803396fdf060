package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.imdbetl.source.DumpServer;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rating history as a user meets it, through the packaged service, a real broker and a local HTTP
 * server with REFRESH_INTERVAL=5s: three days, a SIGKILL in the middle of day 3's refresh, a restart,
 * and a reader started after day 3. Every instance's {@code /movies/{id}/history} of every movie ever
 * seen, {@code /movies/movers} and the lake's {@code movie_history} must equal what the three served
 * dumps say, computed here from the files alone: no point missing, none twice.
 */
class HistoryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path WRITER_LOG = Path.of("target/history-it.log").toAbsolutePath();
    private static final Path READER_LOG = Path.of("target/history-it-reader.log").toAbsolutePath();
    private static final double M = 3000;
    private static final double C = 6.5;
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @TempDir
    Path root;

    @Test
    void keepsEveryChangeOnceThroughACrashAndOnEveryInstance() throws Exception {
        List<Path> days = new ArrayList<>();
        days.add(root.resolve("day1"));
        DumpFactory.write(days.get(0), 600);
        for (int day = 2; day <= 3; day++) {
            days.add(root.resolve("day" + day));
            DayDumps.nextDay(days.get(day - 2), days.get(day - 1), day, 60);
        }
        Map<String, List<Point>> expected = expectedHistory(days);
        int kafkaPort = EmbeddedKafkaResource.freePort();
        int port = EmbeddedKafkaResource.freePort();
        Path output = root.resolve("output");
        Files.createDirectories(root.resolve("writer"));
        Files.createDirectories(root.resolve("reader"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort,
                        EmbeddedKafkaResource.freePort(), root.resolve("kafka"));
                DumpServer server = new DumpServer()) {
            Map<String, String> env = new LinkedHashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                    "IMDB_SOURCE", server.baseUrl(),
                    "OUTPUT_DIR", output.toString(),
                    "REFRESH_INTERVAL", "5s",
                    "SNAPSHOT_INTERVAL", "1s"));
            publish(server, days, 1);
            try (ServiceProcess writer = ServiceProcess.start(root.resolve("writer"), WRITER_LOG, port, env, List.of())) {
                writer.awaitUp();
                awaitRefreshes(port, 1, pointsUpTo(expected, days, 1));
                publish(server, days, 2);
                awaitRefreshes(port, 2, pointsUpTo(expected, days, 2));
                assertMovers(port, expected, days, 2);
                writer.stop();
            }

            // Day 3 read slowly, in chunks of ten, and the service killed while it sends.
            publish(server, days, 3);
            Map<String, String> slow = new LinkedHashMap<>(env);
            slow.put("MSGS_PER_SEC", "20");
            try (ServiceProcess writer = ServiceProcess.start(root.resolve("writer"), WRITER_LOG, port, slow,
                    List.of("-Dimdb.history.send-chunk=10"))) {
                writer.awaitUp();
                await("day 3 half sent").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                    JsonPath status = writer.status();
                    return "RUNNING".equals(status.getString("ingest.state")) && status.getLong("ingest.sent") >= 25;
                });
                writer.kill();
            }

            try (ServiceProcess writer = ServiceProcess.start(root.resolve("writer"), WRITER_LOG, port, env, List.of())) {
                writer.awaitUp();
                awaitRefreshes(port, 3, pointsUpTo(expected, days, 3));
                assertEveryHistory(port, expected);
                assertMovers(port, expected, days, 3);
                await("the lake holds every point").atMost(TIMEOUT).untilAsserted(() -> assertLake(output, expected));

                // A reader started after day 3 rebuilds the same history from the history topic alone.
                int readerPort = EmbeddedKafkaResource.freePort();
                Map<String, String> readerEnv = new LinkedHashMap<>(env);
                readerEnv.put("INGEST_ON_START", "false");
                readerEnv.put("REFRESH_INTERVAL", "off");
                readerEnv.put("SNAPSHOT_ENABLED", "false");
                readerEnv.put("OUTPUT_DIR", root.resolve("reader-output").toString());
                try (ServiceProcess reader = ServiceProcess.start(root.resolve("reader"), READER_LOG, readerPort, readerEnv,
                        List.of())) {
                    reader.awaitUp();
                    awaitRefreshes(readerPort, 3, pointsUpTo(expected, days, 3));
                    assertEveryHistory(readerPort, expected);
                    assertMovers(readerPort, expected, days, 3);
                }
            }
        }
    }

    /** One expected point: the values as the day's files have them. */
    private record Point(String asOf, String event, Double rating, Long votes) {
    }

    /** A movie as a day's files have it: the fields a history point follows. */
    private record Row(String title, String year, String genres, Double rating, Long votes) {

        Double votesValue() {
            return votes == null ? null : votes.doubleValue();
        }

        Double score() {
            return rating == null ? null : (votes * rating + M * C) / (votes + M);
        }
    }

    /** DumpServer dates day N at 2024-01-01T06:00Z plus N days; both files of a day alike. */
    private static String asOf(int day) {
        return Instant.parse("2024-01-01T06:00:00Z").plusSeconds(86_400L * day).toString();
    }

    /** Per movie ever seen, its points, straight from the definition: NEW, CHANGED, REMOVED between days. */
    private static Map<String, List<Point>> expectedHistory(List<Path> days) throws IOException {
        Map<String, List<Point>> history = new TreeMap<>();
        Map<String, Row> before = Map.of();
        for (int day = 1; day <= days.size(); day++) {
            Map<String, Row> now = movies(days.get(day - 1));
            for (Map.Entry<String, Row> movie : now.entrySet()) {
                Row old = before.get(movie.getKey());
                Row row = movie.getValue();
                if (old == null || !old.equals(row)) {
                    history.computeIfAbsent(movie.getKey(), t -> new ArrayList<>())
                            .add(new Point(asOf(day), old == null ? "NEW" : "CHANGED", row.rating(), row.votes()));
                }
            }
            for (String gone : before.keySet()) {
                if (!now.containsKey(gone)) {
                    history.get(gone).add(new Point(asOf(day), "REMOVED", null, null));
                }
            }
            before = now;
        }
        return history;
    }

    private static Map<String, Row> movies(Path day) throws IOException {
        Map<String, double[]> ratings = new TreeMap<>();
        for (String[] row : rows(day.resolve("title.ratings.tsv.gz"))) {
            ratings.put(row[0], new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])});
        }
        Map<String, Row> movies = new TreeMap<>();
        for (String[] row : rows(day.resolve("title.basics.tsv.gz"))) {
            if (row[1].equals("movie")) {
                double[] rating = ratings.get(row[0]);
                movies.put(row[0], new Row(row[2], row[5], row[8], rating == null ? null : rating[0],
                        rating == null ? null : (long) rating[1]));
            }
        }
        return movies;
    }

    private static List<String[]> rows(Path gz) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(line -> line.split("\t", -1)).toList();
        }
    }

    private static long pointsUpTo(Map<String, List<Point>> expected, List<Path> days, int day) {
        String last = asOf(day);
        return expected.values().stream().flatMap(List::stream).filter(p -> p.asOf().compareTo(last) <= 0).count();
    }

    private static void publish(DumpServer server, List<Path> days, int day) throws IOException {
        for (String file : List.of("title.basics.tsv.gz", "title.ratings.tsv.gz")) {
            server.serve(file, Files.readAllBytes(days.get(day - 1).resolve(file)), day);
        }
    }

    /** Waits until the instance's history holds the day's refresh and as many points as the files make. */
    private static void awaitRefreshes(int port, int refreshes, long points) {
        await("history of " + refreshes + " refreshes on :" + port).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath status = RestAssured.given().port(port).get("/status").jsonPath();
                    assertThat(status.getInt("history.refreshes")).isEqualTo(refreshes);
                    assertThat(status.getString("history.latestAsOf")).isEqualTo(asOf(refreshes));
                    long stored = 0;
                    for (Object offset : status.getMap("history.offsets").values()) {
                        stored += ((Number) offset).longValue();
                    }
                    // Offsets count records, re-sent ones too: at least one per point.
                    assertThat(stored).isGreaterThanOrEqualTo(points);
                    assertThat(status.getString("ingest.state")).isNotEqualTo("RUNNING");
                });
    }

    private static void assertEveryHistory(int port, Map<String, List<Point>> expected) {
        for (Map.Entry<String, List<Point>> movie : expected.entrySet()) {
            List<Map<String, Object>> points = RestAssured.given().port(port).get("/movies/" + movie.getKey() + "/history")
                    .then().statusCode(200).extract().jsonPath().using(DOUBLES).getList("");
            List<Point> actual = points.stream().map(p -> new Point((String) p.get("asOf"), (String) p.get("event"),
                    (Double) p.get("averageRating"), p.get("numVotes") == null ? null : ((Number) p.get("numVotes")).longValue()))
                    .toList();
            assertThat(actual).as("history of %s", movie.getKey()).containsExactlyElementsOf(movie.getValue());
            for (Map<String, Object> point : points) {
                if (point.get("averageRating") != null) {
                    double v = ((Number) point.get("numVotes")).doubleValue();
                    double expectedScore = (v * (Double) point.get("averageRating") + M * C) / (v + M);
                    assertThat((Double) point.get("weightedScore")).isCloseTo(expectedScore, within(1e-9));
                }
            }
        }
    }

    /**
     * Votes risers since the refresh before the latest; rating risers and score fallers since the first
     * day: all of them (at most 100), in order, with their deltas.
     */
    private static void assertMovers(int port, Map<String, List<Point>> expected, List<Path> days, int latest)
            throws IOException {
        Map<String, Row> now = movies(days.get(latest - 1));
        Map<String, Row> previous = movies(days.get(latest - 2));
        Map<String, Row> first = movies(days.get(0));
        String since = asOf(1).substring(0, 10);
        assertMovers(port, "by=votes&limit=100", moves(previous, now, Row::votesValue, true));
        assertMovers(port, "by=rating&limit=100&since=" + since, moves(first, now, Row::rating, true));
        List<Move> fallers = moves(first, now, Row::score, false);
        assertThat(fallers).isNotEmpty();
        assertMovers(port, "by=score&direction=down&limit=100&since=" + since, fallers);
        assertThat(expected).isNotEmpty();
    }

    private static void assertMovers(int port, String query, List<Move> expected) {
        List<Map<String, Object>> found = RestAssured.given().port(port).get("/movies/movers?" + query).then().statusCode(200)
                .extract().jsonPath().using(DOUBLES).getList("");
        assertThat(found.stream().map(m -> (String) m.get("tconst")).toList()).as(query)
                .containsExactlyElementsOf(expected.stream().map(Move::tconst).toList());
        for (int i = 0; i < found.size(); i++) {
            assertThat(((Number) found.get(i).get("delta")).doubleValue()).as(query + " delta of " + expected.get(i).tconst())
                    .isCloseTo(expected.get(i).delta(), within(1e-6));
        }
    }

    private record Move(String tconst, double delta) {
    }

    /** Movies rated in both, whose value rose (up) or fell, biggest move first, ties by tconst; at most 100. */
    private static List<Move> moves(Map<String, Row> from, Map<String, Row> to, Function<Row, Double> value,
            boolean up) {
        List<Move> moves = new ArrayList<>();
        for (Map.Entry<String, Row> movie : to.entrySet()) {
            Row before = from.get(movie.getKey());
            Row after = movie.getValue();
            if (before == null || before.rating() == null || after.rating() == null) {
                continue;
            }
            double delta = value.apply(after) - value.apply(before);
            if (up ? delta > 0 : delta < 0) {
                moves.add(new Move(movie.getKey(), delta));
            }
        }
        Comparator<Move> order = Comparator.comparingDouble(Move::delta);
        moves.sort((up ? order.reversed() : order).thenComparing(Move::tconst));
        return moves.stream().limit(100).toList();
    }

    /** One file per refresh date, hive-partitioned as DuckDB reads it, each point once. */
    private static void assertLake(Path output, Map<String, List<Point>> expected) throws SQLException {
        Map<String, Long> perDate = new TreeMap<>();
        expected.values().stream().flatMap(List::stream)
                .forEach(p -> perDate.merge(p.asOf().substring(0, 10), 1L, Long::sum));
        String table = "read_parquet('" + output.resolve("parquet/movie_history") + "/*/*.parquet', hive_partitioning=true)";
        Map<String, Long> found = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>();
        long rows = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery("SELECT CAST(as_of AS VARCHAR), tconst, event, num_votes FROM "
                        + table)) {
            while (result.next()) {
                found.merge(result.getString(1), 1L, Long::sum);
                keys.add(result.getString(2) + "@" + result.getString(1));
                rows++;
            }
        }
        assertThat(found).isEqualTo(perDate);
        assertThat(keys).hasSize((int) rows);
        assertThat(Arrays.asList(Objects.requireNonNull(output.resolve("parquet/movie_history").toFile().list())))
                .contains("as_of=2024-01-02", "as_of=2024-01-03", "as_of=2024-01-04");
    }
}
