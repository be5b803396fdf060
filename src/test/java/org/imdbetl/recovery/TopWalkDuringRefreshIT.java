package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.imdbetl.rest.LinkHeaders.nextLink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.imdbetl.source.DumpServer;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walking {@code /movies/top?limit=100} by its Link headers through the packaged service while a refresh
 * to the next day re-rates thousands of movies: the walk returns every rated movie of the day it began
 * on exactly once, in order, with that day's values, overall and within a genre. The dumps come from
 * bench/java/org/imdbetl/bench/DumpGenerator.java (tens of thousands of movies); the next day's basics
 * file trickles in, so the refresh applies its changes over many seconds and many ranking rebuilds.
 * Expected rankings are computed here from the dump files.
 */
class TopWalkDuringRefreshIT {

    private static final Logger LOG = Logger.getLogger(TopWalkDuringRefreshIT.class);
    /**
     * 0.05 in the build: 635,000 title rows, about 38,000 movies, 17,600 of them rated. {@code
     * -Dtopwalk.scale=1} runs it at full size by hand (12.7M rows, 761k movies; about 15 minutes).
     */
    private static final String SCALE = System.getProperty("topwalk.scale", "0.05");
    private static final double SCALE_FACTOR = Double.parseDouble(SCALE) / 0.05;
    private static final Duration TIMEOUT = Duration.ofSeconds(Math.round(120 * Math.max(1, SCALE_FACTOR / 4)));
    private static final Path SERVICE_LOG = Path.of("target/top-walk-it.log").toAbsolutePath();
    private static final String GENERATOR = "bench/java/org/imdbetl/bench/DumpGenerator.java";
    private static final String RERATE_PERCENT = "30";
    /** The next day's title.basics (about 11 MB at 0.05) takes about 10 s to arrive. */
    private static final long SLOW_BYTES_PER_SECOND = Math.round(1_100_000 * SCALE_FACTOR);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double M = 3000;
    private static final double C = 6.5;
    private static final String TOKEN = "top-walk-it-token";
    private static final String GENRE = "Drama";

    @TempDir
    Path root;

