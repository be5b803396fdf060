package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store that has not loaded the topic answers no data: here the broker is never reachable, so the store
 * never learns the topic's end, and every data endpoint says 503 with Retry-After and how far the load is
 * (instead of {@code 200 []}, which looks like an empty catalogue). What describes the service answers.
 */
@QuarkusTest
@TestProfile(AnswersWhileLoadingTest.NeverLoaded.class)
class AnswersWhileLoadingTest {

    @ParameterizedTest
    @ValueSource(strings = {"/movies/top", "/movies/top?limit=3&genre=Drama", "/genres", "/movies/tt0111161",
            "/movies/search?q=godfather", "/movies/movers", "/movies/tt0111161/history"})
    void dataEndpointsAnswer503WithRetryAfter(String path) {
        Response response = get(path);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo(String.valueOf(LoadingGate.RETRY_AFTER_SECONDS));
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("message")).startsWith("the store is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status", "/version", "/q/health/live", "/"})
    void whatDescribesTheServiceAnswers(String path) {
        assertThat(get(path).statusCode()).isEqualTo(200);
        assertThat(get("/status").jsonPath().getBoolean("consumer.storeLoaded")).isFalse();
    }

    @Test
    void theSnapshotAgeIsANumberBeforeAnySnapshot() {
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(get("/status").jsonPath().getString("snapshot.lastWrittenAt")).isNull();
        assertThat(metrics).containsPattern("(?m)^imdb_snapshot_age_seconds [0-9]+\\.[0-9]+(E[0-9]+)?$")
                .doesNotContainPattern("(?m)^imdb_snapshot_age_seconds NaN");
    }

    /** Every Kafka client dials a port nobody listens on. */
    public static class NeverLoaded implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "imdb.ingest.on-start", "false",
                        "kafka.bootstrap.servers", "127.0.0.1:" + EmbeddedKafkaResource.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
