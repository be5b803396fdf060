package org.imdbetl.app;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.source.ImdbSource;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bad-row fixture through the real pipeline: every bad row counted under its reason, every good
 * row in the store, and the answers equal to those of the good rows alone. Then bad sources: the
 * service reports them and keeps serving. (Source failures reset the ingest counters: they run last.)
 */
@QuarkusTest
@TestProfile(FaultsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, Integer> EXPECTED_REJECTS = Map.of(
            "WRONG_FIELD_COUNT", 2,
            "INVALID_TCONST", 1,
            "INVALID_YEAR", 1,
            "INVALID_RUNTIME", 2,
            "INVALID_UTF8", 1,
            "LINE_TOO_LONG", 1,
            "DUPLICATE_TCONST", 2,
            "TRUNCATED_LINE", 1,
            "INVALID_RATING", 3,
            "INVALID_VOTES", 2);

    @Inject
    IngestJob ingest;

    @ConfigProperty(name = "imdb.snapshot.output-dir")
    Path outputDir;

    /** The ranking queries read is rebuilt off the request path: it trails the store briefly. */
    static boolean rankingCurrent(JsonPath status) {
        return status.getLong("store.rankingVersion") == status.getLong("store.version");
    }

    @BeforeEach
    void awaitFirstIngest() {
        await().atMost(TIMEOUT).until(() -> ingest.progress().state() != IngestState.RUNNING
                && ingest.progress().state() != IngestState.IDLE
                && get("/status").jsonPath().getBoolean("consumer.storeLoaded"));
    }

    @Test
    @Order(1)
    void countsEveryBadRowUnderItsReason() {
        JsonPath status = get("/status").jsonPath();

        assertThat(status.getString("ingest.state")).isEqualTo("COMPLETED");
        assertThat(status.getMap("ingest.rejectedByReason")).containsExactlyInAnyOrderEntriesOf(EXPECTED_REJECTS);
        assertThat(status.getLong("ingest.rejected")).isEqualTo(
                EXPECTED_REJECTS.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    @Order(2)
    void answersEqualWhatTheGoodRowsAloneGive() throws Exception {
        SampleExpectations good = SampleExpectations.compute(Path.of(FaultsProfile.GOOD_ONLY), 3000, 6.5);
        await().atMost(TIMEOUT).until(() -> get("/status").jsonPath().getLong("store.movies") == good.movieCount()
                && rankingCurrent(get("/status").jsonPath()));

        Map<String, Long> genres = new LinkedHashMap<>();
        List<Map<String, Object>> rows = get("/genres").jsonPath().getList("");
        rows.forEach(row -> genres.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));
        assertThat(genres).containsExactlyEntriesOf(good.genreCounts());
        assertThat(get("/movies/top?limit=100").jsonPath().getList("tconst", String.class))
                .containsExactlyElementsOf(good.ranking().stream().map(SampleExpectations.Expected::tconst).toList());
        assertThat(get("/movies/tt0000110").jsonPath().getString("title")).isEqualTo("Duplicate Last Version");
        assertThat(get("/movies/tt0000107").jsonPath().getString("averageRating")).isNull();
    }

    @Test
    @Order(3)
    void writesTheFirstRejectsOfEachReasonWithTheReason() throws IOException {
        Path rejects = outputDir.resolve("rejects");
        await().atMost(TIMEOUT).until(() -> Files.isDirectory(rejects));
        String csv;
        try (Stream<Path> files = Files.list(rejects)) {
            csv = Files.readString(files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow());
        }

        assertThat(csv).startsWith("file,line,reason,detail,row\n");
        EXPECTED_REJECTS.keySet().forEach(reason -> assertThat(csv).contains("," + reason + ","));
        // one per reason (imdb.ingest.rejects-per-reason=1) plus the header
        assertThat(csv.lines().filter(line -> line.startsWith("src/")).count()).isEqualTo(EXPECTED_REJECTS.size());
    }

    @Test
    @Order(10)
    void aMissingDirectoryIsReportedAndTheServiceKeepsServing() throws Exception {
        IngestProgress.Snapshot result = ingest.start(source("/no/such/imdb/dir")).get();

        assertThat(result.state()).isEqualTo(IngestState.FAILED);
        assertThat(result.error()).contains("/no/such/imdb/dir", "does not exist", "IMDB_SOURCE", "sample");
        assertThat(get("/status").jsonPath().getString("ingest.state")).isEqualTo("FAILED");
        get("/genres").then().statusCode(200);
    }

    @Test
    @Order(11)
    void anHttpErrorIsReportedWithTheUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dumps/";
            IngestProgress.Snapshot result = ingest.start(source(url)).get();

            assertThat(result.state()).isEqualTo(IngestState.FAILED);
            assertThat(result.error()).contains(url, "HTTP 503", "IMDB_SOURCE=sample");
        } finally {
            server.stop(0);
        }
        get("/movies/top").then().statusCode(200);
    }

    @Test
    @Order(12)
    void anUnreachableUrlIsReported() throws Exception {
        String url = "http://127.0.0.1:" + EmbeddedKafkaResource.freePort() + "/";

        IngestProgress.Snapshot result = ingest.start(source(url)).get();

        assertThat(result.state()).isEqualTo(IngestState.FAILED);
        assertThat(result.error()).contains(url, "could not be downloaded", "IMDB_SOURCE=sample");
    }

    private ImdbSource source(String location) {
        return new ImdbSource(location, Path.of("data/sample"), Path.of("target/bad-input-test-cache"), Duration.ofSeconds(5));
    }
}
