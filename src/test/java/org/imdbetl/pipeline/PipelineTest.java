package org.imdbetl.pipeline;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imdbetl.app.IngestJob;
import org.imdbetl.app.RefreshOptions;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the bundled sample: files, real Kafka broker, store, REST. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class PipelineTest {

    private static final double M = 3000;
    private static final double C = 6.5;
    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(60);
    private static SampleExpectations expected;

    @Inject
    IngestJob ingest;

    @Inject
    ConsumerStats consumer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "imdb.kafka.topic")
    String topic;

    @BeforeAll
    static void computeExpectations() throws Exception {
        expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, M, C);
    }

    @BeforeEach
    void awaitStoreLoaded() {
        await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
            assertThat(ingest.progress().state()).isEqualTo(IngestState.COMPLETED);
            JsonPath status = get("/status").jsonPath();
            assertThat(status.getLong("store.movies")).isEqualTo(expected.movieCount());
            // The ranking queries read is rebuilt off the request path: it trails the store briefly.
            assertThat(status.getLong("store.rankingVersion")).isEqualTo(status.getLong("store.version"));
        });
    }

    @Test
    void genresEqualCountsComputedFromTheFiles() {
        assertThat(genres()).containsExactlyEntriesOf(expected.genreCounts());
        assertThat(expected.genreCounts()).containsKey("(unknown)");
    }

    @Test
    void topMoviesEqualRankingComputedFromTheFiles() {
        List<Expected> ranking = expected.ranking();
        JsonPath top = json("/movies/top?limit=1000");

        assertThat(top.getList("tconst", String.class)).containsExactlyElementsOf(
                ranking.stream().map(Expected::tconst).toList());
        List<Double> scores = top.getList("weightedScore", Double.class);
        for (int i = 0; i < ranking.size(); i++) {
            assertThat(scores.get(i)).isCloseTo(ranking.get(i).weightedScore(), within(1e-9));
        }
    }

    @Test
    void topMoviesHonourGenreVotesYearsAndLimit() {
        List<String> drama = expected.ranking().stream()
                .filter(m -> m.genres().contains("Drama") && m.votes() >= 100_000
                        && m.year() != null && m.year() >= 1990 && m.year() <= 2009)
                .limit(5).map(Expected::tconst).toList();

        List<String> actual = given().queryParam("genre", "Drama").queryParam("minVotes", 100_000)
                .queryParam("fromYear", 1990).queryParam("toYear", 2009).queryParam("limit", 5)
                .get("/movies/top").then().statusCode(200).extract().jsonPath().getList("tconst", String.class);

        assertThat(actual).hasSize(5).containsExactlyElementsOf(drama);
        assertThat(get("/movies/top").jsonPath().getList("tconst")).hasSize(10);
    }

    @Test
    void movieByIdHasEveryField() {
        Expected best = expected.ranking().get(0);

        JsonPath movie = json("/movies/" + best.tconst());

        assertThat(movie.getString("title")).isEqualTo(best.title());
        assertThat(movie.getList("genres", String.class)).isEqualTo(best.genres());
        assertThat(movie.getDouble("averageRating")).isEqualTo(best.rating());
        assertThat(movie.getDouble("numVotes")).isEqualTo((double) best.votes());
        assertThat(movie.getDouble("weightedScore")).isCloseTo(best.weightedScore(), within(1e-9));
        assertThat(movie.getMap("")).containsKeys("originalTitle", "year", "runtimeMinutes");
    }

    @Test
    void recordsCrossedKafkaKeyedByTconstOverThreePartitions() {
        Map<String, String> byKey = new HashMap<>();
        Set<Integer> partitionsUsed = new HashSet<>();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = kafka.partitionsFor(topic).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            assertThat(partitions).hasSize(3);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            await().atMost(PIPELINE_TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                    byKey.put(record.key(), record.value());
                    partitionsUsed.add(record.partition());
                }
                return byKey.size() >= expected.movieCount();
            });
        }
        assertThat(byKey).hasSize(expected.movieCount());
        assertThat(partitionsUsed).containsExactlyInAnyOrder(0, 1, 2);
        byKey.forEach((key, json) -> assertThat(json).contains("\"tconst\":\"" + key + "\""));
    }

    @Test
    void reRunningIngestLeavesGenresAndRankingUnchanged() throws Exception {
        Map<String, Long> genresBefore = genres();
        List<Object> topBefore = get("/movies/top?limit=50").jsonPath().getList("tconst");
        long consumedBefore = consumer.consumed();

        // Forced: a plain refresh would find the sample unchanged and read nothing.
        IngestProgress.Snapshot rerun = ingest.refresh(new RefreshOptions(true, false)).get();
        assertThat(rerun.sent()).isZero();

        assertThat(rerun.state()).isEqualTo(IngestState.COMPLETED);
        await().atMost(PIPELINE_TIMEOUT).until(() -> consumer.consumed() >= consumedBefore + rerun.sent());
        assertThat(genres()).containsExactlyEntriesOf(genresBefore);
        assertThat(get("/movies/top?limit=50").jsonPath().getList("tconst")).isEqualTo(topBefore);
        assertThat(get("/status").jsonPath().getLong("store.movies")).isEqualTo(expected.movieCount());
    }

    /** A 200 answer's body, with numbers read as doubles, not the default floats. */
    private static JsonPath json(String path) {
        String body = get(path).then().statusCode(200).extract().asString();
        return JsonPath.from(body).using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static Map<String, Long> genres() {
        List<Map<String, Object>> rows = get("/genres").then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));
        return counts;
    }
}
