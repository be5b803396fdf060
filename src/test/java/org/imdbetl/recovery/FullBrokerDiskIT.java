package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's disk fills up during a refresh. Kafka then takes its log dir offline and would halt
 * the JVM: the service must go on serving what its store holds, say in {@code /status}, readiness and the
 * log that the broker stopped and why, refuse refreshes, and after the space is freed, restart with nothing
 * lost. The broker's log lives on a small tmpfs of its own, which needs {@code mount} (root); where that is
 * not possible the test is skipped, unless {@code -Dfulldisk.required=true} (CI) makes it fail.
 */
class FullBrokerDiskIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Path SERVICE_LOG = Path.of("target/full-broker-disk-it.log");
    private static final String TOKEN = "full-disk-token";
    private static final double M = 3000;
    private static final double C = 6.5;

    @TempDir
    Path root;

    private Path disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            run("umount", "-l", disk.toString());
        }
    }

    /** Exit code of the command, or -1 where it cannot start (no such program): both read as "not possible here". */
    private static int run(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aFullBrokerDiskStopsTheBrokerNotTheServiceAndLosesNothing() throws Exception {
        Files.deleteIfExists(SERVICE_LOG);
        Path mountPoint = Files.createDirectories(root.resolve("kafka-disk"));
        int mounted = run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mountPoint.toString());
        boolean required = Boolean.getBoolean("fulldisk.required");
        assumeTrue(mounted == 0 || required, "a small tmpfs for the broker's log needs mount (root); skipped without it");
        assertThat(mounted).as("mount -t tmpfs (run as root)").isZero();
        disk = mountPoint;

        Path source = Files.createDirectories(root.resolve("source"));
        for (String file : List.of("title.basics.tsv.gz", "title.ratings.tsv.gz")) {
            Files.copy(SampleExpectations.SAMPLE_DIR.resolve(file), source.resolve(file));
        }
        SampleExpectations dayOne = SampleExpectations.compute(source, M, C);
        int port = EmbeddedKafkaResource.freePort();
        Map<String, String> env = Map.of("IMDB_SOURCE", source.toString(), "ADMIN_TOKEN", TOKEN,
                "OUTPUT_DIR", root.resolve("output").toString(), "HISTORY_DIR", root.resolve("history").toString(),
                "IMDB_REFRESH_MIN_FREE_DISK", "0", "REFRESH_INTERVAL", "off");
        List<String> broker = List.of("-Dimdb.kafka.embedded.port=" + EmbeddedKafkaResource.freePort(),
                "-Dimdb.kafka.embedded.controller-port=" + EmbeddedKafkaResource.freePort(),
                "-Dimdb.kafka.embedded.log-dir=" + disk.resolve("kafka"));
        try (ServiceProcess service = ServiceProcess.start(root, SERVICE_LOG, port, env, broker)) {
            service.awaitUp();
            await("day one ingested").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> "COMPLETED".equals(service.status().getString("ingest.state"))
                            && service.status().getLong("store.movies") == dayOne.movieCount());
            List<String> top = top(port);
            assertThat(top).containsExactlyElementsOf(tconsts(dayOne));

            // Day two re-rates every movie, and the broker's disk is full when it is sent.
            doubleEveryVoteCount(source);
            fill(disk);
            RestAssured.given().port(port).header("Authorization", "Bearer " + TOKEN).post("/admin/ingest")
                    .then().statusCode(202);
            await("the broker stopped").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.status().getString("kafka.brokerStopped") != null);

            assertThat(service.alive()).as("the JVM goes on").isTrue();
            assertThat(top(port)).as("reads are served from the store").containsExactlyElementsOf(top);
            JsonPath ready = RestAssured.given().port(port).get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("checks.find { it.name == 'kafka' }.data.brokerStopped")).isNotBlank();
            assertThat(Files.readString(SERVICE_LOG)).contains("the embedded broker stopped");
            await("the refresh gives up").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> "FAILED".equals(service.status().getString("ingest.state")));
            RestAssured.given().port(port).header("Authorization", "Bearer " + TOKEN).post("/admin/ingest?force=true")
                    .then().statusCode(202);
            await("a refresh is refused").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> String.valueOf(service.status().getString("ingest.error")).contains("embedded Kafka broker stopped"));
            assertThat(service.stopWithin(Duration.ofMinutes(1))).as("SIGTERM stops it, broker stopped or not").isNotNull();
        }

        // Space freed, a restart: day two arrives whole, nothing of day one is lost.
        Files.delete(disk.resolve("filler"));
        SampleExpectations dayTwo = SampleExpectations.compute(source, M, C);
        try (ServiceProcess service = ServiceProcess.start(root, SERVICE_LOG, port, env, broker)) {
            service.awaitUp();
            await("day two ingested after the restart").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> "COMPLETED".equals(service.status().getString("ingest.state"))
                            && service.status().getBoolean("consumer.storeLoaded")
                            && top(port).equals(tconsts(dayTwo)));
            JsonPath status = service.status();
            assertThat(status.getLong("store.movies")).isEqualTo(dayTwo.movieCount());
            assertThat(status.getString("kafka.brokerStopped")).isNull();
            SampleExpectations.Expected best = dayTwo.ranking().get(0);
            assertThat(RestAssured.given().port(port).get("/movies/" + best.tconst()).jsonPath().getLong("numVotes"))
                    .isEqualTo(best.votes());
            service.stopWithin(Duration.ofMinutes(1));
        }
    }

    private static List<String> top(int port) {
        return RestAssured.given().port(port).get("/movies/top?limit=1000").then().statusCode(200).extract().jsonPath()
                .getList("tconst", String.class);
    }

    private static List<String> tconsts(SampleExpectations expected) {
        return expected.ranking().stream().map(SampleExpectations.Expected::tconst).toList();
    }

    /** Writes zeros into the disk until it is full. */
    private static void fill(Path disk) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on device: what the test wants.
        }
    }

    private static void doubleEveryVoteCount(Path source) throws IOException {
        Path ratings = source.resolve("title.ratings.tsv.gz");
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(ratings)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] columns = line.split("\t", -1);
                lines.add(columns[0].equals("tconst") ? line
                        : columns[0] + "\t" + columns[1] + "\t" + Long.parseLong(columns[2]) * 2);
            }
        }
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(ratings)), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }
}
