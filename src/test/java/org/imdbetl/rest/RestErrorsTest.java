package org.imdbetl.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request gets a 4xx with a JSON error body; none gets a 5xx. */
@QuarkusTest
class RestErrorsTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/movies/top?limit=-1", 400),
                Arguments.of("/movies/top?limit=0", 400),
                Arguments.of("/movies/top?limit=abc", 400),
                Arguments.of("/movies/top?limit=1.5", 400),
                Arguments.of("/movies/top?limit=1001", 400),
                Arguments.of("/movies/top?limit=99999999999999999999", 400),
                Arguments.of("/movies/top?minVotes=-5", 400),
                Arguments.of("/movies/top?minVotes=lots", 400),
                Arguments.of("/movies/top?fromYear=2000&toYear=1990", 400),
                Arguments.of("/movies/top?fromYear=abc", 400),
                Arguments.of("/movies/top?toYear=99999", 400),
                Arguments.of("/movies/top?genre=NoSuchGenre", 400),
                Arguments.of("/movies/tt123", 400),
                Arguments.of("/movies/abc", 400),
                Arguments.of("/movies/tt0000000000000", 400),
                Arguments.of("/movies/tt9999999", 404),
                Arguments.of("/no/such/path", 404));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void answersWithJsonError(String path, int status) {
        given().urlEncodingEnabled(false)
                .when().get(path)
                .then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("status", equalTo(status))
                .body("message", not(emptyOrNullString()));
    }
}
