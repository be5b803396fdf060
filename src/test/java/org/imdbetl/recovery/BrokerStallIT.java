package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service stalls, as on a machine at a load average of 30, for several times the embedded
 * broker's 1 s session while it ingests: SIGSTOP, then SIGCONT. Its controller may then fence the broker
 * (the log shows whether it did); either way the ingest must go on by itself and end with exactly what
 * the files say: a fence pauses the partitions, it loses nothing.
 */
class BrokerStallIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Path SERVICE_LOG = Path.of("target/broker-stall-it.log");
    private static final int MOVIES = 20_000;
    private static final double M = 3000;
    private static final double C = 6.5;

    @TempDir
    Path root;

    @Test
    void aStallLongerThanTheBrokerSessionLosesNothing() throws Exception {
        Files.deleteIfExists(SERVICE_LOG);
        Path source = root.resolve("source");
        DumpFactory.write(source, MOVIES);
        SampleExpectations expected = SampleExpectations.compute(source, M, C);
        int port = EmbeddedKafkaResource.freePort();
        Map<String, String> env = Map.of("IMDB_SOURCE", source.toString(), "MSGS_PER_SEC", "4000",
                "OUTPUT_DIR", root.resolve("output").toString(), "HISTORY_DIR", root.resolve("history").toString());
        List<String> props = List.of("-Dimdb.kafka.embedded.port=" + EmbeddedKafkaResource.freePort(),
                "-Dimdb.kafka.embedded.controller-port=" + EmbeddedKafkaResource.freePort(),
                "-Dimdb.kafka.embedded.log-dir=" + root.resolve("kafka"),
                // The controller says when it fences and unfences the broker.
                "-Dquarkus.log.category.\"org.apache.kafka.controller\".level=INFO");
        try (ServiceProcess service = ServiceProcess.start(root, SERVICE_LOG, port, env, props)) {
            service.awaitUp();
            await("the ingest is under way").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> service.status().getLong("ingest.sent") > MOVIES / 10);
            for (int stall = 0; stall < 2; stall++) {
                service.signal("STOP");
                Thread.sleep(4_000); // the stall itself: a frozen process, not a wait for a condition
                service.signal("CONT");
                await("it runs again").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> service.status() != null);
            }
            await("the ingest ends with every movie").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> "COMPLETED".equals(service.status().getString("ingest.state"))
                            && service.status().getLong("store.movies") == expected.movieCount());
            List<String> top = RestAssured.given().port(port).get("/movies/top?limit=1000").then().statusCode(200)
                    .extract().jsonPath().getList("tconst", String.class);
            assertThat(top).containsExactlyElementsOf(
                    expected.ranking().stream().limit(1000).map(SampleExpectations.Expected::tconst).toList());
            assertThat(service.status().getLong("ingest.sendFailed")).isZero();
            service.stopWithin(Duration.ofMinutes(1));
        }
        String log = Files.readString(SERVICE_LOG);
        assertThat(log).doesNotContain("the embedded broker stopped");
    }
}
