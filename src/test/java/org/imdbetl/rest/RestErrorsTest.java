package org.imdbetl.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed requests: each gets the expected 4xx with a JSON error body; none gets a 5xx. */
@QuarkusTest
class RestErrorsTest {

    private static final String LONG = "a".repeat(8_000);

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                get("/movies/top?limit=-1", 400),
                get("/movies/top?limit=0", 400),
                get("/movies/top?limit=abc", 400),
                get("/movies/top?limit=1.5", 400),
                get("/movies/top?limit=1e3", 400),
                get("/movies/top?limit=1001", 400),
                get("/movies/top?limit=99999999999999999999", 400),
                get("/movies/top?limit=%00", 400),
                get("/movies/top?minVotes=-5", 400),
                get("/movies/top?minVotes=lots", 400),
                get("/movies/top?minVotes=1.5", 400),
                get("/movies/top?fromYear=2000&toYear=1990", 400),
                get("/movies/top?fromYear=abc", 400),
                get("/movies/top?toYear=99999", 400),
                get("/movies/top?fromYear=-2000", 400),
                get("/movies/top?genre=NoSuchGenre", 400),
                get("/movies/top?genre=" + LONG, 400),
                get("/movies/top?genre=Drama%27%20OR%201=1--", 400),
                get("/movies/top?genre=%3Cscript%3Ealert(1)%3C/script%3E", 400),
                get("/movies/top?genre=../../etc/passwd", 400),
                get("/movies/tt123", 400),
                get("/movies/abc", 400),
                get("/movies/tt0000000000000", 400),
                get("/movies/tt" + "1".repeat(5_000), 400),
                get("/movies/tt0111161%27%20OR%20%271%27=%271", 400),
                get("/movies/..%2F..%2Fetc%2Fpasswd", 400),
                get("/movies/tt9999999", 404),
                get("/movies/movers?since=-999999999-01-01", 400),
                get("/movies/movers?since=%2B999999999-12-31", 400),
                get("/movies/movers?since=1799-12-31", 400),
                get("/movies/top?q=" + "a".repeat(100_000), 414),
                get("/no/such/path", 404),
                get("/movies", 404),
                request("POST", "/movies/top", 405),
                request("DELETE", "/genres", 405),
                request("PUT", "/movies/tt0111161", 405),
                request("PATCH", "/status", 405),
                request("POST", "/admin/ingest", 403),
                Arguments.of("GET", "/genres", Map.of("Accept", "application/xml"), 406),
                Arguments.of("POST", "/admin/ingest", Map.of("Content-Type", "application/xml"), 403));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("malformedRequests")
    void answersWithAJsonError(String method, String path, Map<String, String> headers, int status) {
        // Data endpoints answer 503 while the store loads: malformed requests are checked once it has loaded.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/status").jsonPath().getBoolean("consumer.storeLoaded"));
        Response response = given().urlEncodingEnabled(false).headers(headers).request(method, path);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
    }

    /** URIs no HTTP client sends, sent raw: the HTTP layer's own refusals get the JSON body too. */
    private int port;

    @org.junit.jupiter.api.BeforeEach
    void port() {
        port = url.getPort();
    }

    @ParameterizedTest(name = "GET {0} -> 400")
    @ValueSource(strings = {"/movies/search?q=%zz", "/movies/top?after=%%%%", "/genres?x=%", "/movies/tt0111161%"})
    void aUriThatIsNotOneGetsAJsonError(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, target);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(answer.body()).contains("\"status\":400", "the request URI is malformed");
    }

    @TestHTTPResource
    URL url;

    private static Arguments get(String path, int status) {
        return Arguments.of("GET", path, Map.of(), status);
    }

    private static Arguments request(String method, String path, int status) {
        return Arguments.of(method, path, Map.of(), status);
    }
}
