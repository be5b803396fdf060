package org.imdbetl.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed admin logins on a service of its own (a client held off stays held off for a minute): each is
 * answered 401 with the challenge, and past the allowed number the client is held off with 429 and
 * Retry-After, the right token included.
 */
@QuarkusTest
@TestProfile(AdminLoginLimitTest.WithToken.class)
class AdminLoginLimitTest {

    static final String TOKEN = "admin-login-limit-token";

    @Test
    void aClientThatKeepsFailingIsHeldOffEvenWithTheRightToken() {
        Response refused = given().header("Authorization", "Bearer wrong").post("/admin/ingest");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(401);
        for (int i = 1; i < FailedLogins.ALLOWED; i++) {
            assertThat(given().post("/admin/ingest").statusCode()).isEqualTo(401);
        }
        Response held = given().header("Authorization", "Bearer " + TOKEN).post("/admin/ingest");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(1L, FailedLogins.WINDOW.toSeconds());
        assertThat(held.jsonPath().getString("message")).contains("too many failed authentications");
    }

    /** The sample on topics of its own, with an admin token. */
    public static class WithToken implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imdb.admin.token", TOKEN,
                    "imdb.ingest.on-start", "false",
                    "imdb.kafka.topic", "imdb-movies-login-limit",
                    "imdb.kafka.dlq-topic", "imdb-movies-login-limit-dlq",
                    "imdb.kafka.history-topic", "imdb-movie-history-login-limit");
        }
    }
}
