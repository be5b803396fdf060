package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
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
 * Two instances in one working folder, as an operator might start them by mistake: the second has its own
 * ports and history folder but the first's broker log, lake and cache. It must stop at once, naming the
 * folder and the instance holding it, and harm nothing: the first goes on serving, stops promptly on
 * SIGTERM, and starts again without finding anything to repair.
 */
class SecondInstanceIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Path FIRST_LOG = Path.of("target/second-instance-it-first.log");
    private static final Path SECOND_LOG = Path.of("target/second-instance-it-second.log");

    @TempDir
    Path root;

    @Test
    void aSecondInstanceInTheSameFolderStopsAtOnceAndHarmsNothing() throws Exception {
        Files.deleteIfExists(FIRST_LOG);
        Files.deleteIfExists(SECOND_LOG);
        SampleExpectations expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, 3000, 6.5);
        Map<String, String> env = Map.of("IMDB_SOURCE", SampleExpectations.SAMPLE_DIR.toAbsolutePath().toString());
        List<String> firstBroker = brokerPorts();
        try (ServiceProcess first = ServiceProcess.start(root, FIRST_LOG, EmbeddedKafkaResource.freePort(), env, firstBroker)) {
            first.awaitUp();
            await("the first instance has ingested the sample").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> "COMPLETED".equals(first.status().getString("ingest.state"))
                            && first.status().getLong("store.movies") == expected.movieCount());

            Map<String, String> secondEnv = Map.of("IMDB_SOURCE", SampleExpectations.SAMPLE_DIR.toAbsolutePath().toString(),
                    "HISTORY_DIR", root.resolve("data/history-second").toString());
            try (ServiceProcess second = ServiceProcess.start(root, SECOND_LOG, EmbeddedKafkaResource.freePort(), secondEnv,
                    brokerPorts())) {
                Integer exit = second.awaitExit(TIMEOUT);
                assertThat(exit).as("the second instance stopped by itself").isNotNull().isNotZero();
            }
            String refusal = Files.readString(SECOND_LOG);
            assertThat(refusal).contains(root.resolve("data/kafka").toAbsolutePath().normalize() + " is in use by another imdb-etl instance")
                    .contains("pid " + first.pid())
                    .contains("Start-up stopped before writing anything");
            assertThat(refusal).as("it never started a broker").doesNotContain("started the embedded KRaft broker");

            // The first one is unharmed: it answers as before, and stops promptly.
            assertThat(RestAssured.given().port(first.port()).get("/movies/top?limit=5").then().statusCode(200).extract()
                    .jsonPath().getList("tconst", String.class))
                    .containsExactlyElementsOf(expected.ranking().stream().limit(5).map(SampleExpectations.Expected::tconst).toList());
            assertThat(first.stopWithin(Duration.ofMinutes(1))).as("SIGTERM stopped it").isNotNull();
        }
        String firstRun = Files.readString(FIRST_LOG);
        try (ServiceProcess again = ServiceProcess.start(root, FIRST_LOG, EmbeddedKafkaResource.freePort(), env, brokerPorts())) {
            again.awaitUp();
            await("restarted and loaded").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> again.status().getBoolean("consumer.storeLoaded"));
            JsonPath status = again.status();
            assertThat(status.getLong("store.movies")).isEqualTo(expected.movieCount());
            again.stopWithin(Duration.ofMinutes(1));
        }
        String restart = Files.readString(FIRST_LOG).substring(firstRun.length());
        assertThat(restart).doesNotContain("Corruption found").doesNotContain("CorruptRecordException");
    }

    private static List<String> brokerPorts() throws java.io.IOException {
        return List.of("-Dimdb.kafka.embedded.port=" + EmbeddedKafkaResource.freePort(),
                "-Dimdb.kafka.embedded.controller-port=" + EmbeddedKafkaResource.freePort());
    }
}
