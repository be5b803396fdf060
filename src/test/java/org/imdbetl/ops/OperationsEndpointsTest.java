package org.imdbetl.ops;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What monitoring and API users reach: health, Prometheus metrics, OpenAPI with examples, Swagger UI. */
@QuarkusTest
class OperationsEndpointsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void readinessIncludesKafkaAndTheStore() {
        await().atMost(TIMEOUT).until(() -> get("/q/health/ready").statusCode() == 200);

        String ready = get("/q/health/ready").asString();
        assertThat(ready).contains("\"kafka\"", "\"store loaded\"", "\"UP\"");
        get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountThePipeline() {
        await().atMost(TIMEOUT).until(() -> get("/status").jsonPath().getBoolean("consumer.storeLoaded"));

        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains(
                "imdb_records_produced_total",
                "imdb_records_consumed_total",
                "imdb_rows_rejected_total{reason=\"WRONG_FIELD_COUNT\"",
                "imdb_records_dead_lettered_total{reason=\"NOT_JSON\"",
                "imdb_store_movies",
                "imdb_snapshot_duration_seconds",
                "imdb_snapshot_age_seconds",
                "imdb_consumer_lag_records");
        assertThat(metrics).containsPattern("(?m)^imdb_store_movies(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void openApiDescribesEveryEndpointWithExamples() {
        String openapi = get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        assertThat(openapi).contains("/movies/top", "/movies/search", "/movies/{tconst}", "/genres", "/status", "/admin/ingest");
        assertThat(openapi).contains("The Shawshank Redemption", "\"movieCount\"", "limit must be a whole number");
        get("/q/swagger-ui/").then().statusCode(200);
    }
}