    @Test
    void aWalkByLinkHeadersReturnsEveryRatedMovieOfItsDayOnceInOrderWhileARefreshRuns() throws Exception {
        Path day1 = root.resolve("day1");
        Path day2 = root.resolve("day2");
        generate(List.of(SCALE, day1.toString(), "--files", "basics,ratings"));
        generate(List.of("next-day", day1.toString(), day2.toString(), "--rerate-percent", RERATE_PERCENT));
        Day expected1 = Day.read(day1);
        Day expected2 = Day.read(day2);
        List<Rated> genre1 = expected1.ranking().stream().filter(movie -> movie.genres().contains(GENRE)).toList();
        // The refresh matters: thousands of rated movies change their score or leave, and the order moves.
        assertThat(changedScores(expected1, expected2)).isGreaterThan(3000);
        assertThat(expected1.ranking()).hasSizeGreaterThan(10_000);

        int kafkaPort = EmbeddedKafkaResource.freePort();
        int port = EmbeddedKafkaResource.freePort();
        Files.createDirectories(root.resolve("service"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", kafkaPort,
                        EmbeddedKafkaResource.freePort(), root.resolve("kafka"));
                DumpServer server = new DumpServer()) {
            publish(server, day1, 1, false);
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                    "IMDB_SOURCE", server.baseUrl(),
                    "OUTPUT_DIR", root.resolve("output").toString(),
                    "REFRESH_INTERVAL", "off",
                    "ADMIN_TOKEN", TOKEN);
            try (ServiceProcess service = ServiceProcess.start(root.resolve("service"), SERVICE_LOG, port, env, List.of())) {
                service.awaitUp();
                awaitDay(service, expected1);

                Response first = get(port, "/movies/top?limit=100");
                Response firstInGenre = get(port, "/movies/top?limit=100&genre=" + GENRE);
                long version = rankingVersion(first);
                assertThat(rankingVersion(firstInGenre)).isEqualTo(version);
                Walk walk = new Walk(first, version);
                Walk genreWalk = new Walk(firstInGenre, version);

                publish(server, day2, 2, true);
                RestAssured.given().port(port).header("Authorization", "Bearer " + TOKEN)
                        .post("/admin/ingest").then().statusCode(202);
                await("the refresh moves the ranking").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                        .until(() -> service.status().getLong("store.rankingVersion") > version);

                // Half of the pages while the refresh applies its changes, the rest once it is done.
                int pagesDuringRefresh = 0;
                int half = expected1.ranking().size() / 100 / 2;
                for (int i = 0; i < half; i++) {
                    walk.next(port);
                    genreWalk.next(port);
                    if ("RUNNING".equals(service.status().getString("ingest.state"))) {
                        pagesDuringRefresh += 2;
                    }
                }
                awaitDay(service, expected2);
                walk.rest(port);
                genreWalk.rest(port);
                LOG.infof("Walked %d + %d pages of ranking version %d; %d of them while the refresh was running",
                        walk.pages, genreWalk.pages, version, pagesDuringRefresh);

                walk.assertIs(expected1.ranking());
                genreWalk.assertIs(genre1);
                LOG.info("Both walks are day 1's ranking, in order, with day 1's values");
                assertThat(service.status().getLong("store.rankingVersion")).isGreaterThan(version);
            }
        }
    }

    /** A walk by Link headers: every page from the first page's ranking, pinned. */
    private static final class Walk {
        private final long version;
        private final List<String> tconsts = new ArrayList<>();
        private final List<Long> votes = new ArrayList<>();
        private final List<Double> scores = new ArrayList<>();
        private String next;
        private int pages = 1;

        Walk(Response first, long version) throws IOException {
            this.version = version;
            add(first);
            next = nextLink(first);
        }

        /** Read once per page, with Jackson. */
        private void add(Response page) throws IOException {
            for (JsonNode movie : JSON.readTree(page.asByteArray())) {
                tconsts.add(movie.get("tconst").asText());
                votes.add(movie.get("numVotes").asLong());
                scores.add(movie.get("weightedScore").asDouble());
            }
        }

        void next(int port) throws IOException {
            if (next == null) {
                return;
            }
            Response page = get(port, next);
            assertThat(page.statusCode()).as(next).isEqualTo(200);
            assertThat(page.getHeader("Ranking-Pin")).as(next).isEqualTo("kept");
            assertThat(rankingVersion(page)).as(next).isEqualTo(version);
            add(page);
            next = nextLink(page);
            pages++;
        }

        void rest(int port) throws IOException {
            while (next != null) {
                next(port);
                assertThat(pages).isLessThan(100_000);
            }
        }

        /** Exactly these movies, in this order, with these values. */
        void assertIs(List<Rated> expected) {
            assertThat(tconsts).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(expected.stream().map(Rated::tconst).toList());
            assertThat(votes).containsExactlyElementsOf(expected.stream().map(Rated::votes).toList());
            for (int i = 0; i < scores.size(); i++) {
                if (Math.abs(scores.get(i) - expected.get(i).score()) > 1e-9) {
                    assertThat(scores.get(i)).as(tconsts.get(i)).isCloseTo(expected.get(i).score(), within(1e-9));
                }
            }
            assertThat(pages).isEqualTo((expected.size() + 99) / 100);
        }
    }

    /** One rated movie as the files say. */
    record Rated(String tconst, double rating, long votes, double score, List<String> genres) {
    }

    /** What a day's files hold: the movie count and the rated movies, best first. */
    record Day(int movies, List<Rated> ranking) {

        static Day read(Path dir) throws IOException {
            Map<String, String[]> ratings = new HashMap<>();
            try (BufferedReader reader = gunzip(dir.resolve("title.ratings.tsv.gz"))) {
                List<String> header = Arrays.asList(reader.readLine().split("\t", -1));
                int tconst = header.indexOf("tconst");
                int rating = header.indexOf("averageRating");
                int votes = header.indexOf("numVotes");
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] row = line.split("\t", -1);
                    ratings.put(row[tconst], new String[] {row[rating], row[votes]});
                }
            }
            int movies = 0;
            List<Rated> rated = new ArrayList<>();
            try (BufferedReader reader = gunzip(dir.resolve("title.basics.tsv.gz"))) {
                List<String> header = Arrays.asList(reader.readLine().split("\t", -1));
                int tconst = header.indexOf("tconst");
                int type = header.indexOf("titleType");
                int genres = header.indexOf("genres");
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] row = line.split("\t", -1);
                    if (!row[type].equals("movie")) {
                        continue;
                    }
                    movies++;
                    String[] rating = ratings.get(row[tconst]);
                    if (rating != null) {
                        double r = Double.parseDouble(rating[0]);
                        long v = Long.parseLong(rating[1]);
                        // IMDb's weighted rating, (v·R + m·C) / (v + m).
                        double score = (v * r + M * C) / (v + M);
                        List<String> movieGenres = row[genres].equals("\\N") ? List.of() : List.of(row[genres].split(","));
                        rated.add(new Rated(row[tconst], r, v, score, movieGenres));
                    }
                }
            }
            rated.sort(Comparator.comparingDouble(Rated::score).reversed()
                    .thenComparing(Comparator.comparingLong(Rated::votes).reversed())
                    .thenComparing(Rated::tconst));
            return new Day(movies, rated);
        }

        private static BufferedReader gunzip(Path file) throws IOException {
            return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                    StandardCharsets.UTF_8));
        }
    }

    /** Rated movies of day 1 whose score differs on day 2, or that are gone. */
    private static long changedScores(Day day1, Day day2) {
        Map<String, Double> scores = new HashMap<>();
        day2.ranking().forEach(movie -> scores.put(movie.tconst(), movie.score()));
        return day1.ranking().stream().filter(movie -> !Double.valueOf(movie.score()).equals(scores.get(movie.tconst())))
                .count();
    }

    /** Waits until the service holds exactly that day: its movies, and the ranking built from all of them. */
    private static void awaitDay(ServiceProcess service, Day day) {
        await("store holds the day").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath status = service.status();
            assertThat(status.getString("ingest.state")).isEqualTo("COMPLETED");
            assertThat(status.getLong("store.movies")).isEqualTo(day.movies());
            assertThat(status.getLong("store.ratedMovies")).isEqualTo(day.ranking().size());
            assertThat(status.getLong("store.rankingVersion")).isEqualTo(status.getLong("store.version"));
            List<String> top = get(service.port(), "/movies/top?limit=1000").jsonPath().getList("tconst", String.class);
            assertThat(top).containsExactlyElementsOf(day.ranking().subList(0, 1000).stream().map(Rated::tconst).toList());
        });
    }

    /** Serves a day's two files from now on; {@code slowly}: title.basics trickles in. */
    private static void publish(DumpServer server, Path day, int number, boolean slowly) throws IOException {
        server.serve("title.ratings.tsv.gz", Files.readAllBytes(day.resolve("title.ratings.tsv.gz")), number);
        byte[] basics = Files.readAllBytes(day.resolve("title.basics.tsv.gz"));
        if (slowly) {
            server.serveSlowly("title.basics.tsv.gz", basics, number, SLOW_BYTES_PER_SECOND);
        } else {
            server.serve("title.basics.tsv.gz", basics, number);
        }
    }

    /** Runs bench/java/org/imdbetl/bench/DumpGenerator.java in its own JVM, as bench/generate.sh does. */
    private void generate(List<String> args) throws IOException, InterruptedException {
        Path log = root.resolve("generate.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SCALE_FACTOR > 1 ? "-Xmx4g" : "-Xmx1g", GENERATOR));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        assertThat(finished && process.exitValue() == 0).as("generator: %s", Files.readString(log)).isTrue();
    }

    private static long rankingVersion(Response response) {
        return Long.parseLong(response.getHeader("Ranking-Version"));
    }

    private static Response get(int port, String path) {
        return RestAssured.given().port(port).get(path);
    }

}
