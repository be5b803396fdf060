package org.imdbetl.app;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imdbetl.pipeline.SampleCopy;
import org.imdbetl.source.IngestState;
import org.junit.jupiter.api.Test;

/**
 * A source whose clock is ahead of ours: both days' dumps are dated 2030, as {@code touch -d 2030-01-01} makes
 * them. The second refresh must still get a date of its own (one after the first's), keep the first's points,
 * and show movers; {@code /status} says why the dates are not the files'.
 */
@QuarkusTest
@TestProfile(ClockAheadTest.Dated2030.class)
class ClockAheadTest {

    static final Instant FUTURE = Instant.parse("2030-01-01T00:00:00Z");
    static final String BASICS = SampleCopy.BASICS;
    static final String RATINGS = SampleCopy.RATINGS;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Inject
    IngestJob ingest;

    @Test
    void aSecondRefreshDatedLikeTheFirstGetsADateOfItsOwn() throws Exception {
        await("day one ingested").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(get("/status").jsonPath().getString("ingest.state"))
                        && get("/status").jsonPath().getBoolean("consumer.storeLoaded"));
        JsonPath dayOne = get("/status").jsonPath();
        assertThat(Instant.parse(dayOne.getString("dataset.asOf"))).isEqualTo(FUTURE);
        assertThat(dayOne.getString("dataset.asOfNote")).contains("after this machine's clock");

        // Day two, dated like day one: the three best movies gain votes.
        Path source = Path.of(dayOne.getString("ingest.source"));
        List<String> best = get("/movies/top?limit=3").jsonPath().getList("tconst", String.class);
        Map<String, Long> gains = new LinkedHashMap<>();
        List<String> ratings = new ArrayList<>();
        for (String line : SampleCopy.readGzip(source.resolve(RATINGS))) {
            String[] columns = line.split("\t", -1);
            int rank = best.indexOf(columns[0]);
            if (rank >= 0) {
                long votes = Long.parseLong(columns[2]) + 1000L * (rank + 1);
                gains.put(columns[0], votes);
                line = columns[0] + "\t" + columns[1] + "\t" + votes;
            }
            ratings.add(line);
        }
        assertThat(gains).hasSize(3);
        SampleCopy.writeGzip(source.resolve(RATINGS), ratings, FUTURE);
        Files.setLastModifiedTime(source.resolve(BASICS), FileTime.from(FUTURE));
        assertThat(ingest.refresh(new RefreshOptions(true, false)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).state())
                .isEqualTo(IngestState.COMPLETED);

        JsonPath dayTwo = get("/status").jsonPath();
        Instant secondAsOf = Instant.parse(dayTwo.getString("dataset.asOf"));
        assertThat(secondAsOf).isEqualTo(FUTURE.plusMillis(1));
        assertThat(dayTwo.getString("dataset.asOfNote")).contains("is not after the last refresh's");
        String movie = gains.keySet().iterator().next();
        await("both points of a re-rated movie").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath history = get("/movies/" + movie + "/history").jsonPath();
            assertThat(history.getList("asOf", String.class)).containsExactly(FUTURE.toString(), secondAsOf.toString());
            assertThat(history.getList("event", String.class)).containsExactly("NEW", "CHANGED");
        });
        await("movers since day one").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath movers = get("/movies/movers?by=votes&limit=10").jsonPath();
            assertThat(movers.getList("tconst", String.class)).containsExactlyInAnyOrderElementsOf(gains.keySet());
            assertThat(movers.getList("to", Long.class)).containsExactlyInAnyOrderElementsOf(gains.values());
        });
        assertThat(get("/status").jsonPath().getInt("history.refreshes")).isEqualTo(2);
    }

    /** The sample on topics of its own, from a copy dated 2030. */
    public static class Dated2030 implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imdb.kafka.topic", "imdb-movies-clock",
                    "imdb.kafka.dlq-topic", "imdb-movies-clock-dlq",
                    "imdb.kafka.history-topic", "imdb-movie-history-clock");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FutureSource.class));
        }
    }

    /** Copies the sample into a folder of its own under target/, its files dated 2030. */
    public static class FutureSource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                return Map.of("imdb.source.location", SampleCopy.under("clock-ahead-source-", FUTURE).toAbsolutePath().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            // the copy stays under target/ with the test's other output
        }
    }
}
