package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.source.DumpServer;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staying current, through the packaged service, a real broker and a local HTTP server: day 1, then
 * day 2 picked up by the schedule, a restart, day 3 while it was down; unchanged checks are 304s that
 * send nothing; a cut download deletes nothing; a mass deletion is held back until allowed; a reader
 * instance sees the deletions. Every expected answer is computed from the served files alone.
 */
class RefreshIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path SERVICE_LOG = Path.of("target/refresh-it.log").toAbsolutePath();
    private static final Path READER_LOG = Path.of("target/refresh-it-reader.log").toAbsolutePath();
    private static final double M = 3000;
    private static final double C = 6.5;
    private static final String TOKEN = "refresh-it-token";

    @TempDir
    Path root;

    @Test
    void followsTheDailyDumpsWithDeletionsThroughRestartsAndReaders() throws Exception {
        Path day1 = root.resolve("day1");
        DumpFactory.write(day1, 600);
        Path day2 = root.resolve("day2");
        List<String> goneOnDay2 = DayDumps.nextDay(day1, day2, 2, 50);
        Path day3 = root.resolve("day3");
        List<String> goneOnDay3 = DayDumps.nextDay(day2, day3, 3, 60);
        Path day4 = root.resolve("day4");
        List<String> goneOnDay4 = DayDumps.nextDay(day3, day4, 4, 3);
        int kafkaPort = EmbeddedKafkaResource.freePort();
        int port = EmbeddedKafkaResource.freePort();
        Path output = root.resolve("output");
        Files.createDirectories(root.resolve("writer"));
        Files.createDirectories(root.resolve("reader"));
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                "OUTPUT_DIR", output.toString(),
                "REFRESH_INTERVAL", "2s",
                "IMDB_REFRESH_MAX_RETRY_WAIT", "8s",
                "SNAPSHOT_INTERVAL", "1s",
                "ADMIN_TOKEN", TOKEN);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort,
                        EmbeddedKafkaResource.freePort(), root.resolve("kafka"));
                DumpServer server = new DumpServer()) {
            publish(server, day1, 1, false);
            Map<String, String> writerEnv = new LinkedHashMap<>(env);
            writerEnv.put("IMDB_SOURCE", server.baseUrl());
            try (ServiceProcess writer = ServiceProcess.start(root.resolve("writer"), SERVICE_LOG, port, writerEnv, List.of())) {
                writer.awaitUp();
                awaitDay(writer, day1);

                // Unchanged: every check is a 304, nothing is read or sent.
                long sent = writer.status().getLong("ingest.sent");
                long notModified = server.notModified();
                await("two unchanged checks").atMost(TIMEOUT).until(() -> server.notModified() >= notModified + 4);
                JsonPath unchanged = writer.status();
                assertThat(unchanged.getString("dataset.lastCheckOutcome")).isEqualTo("UNCHANGED");
                assertThat(unchanged.getString("dataset.lastCheck.'title.basics.tsv.gz'")).contains("304");
                assertThat(unchanged.getLong("ingest.sent")).isEqualTo(sent);
                assertThat(unchanged.getString("dataset.nextCheckAt")).isNotNull();
                // DumpServer dates day N at 2024-01-01T06:00Z plus N days.
                assertThat(unchanged.getString("dataset.asOf")).isEqualTo("2024-01-02T06:00:00Z");

                // A cut download of day 2: nothing deleted, the day-1 cache kept, the next check retries.
                publish(server, day2, 2, true);
                await("a failed refresh").atMost(TIMEOUT).until(() -> "FAILED".equals(writer.status().getString("ingest.state")));
                assertMovies(port, day1);

                // Day 2 with title.basics cut at 60% (a whole download of a truncated file): what was read is in,
                // nothing is deleted, the refresh says INCOMPLETE with the file and why, the last good refresh stays
                // visible, and the scheduled retries back off (after the failed refresh above, failures in a row).
                JsonPath good = writer.status();
                int before = server.downloads("title.basics.tsv.gz").size();
                publishTruncatedBasics(server, day2, 2);
                await("an incomplete refresh").atMost(TIMEOUT)
                        .until(() -> "INCOMPLETE".equals(writer.status().getString("ingest.state")));
                JsonPath incomplete = writer.status();
                assertThat(incomplete.getString("ingest.error")).contains("title.basics.tsv.gz", "TRUNCATED_FILE");
                assertThat(incomplete.getString("dataset.lastCheckOutcome")).isEqualTo("INCOMPLETE");
                assertThat(incomplete.getMap("dataset.lastRefresh")).isEqualTo(good.getMap("dataset.lastRefresh"));
                assertThat(incomplete.getString("dataset.asOf")).isEqualTo(good.getString("dataset.asOf"));
                assertThat(incomplete.getString("dataset.retryNotBefore")).isNotNull();
                await("three retries").atMost(TIMEOUT).until(() -> server.downloads("title.basics.tsv.gz").size() >= before + 4);
                List<Instant> tries = server.downloads("title.basics.tsv.gz").subList(before, before + 4);
                // Failures in a row wait 2, 4, then 8 s (IMDB_REFRESH_MAX_RETRY_WAIT) before the next scheduled try;
                // without the back-off every 2 s check would download again.
                assertThat(Duration.between(tries.get(2), tries.get(3))).as("the wait before the third retry")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
                goneOnDay2.forEach(tconst -> assertThat(get(port, "/movies/" + tconst).statusCode()).isEqualTo(200));


                // Day 2 in full: picked up by the schedule.
                publish(server, day2, 2, false);
                awaitDay(writer, day2);
                goneOnDay2.forEach(tconst -> assertThat(get(port, "/movies/" + tconst).statusCode()).isEqualTo(404));
                assertThat(writer.status().getLong("dataset.lastRefresh.removed")).isEqualTo(goneOnDay2.size());
                writer.stop();
            }

            // Day 3 is published while the service is down; a restart picks it up.
            publish(server, day3, 3, false);
            try (ServiceProcess writer = ServiceProcess.start(root.resolve("writer"), SERVICE_LOG, port, writerEnv, List.of())) {
                writer.awaitUp();
                awaitDay(writer, day3);
                goneOnDay3.forEach(tconst -> assertThat(get(port, "/movies/" + tconst).statusCode()).isEqualTo(404));
                await("the lake follows").atMost(TIMEOUT).untilAsserted(() -> assertLake(output, day3));

                // A reader started now sees the deletions: it rebuilds its store from the topic.
                int readerPort = EmbeddedKafkaResource.freePort();
                Map<String, String> readerEnv = new LinkedHashMap<>(env);
                readerEnv.put("IMDB_SOURCE", server.baseUrl());
                readerEnv.put("INGEST_ON_START", "false");
                readerEnv.put("REFRESH_INTERVAL", "off");
                readerEnv.put("SNAPSHOT_ENABLED", "false");
                readerEnv.put("OUTPUT_DIR", root.resolve("reader-output").toString());
                try (ServiceProcess reader = ServiceProcess.start(root.resolve("reader"), READER_LOG, readerPort, readerEnv,
                        List.of())) {
                    reader.awaitUp();
                    await("reader loaded").atMost(TIMEOUT).untilAsserted(() -> assertMovies(readerPort, day3));
                    goneOnDay3.forEach(tconst -> assertThat(get(readerPort, "/movies/" + tconst).statusCode()).isEqualTo(404));
                    assertThat(reader.status().getString("ingest.state")).isEqualTo("IDLE");
                }

                // Day 4 removes a third of the movies: upserts applied, deletions held back until allowed.
                publish(server, day4, 4, false);
                await("held back").atMost(TIMEOUT).until(() -> "HELD_BACK".equals(writer.status().getString("ingest.state")));
                JsonPath held = writer.status();
                assertThat(held.getLong("dataset.lastRefresh.heldBack")).isEqualTo(goneOnDay4.size());
                assertThat(held.getLong("store.movies")).isEqualTo(
                        SampleExpectations.compute(day4, M, C).movieCount() + goneOnDay4.size());
                RestAssured.given().port(port).header("Authorization", "Bearer " + TOKEN)
                        .post("/admin/ingest?allowDeletes=true").then().statusCode(202);
                awaitDay(writer, day4);
                assertThat(writer.status().getString("ingest.state")).isEqualTo("COMPLETED");
            }
        }
    }

    /** Serves a day's two files from now on; {@code cut}: every body stops halfway. */
    private static void publish(DumpServer server, Path day, int number, boolean cut) throws IOException {
        for (String file : List.of("title.basics.tsv.gz", "title.ratings.tsv.gz")) {
            byte[] body = Files.readAllBytes(day.resolve(file));
            if (cut) {
                server.serveCut(file, body, number);
            } else {
                server.serve(file, body, number);
            }
        }
    }

    /** Serves a day's files whole, but its title.basics cut at 60%: a truncated gzip, downloaded completely. */
    private static void publishTruncatedBasics(DumpServer server, Path day, int number) throws IOException {
        byte[] basics = Files.readAllBytes(day.resolve("title.basics.tsv.gz"));
        server.serve("title.basics.tsv.gz", java.util.Arrays.copyOf(basics, basics.length * 6 / 10), number);
        server.serve("title.ratings.tsv.gz", Files.readAllBytes(day.resolve("title.ratings.tsv.gz")), number);
    }

    /** Waits until the service answers exactly what the folder's files say, then checks every answer. */
    private static void awaitDay(ServiceProcess service, Path day) throws Exception {
        await("store holds " + day.getFileName()).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertMovies(service.port(), day));
    }

    private static void assertMovies(int port, Path day) throws Exception {
        SampleExpectations expected = SampleExpectations.compute(day, M, C);
        JsonPath status = RestAssured.given().port(port).get("/status").jsonPath();
        assertThat(status.getLong("store.movies")).isEqualTo(expected.movieCount());
        assertThat(status.getLong("store.rankingVersion")).isEqualTo(status.getLong("store.version"));
        assertThat(genres(port)).containsExactlyEntriesOf(expected.genreCounts());
        List<String> top = get(port, "/movies/top?limit=1000").jsonPath().getList("tconst", String.class);
        assertThat(top).containsExactlyElementsOf(expected.ranking().stream().map(Expected::tconst).toList());
        Expected best = expected.ranking().get(0);
        JsonPath movie = get(port, "/movies/" + best.tconst()).jsonPath();
        assertThat(movie.getLong("numVotes")).isEqualTo(best.votes());
        assertThat(movie.getDouble("averageRating")).isEqualTo(best.rating());
    }

    private static void assertLake(Path output, Path day) throws Exception {
        SampleExpectations expected = SampleExpectations.compute(day, M, C);
        LakeContents lake = LakeContents.read(output);
        List<String> scored = new ArrayList<>();
        lake.movieScores().forEach(row -> scored.add(row.substring(0, row.indexOf('|'))));
        assertThat(scored).containsExactlyInAnyOrderElementsOf(expected.movieIds());
        List<String> genres = new ArrayList<>();
        expected.genreCounts().forEach((genre, count) -> genres.add(genre + "|" + count + "|"));
        assertThat(lake.genreCounts()).containsExactlyElementsOf(genres);
        assertThat(lake.silverDeletes()).isPositive();
    }

    private static io.restassured.response.Response get(int port, String path) {
        return RestAssured.given().port(port).get(path);
    }

    private static Map<String, Long> genres(int port) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = get(port, "/genres").jsonPath().getList("");
        rows.forEach(row -> counts.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));
        return counts;
    }
}
