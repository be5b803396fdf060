package org.imdbetl.topic;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imdbetl.app.FaultsProfile;
import org.junit.jupiter.api.Test;

/** Records other producers write: poison goes to the dead-letter topic, the original format is read. */
@QuarkusTest
@TestProfile(FaultsProfile.class)
class PoisonRecordsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String GOOD_ID = "tt0000101";
    /** The project this replaces wrote IMDb column names, numbers as strings, genres as one string, no key. */
    private static final String ORIGINAL_FORMAT = "{\"tconst\":\"" + GOOD_ID + "\",\"titleType\":\"movie\","
            + "\"primaryTitle\":\"Good One (original format)\",\"originalTitle\":\"Good One\",\"startYear\":\"1994\","
            + "\"runtimeMinutes\":\"142\",\"genres\":\"Drama\",\"averageRating\":9.3,\"numVotes\":2900000}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void deadLettersPoisonWithItsReasonAndKeepsConsuming() {
        await().atMost(TIMEOUT).until(() -> get("/status").jsonPath().getBoolean("consumer.storeLoaded")
                && get("/status").jsonPath().getString("ingest.finishedAt") != null);
        long before = get("/status").jsonPath().getLong("consumer.recordsConsumed");
        List<ProducerRecord<String, byte[]>> poison = List.of(
                record("p-not-json", "this is not json"),
                record("p-no-tconst", "{\"title\":\"No Id\"}"),
                record("p-wrong-type", "{\"tconst\":\"tt0000999\",\"year\":\"nineteen\"}"),
                record("p-oversized", "{\"tconst\":\"tt0000998\",\"title\":\"" + "x".repeat(70_000) + "\"}"),
                new ProducerRecord<>(FaultsProfile.TOPIC, "p-empty", new byte[0]),
                // A tombstone whose key is no tconst: never dead-lettered, counted, deletes nothing.
                new ProducerRecord<>(FaultsProfile.TOPIC, "p-tombstone", null),
                record(null, ORIGINAL_FORMAT));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            poison.forEach(producer::send);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                get("/movies/" + GOOD_ID).jsonPath().getString("title")).isEqualTo("Good One (original format)"));
        assertThat(get("/status").jsonPath().getLong("consumer.recordsConsumed")).isGreaterThanOrEqualTo(before + poison.size());
        assertThat(get("/status").jsonPath().getMap("consumer.deadLetteredByReason")).containsExactlyInAnyOrderEntriesOf(
                Map.of("NOT_JSON", 1, "NO_TCONST", 1, "WRONG_TYPE", 1, "OVERSIZED", 1, "EMPTY", 1));
        assertThat(deadLetterReasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "p-not-json", "NOT_JSON", "p-no-tconst", "NO_TCONST", "p-wrong-type", "WRONG_TYPE",
                "p-oversized", "OVERSIZED", "p-empty", "EMPTY"));
        assertThat(get("/movies/" + GOOD_ID).jsonPath().getInt("year")).isEqualTo(1994);
        assertThat(get("/movies/tt0000999").statusCode()).isEqualTo(404);
        assertThat(get("/status").jsonPath().getLong("consumer.ignoredTombstones")).isEqualTo(1);
    }

    private Map<String, String> deadLetterReasons() {
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "poison-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(FaultsProfile.DLQ_TOPIC));
            await().atMost(TIMEOUT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    reasons.put(record.key(), new String(record.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                            StandardCharsets.UTF_8));
                }
                return reasons.size() >= 5;
            });
        }
        return reasons;
    }

    private static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>(FaultsProfile.TOPIC, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
