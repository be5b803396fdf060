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
import java.util.stream.Stream;
import org.imdbetl.lake.LakeLayout;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store checkpoint against the topic it was written from: the packaged service, stopped gracefully
 * (which writes a checkpoint), restarts from it on the same topic; started on a new broker, whose topic
 * has another id, it loads the checkpoint while the broker starts, finds it does not fit, takes its
 * movies out again and ends with exactly what the new topic holds. Expected answers come from the
 * sample files.
 */
class CheckpointTopicIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path SERVICE_LOG = Path.of("target/checkpoint-topic-it.log");

    @TempDir
    Path root;

    @Test
    void aCheckpointIsKeptOnItsOwnTopicAndUndoneOnAnother() throws Exception {
        Files.deleteIfExists(SERVICE_LOG);
        SampleExpectations expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, 3000, 6.5);
        Path output = root.resolve("output");
        Path firstBroker = root.resolve("kafka-1");
        Path secondBroker = root.resolve("kafka-2");

        JsonPath first = runAndStop(output, firstBroker, expected);
        assertThat(first.getLong("consumer.checkpointMovies")).isZero();
        assertThat(new LakeLayout(output).storeCheckpoint()).exists();

        JsonPath sameTopic = runAndStop(output, firstBroker, expected);
        assertThat(sameTopic.getLong("consumer.checkpointMovies")).isEqualTo(expected.movieCount());
        assertThat(sameTopic.getLong("consumer.recordsConsumed")).as("nothing after the checkpoint").isZero();

        JsonPath newTopic = runAndStop(output, secondBroker, expected);
        assertThat(newTopic.getLong("consumer.checkpointMovies")).isZero();
        assertThat(newTopic.getLong("consumer.recordsConsumed")).isEqualTo(expected.movieCount());
        assertThat(Files.readString(SERVICE_LOG)).contains("not starting from the checkpoint, it was written from another topic");
        try (Stream<Path> stale = Files.list(output.resolve("parquet"))) {
            assertThat(stale.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("silver_movies.stale-"));
        }
    }

    /**
     * Starts the service on the sample, waits until the store and the outputs hold every movie, checks
     * the top of the ranking against the files, and stops it gracefully (which writes a checkpoint).
     *
     * @return its status just before the stop
     */
    private JsonPath runAndStop(Path output, Path kafkaDir, SampleExpectations expected) throws Exception {
        int[] ports = {EmbeddedKafkaResource.freePort(), EmbeddedKafkaResource.freePort(), EmbeddedKafkaResource.freePort()};
        try (ServiceProcess process = ServiceProcess.start(root, SERVICE_LOG, ports[0], Map.of(
                        "IMDB_SOURCE", SampleExpectations.SAMPLE_DIR.toAbsolutePath().toString(),
                        "OUTPUT_DIR", output.toString(),
                        "HISTORY_DIR", kafkaDir.resolveSibling(kafkaDir.getFileName() + "-history").toString(),
                        "SNAPSHOT_INTERVAL", "200ms"),
                List.of("-Dimdb.kafka.embedded.port=" + ports[1],
                        "-Dimdb.kafka.embedded.controller-port=" + ports[2],
                        "-Dimdb.kafka.embedded.log-dir=" + kafkaDir))) {
            process.awaitUp();
            await("ingest and snapshot complete").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonPath status = process.status();
                return "COMPLETED".equals(status.getString("ingest.state"))
                        && status.getBoolean("consumer.storeLoaded")
                        && status.getLong("store.movies") == expected.movieCount()
                        && status.getMap("snapshot.offsets").equals(status.getMap("consumer.offsets"));
            });
            List<String> top = RestAssured.given().port(process.port()).get("/movies/top?limit=5").then().statusCode(200)
                    .extract().jsonPath().getList("tconst", String.class);
            assertThat(top).containsExactlyElementsOf(
                    expected.ranking().stream().limit(5).map(SampleExpectations.Expected::tconst).toList());
            // The title index too, whether analysed afresh or filled from the checkpoint's analysis.
            for (SampleExpectations.Expected movie : expected.ranking().subList(0, 5)) {
                List<String> hits = RestAssured.given().port(process.port()).queryParam("q", movie.title()).queryParam("limit", 100)
                        .get("/movies/search").then().statusCode(200).extract().jsonPath().getList("tconst", String.class);
                assertThat(hits).as(movie.title()).contains(movie.tconst());
            }
            JsonPath status = process.status();
            process.stop();
            return status;
        }
    }
}
