package org.imdbetl.rest;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.imdbetl.app.FaultsProfile;
import org.junit.jupiter.api.Test;

/** POST /admin/ingest needs the configured token; it re-runs the configured source, nothing else. */
@QuarkusTest
@TestProfile(FaultsProfile.class)
class AdminIngestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void refusesWithoutTheRightToken() {
        given().post("/admin/ingest").then().statusCode(401).body("status", equalTo(401));
        given().header("Authorization", "Bearer wrong").post("/admin/ingest").then().statusCode(401);
        given().header("Authorization", FaultsProfile.ADMIN_TOKEN).post("/admin/ingest").then().statusCode(401);
    }

    @Test
    void refusesAMalformedFlagWithA400() {
        given().header("Authorization", "Bearer " + FaultsProfile.ADMIN_TOKEN).post("/admin/ingest?allowDeletes=maybe")
                .then().statusCode(400).body("message", equalTo("allowDeletes must be true or false, was 'maybe'"));
        given().header("Authorization", "Bearer " + FaultsProfile.ADMIN_TOKEN).post("/admin/ingest?force=1")
                .then().statusCode(400).body("status", equalTo(400));
    }

    @Test
    void reRunsTheConfiguredIngestWithTheToken() {
        await().atMost(TIMEOUT).until(() -> get("/status").jsonPath().getBoolean("consumer.storeLoaded")
                && !"RUNNING".equals(get("/status").jsonPath().getString("ingest.state")));
        long movies = get("/status").jsonPath().getLong("store.movies");
        String startedBefore = get("/status").jsonPath().getString("ingest.startedAt");

        given().header("Authorization", "Bearer " + FaultsProfile.ADMIN_TOKEN).post("/admin/ingest?force=true").then().statusCode(202);

        await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(get("/status").jsonPath().getString("ingest.state"))
                && !get("/status").jsonPath().getString("ingest.startedAt").equals(startedBefore));
        JsonPath status = get("/status").jsonPath();
        assertThat(status.getString("ingest.source")).isEqualTo(FaultsProfile.BAD_DUMP);
        assertThat(status.getLong("store.movies")).isEqualTo(movies);
        assertThat(status.getLong("ingest.sent") + status.getLong("ingest.unchanged"))
                .isEqualTo(status.getLong("ingest.moviesRead"));
    }
}
