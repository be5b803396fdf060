package org.imdbetl.ops;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoints on a management port of their own, as docs/operations.md says to run a service
 * that faces the public: built with {@code quarkus.management.enabled=true}, health, metrics and the API
 * document answer there and no longer on the public port, whose API answers as before.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.ManagementPort.class)
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void operationsAnswerOnTheManagementPortOnly() {
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            assertThat(RestAssured.given().baseUri("http://" + management.getHost()).port(management.getPort()).get(path)
                    .statusCode()).as("%s on the management port", path).isIn(200, 503);
            assertThat(get(path).statusCode()).as("%s on the public port", path).isEqualTo(404);
        }
        assertThat(get("/version").statusCode()).isEqualTo(200);
        assertThat(get("/status").statusCode()).isEqualTo(200);
    }

    /** The management interface on (a build-time setting: the test builds the service again), on a free port. */
    public static class ManagementPort implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true", "quarkus.management.test-port", "0",
                    "imdb.ingest.on-start", "false");
        }
    }
}
