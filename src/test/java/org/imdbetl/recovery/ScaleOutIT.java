package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances behind one broker: one writer (ingest and snapshots), one reader. Each consumes
 * every partition into its own store with its own consumer group, so either answers any query.
 */
class ScaleOutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path SAMPLE = Path.of("data/sample").toAbsolutePath();
    private static final List<String> QUERIES = List.of("/genres", "/movies/top?limit=1000",
            "/movies/top?genre=Drama&limit=20", "/movies/top?minVotes=500000&fromYear=1990&toYear=2010", "/movies/tt0111161");

    @TempDir
    Path root;

    @Test
    void twoInstancesAnswerEveryQueryIdentically() throws Exception {
        int kafkaPort = EmbeddedKafkaResource.freePort();
        int writerPort = EmbeddedKafkaResource.freePort();
        int readerPort = EmbeddedKafkaResource.freePort();
        Path readerOutput = root.resolve("reader-output");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort,
                        EmbeddedKafkaResource.freePort(), root.resolve("kafka"));
                ServiceProcess writer = ServiceProcess.start(root, Path.of("target/scale-out-it-writer.log"), writerPort, Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        "IMDB_SOURCE", SAMPLE.toString(),
                        "OUTPUT_DIR", root.resolve("writer-output").toString()), List.of());
                ServiceProcess reader = ServiceProcess.start(root, Path.of("target/scale-out-it-reader.log"), readerPort, Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        "INGEST_ON_START", "false",
                        "REFRESH_INTERVAL", "off",
                        "SNAPSHOT_ENABLED", "false",
                        "OUTPUT_DIR", readerOutput.toString(),
                        // Same working folder as the writer: a history store of its own.
                        "HISTORY_DIR", root.resolve("reader-history").toString(),
                        "CATALOGUE_DIR", root.resolve("reader-catalogue").toString()), List.of())) {
            writer.awaitUp();
            reader.awaitUp();
            await("writer ingested").atMost(TIMEOUT).until(() -> "COMPLETED".equals(writer.status().getString("ingest.state")));
            long movies = writer.status().getLong("store.movies");
            await("reader caught up").atMost(TIMEOUT).until(() -> reader.status().getLong("store.movies") == movies
                    && rankingCurrent(reader) && rankingCurrent(writer));

            assertThat(movies).isPositive();
            for (String query : QUERIES) {
                assertThat(body(readerPort, query)).as(query).isEqualTo(body(writerPort, query));
            }
            // The reader builds its history from the history topic alone: the same points.
            await("reader history").atMost(TIMEOUT).until(() -> reader.status().getLong("history.recordsConsumed") == movies);
            String best = RestAssured.given().port(writerPort).get("/movies/top?limit=1").jsonPath().getString("[0].tconst");
            assertThat(body(readerPort, "/movies/" + best + "/history")).isEqualTo(body(writerPort, "/movies/" + best + "/history"));
            assertThat(RestAssured.given().port(readerPort).get("/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(reader.status().getString("ingest.state")).isEqualTo("IDLE");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                List<String> groups = admin.listConsumerGroups().all().get().stream()
                        .map(ConsumerGroupListing::groupId).filter(g -> g.startsWith("imdb-etl-")).toList();
                // Each instance: its store's group, its history's group and its catalogue's group.
                assertThat(groups).hasSize(6).doesNotHaveDuplicates();
                assertThat(groups.stream().filter(g -> g.startsWith("imdb-etl-history-"))).hasSize(2);
                assertThat(groups.stream().filter(g -> g.startsWith("imdb-etl-titles-"))).hasSize(2);
            }
        }
        assertThat(Files.exists(readerOutput.resolve("parquet"))).as("the reader writes no snapshot").isFalse();
    }

    /** The ranking queries read is rebuilt off the request path: it trails the store briefly. */
    private static boolean rankingCurrent(ServiceProcess service) {
        return service.status().getLong("store.rankingVersion") == service.status().getLong("store.version");
    }

    private static String body(int port, String path) {
        return RestAssured.given().port(port).get(path).then().statusCode(200).extract().asString();
    }
}
