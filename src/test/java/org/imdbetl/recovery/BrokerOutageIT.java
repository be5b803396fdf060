package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External-broker mode with the broker away twice: absent when the service starts, then gone in the
 * middle of the ingest. Readiness says DOWN meanwhile; afterwards the store and the outputs hold
 * every movie exactly once.
 */
class BrokerOutageIT {

    private static final int TITLES = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path SERVICE_LOG = Path.of("target/broker-outage-it.log");

    @TempDir
    Path root;

    @Test
    void waitsForTheBrokerAndLosesNothingWhenItGoesAway() throws Exception {
        Files.deleteIfExists(SERVICE_LOG);
        Path dumps = root.resolve("dumps");
        DumpFactory.write(dumps, TITLES);
        SampleExpectations expected = SampleExpectations.compute(dumps, 3000, 6.5);
        int httpPort = EmbeddedKafkaResource.freePort();
        int kafkaPort = EmbeddedKafkaResource.freePort();
        int controllerPort = EmbeddedKafkaResource.freePort();
        Path kafkaDir = root.resolve("kafka");
        Path outputDir = root.resolve("output");

        try (ServiceProcess service = ServiceProcess.start(root, SERVICE_LOG, httpPort, Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                        "IMDB_SOURCE", dumps.toString(),
                        "OUTPUT_DIR", outputDir.toString(),
                        "MSGS_PER_SEC", "3000",
                        "SNAPSHOT_INTERVAL", "1s"),
                List.of())) {
            service.awaitUp();
            assertThat(readiness(httpPort)).isEqualTo(503);
            assertThat(service.status().getString("ingest.state")).isEqualTo("RUNNING");
            assertThat(service.status().getLong("ingest.sent")).isZero();

            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort, controllerPort, kafkaDir);
            await("ingest under way").atMost(TIMEOUT).until(() -> service.status().getLong("ingest.sent") >= 3_000);
            broker.close();

            await("readiness DOWN").atMost(TIMEOUT).until(() -> readiness(httpPort) == 503);
            long sentDuringOutage = service.status().getLong("ingest.sent");
            assertThat(service.status().getString("ingest.state")).isEqualTo("RUNNING");

            try (EmbeddedKafkaBroker back = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort, controllerPort, kafkaDir)) {
                await("ingest complete and snapshotted").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    JsonPath status = service.status();
                    // Not recordsConsumed: a consumer that rejoins its group after the outage reads again.
                    return "COMPLETED".equals(status.getString("ingest.state"))
                            && status.getLong("snapshot.silverRows") == expected.movieCount()
                            && status.getLong("store.movies") == expected.movieCount();
                });
                assertThat(readiness(httpPort)).isEqualTo(200);
                JsonPath status = service.status();
                assertThat(status.getLong("ingest.sent")).isEqualTo(expected.movieCount()).isGreaterThan(sentDuringOutage);
                assertThat(status.getLong("ingest.sendFailed")).isZero();
                assertThat(genres(httpPort)).containsExactlyEntriesOf(expected.genreCounts());
                service.stop();
            }
        }
        LakeContents lake = LakeContents.read(outputDir);
        assertThat(lake.silver()).hasSize(expected.movieCount());
        assertThat(lake.distinctSilverOffsets()).isEqualTo(expected.movieCount());
        assertThat(lake.movieScores()).hasSize(expected.movieCount());
    }

    private static int readiness(int port) {
        return RestAssured.given().port(port).get("/q/health/ready").statusCode();
    }

    private static Map<String, Long> genres(int port) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = RestAssured.given().port(port).get("/genres").jsonPath().getList("");
        rows.forEach(row -> counts.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));
        return counts;
    }
}
