package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Operators' refreshes on a service of its own: requests never queue more than one refresh behind the
 * running one.
 */
@QuarkusTest
@TestProfile(AdminRequestsTest.WithToken.class)
class AdminRequestsTest {

    static final String TOKEN = "admin-requests-token";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void thirtyForcedRefreshesRunAtMostTwiceAndShareTheWaitingOnesId() {
        await().atMost(TIMEOUT).until(() -> get("/status").jsonPath().getBoolean("consumer.storeLoaded"));
        Set<String> ids = new LinkedHashSet<>();
        int joined = 0;
        for (int i = 0; i < 30; i++) {
            Response response = given().header("Authorization", "Bearer " + TOKEN).post("/admin/ingest?force=true");
            assertThat(response.statusCode()).isEqualTo(202);
            ids.add(response.jsonPath().getString("id"));
            joined += response.jsonPath().getBoolean("joined") ? 1 : 0;
        }
        assertThat(ids).as("one running, at most one waiting").hasSizeBetween(1, 2);
        assertThat(joined).isGreaterThanOrEqualTo(28);
        await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(get("/status").jsonPath().getString("ingest.state")));
        // Every request is answered by one of the two refreshes: a new request now starts a third.
        Response next = given().header("Authorization", "Bearer " + TOKEN).post("/admin/ingest?force=true");
        assertThat(next.jsonPath().getString("id")).isNotIn(ids);
    }

    /** The sample on topics of its own, with an admin token; no ingest at start, and a slow one when asked. */
    public static class WithToken implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imdb.admin.token", TOKEN,
                    "imdb.ingest.on-start", "false",
                    "imdb.ingest.msgs-per-sec", "40",
                    "imdb.kafka.topic", "imdb-movies-admin",
                    "imdb.kafka.dlq-topic", "imdb-movies-admin-dlq",
                    "imdb.kafka.history-topic", "imdb-movie-history-admin");
        }
    }
}
