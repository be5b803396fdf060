package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imdbetl.catalogue.GeneratedDays;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue through the packaged service and a real broker, on generated dumps (25,400 titles of every
 * type): the writer's answers equal those computed here from day 1's files; day 2 (a series and episodes
 * deleted, episodes re-rated and renumbered, series re-rated, a series with episodes added) refreshes it to
 * day 2's answers;
 * a reader started after that, with stores of its own, builds the same catalogue from the topic alone.
 */
class CatalogueRefreshIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String TOKEN = "catalogue-it-token";
    private static final double M = 100;
    private static final String NULL = "\\N";

    @TempDir
    Path root;

    @Test
    void aNextDayRefreshesTheCatalogueAndALaterReaderAgrees() throws Exception {
        Path day1 = root.resolve("day1");
        Path day2 = root.resolve("day2");
        GeneratedDays.generate(day1, root.resolve("generator.log"));
        GeneratedDays.writeNextDay(day1, day2);
        Path source = root.resolve("source");
        copy(day1, source);
        GeneratedDays.Files first = GeneratedDays.Files.read(day1);
        GeneratedDays.Files second = GeneratedDays.Files.read(day2);

        int writerPort = EmbeddedKafkaResource.freePort();
        int readerPort = EmbeddedKafkaResource.freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", EmbeddedKafkaResource.freePort(),
                EmbeddedKafkaResource.freePort(), root.resolve("kafka"))) {
            Map<String, String> scoring = Map.of("MIN_VOTES_PRIOR", String.valueOf((int) M), "GLOBAL_MEAN_RATING", "auto");
            Map<String, String> writerEnv = new HashMap<>(scoring);
            writerEnv.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "IMDB_SOURCE", source.toString(),
                    "REFRESH_INTERVAL", "off", "ADMIN_TOKEN", TOKEN, "OUTPUT_DIR", root.resolve("writer-output").toString()));
            try (ServiceProcess writer = ServiceProcess.start(root, Path.of("target/catalogue-refresh-it-writer.log"), writerPort,
                    writerEnv, List.of())) {
                writer.awaitUp();
                awaitRefreshed(writer, first.basics().size(), null);
                assertAnswersAsTheFiles(writerPort, first);

                copy(day2, source);
                String before = writer.status().getString("catalogue.refresh.finishedAt");
                RestAssured.given().port(writerPort).header("Authorization", "Bearer " + TOKEN).post("/admin/ingest")
                        .then().statusCode(202);
                awaitRefreshed(writer, second.basics().size(), before);
                Set<String> removed = new HashSet<>(first.basics().keySet());
                removed.removeAll(second.basics().keySet());
                Set<String> added = new HashSet<>(second.basics().keySet());
                added.removeAll(first.basics().keySet());
                JsonPath refresh = writer.status();
                assertThat(refresh.getLong("catalogue.refresh.removed")).isEqualTo(removed.size());
                assertThat(refresh.getLong("catalogue.refresh.added")).isEqualTo(added.size());
                assertThat(removed).anyMatch(t -> first.basics().get(t)[1].equals("tvSeries"));
                for (String gone : removed) {
                    if (first.basics().get(gone)[1].equals("tvSeries")) {
                        RestAssured.given().port(writerPort).get("/titles/" + gone).then().statusCode(404);
                        RestAssured.given().port(writerPort).get("/titles/" + gone + "/episodes").then().statusCode(404);
                    }
                }
                // Series changed: their new rating and votes are served.
                List<String> rerated = second.ofType("tvSeries").stream().filter(t -> first.ratings().containsKey(t)
                        && second.ratings().containsKey(t) && !first.ratings().get(t)[1].equals(second.ratings().get(t)[1])).toList();
                assertThat(rerated).isNotEmpty();
                for (String series : rerated) {
                    JsonPath detail = JsonPath.from(body(writerPort, "/titles/" + series)).using(
                            JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
                    assertThat(detail.getDouble("averageRating")).as(series).isEqualTo(Double.parseDouble(second.ratings().get(series)[1]));
                    assertThat(detail.getLong("numVotes")).as(series).isEqualTo(Long.parseLong(second.ratings().get(series)[2]));
                }
                assertAnswersAsTheFiles(writerPort, second);

                Map<String, String> readerEnv = new HashMap<>(scoring);
                readerEnv.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "INGEST_ON_START", "false",
                        "REFRESH_INTERVAL", "off", "SNAPSHOT_ENABLED", "false",
                        "OUTPUT_DIR", root.resolve("reader-output").toString(),
                        "HISTORY_DIR", root.resolve("reader-history").toString(),
                        "CATALOGUE_DIR", root.resolve("reader-catalogue").toString()));
                try (ServiceProcess reader = ServiceProcess.start(root, Path.of("target/catalogue-refresh-it-reader.log"), readerPort,
                        readerEnv, List.of())) {
                    reader.awaitUp();
                    await("the reader holds the titles topic").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                            .until(() -> reader.status().getBoolean("catalogue.loaded")
                                    && reader.status().getLong("catalogue.titles") == second.basics().size());
                    assertAnswersAsTheFiles(readerPort, second);
                    String series = longestSeries(second);
                    for (String query : List.of("/titles/top?type=tvSeries&limit=100", "/titles/top?type=movie,short&limit=100",
                            "/genres?type=tvEpisode", "/titles/" + series, "/titles/" + series + "/episodes?limit=1000",
                            "/titles/" + series + "/episodes?sort=score&limit=1000")) {
                        assertThat(body(readerPort, query)).as(query).isEqualTo(body(writerPort, query));
                    }
                }
            }
        }
    }

    private static void awaitRefreshed(ServiceProcess writer, long titles, String after) {
        await("the catalogue refreshed").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath status = writer.status();
            return "COMPLETED".equals(status.getString("catalogue.refresh.state"))
                    && !String.valueOf(after).equals(status.getString("catalogue.refresh.finishedAt"))
                    && status.getLong("catalogue.titles") == titles;
        });
    }

    /** The top series, genre counts per type, the longest series' episodes, seasons and best episode, an episode's series. */
    private static void assertAnswersAsTheFiles(int port, GeneratedDays.Files files) {
        Map<String, double[]> ratings = new HashMap<>();
        files.ratings().forEach((t, r) -> ratings.put(t, new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2])}));
        List<String> series = files.ofType("tvSeries");
        double mean = series.stream().filter(ratings::containsKey).mapToDouble(t -> ratings.get(t)[0]).average().orElseThrow();
        List<String> expectedTop = series.stream().filter(ratings::containsKey)
                .sorted(Comparator.comparingDouble((String t) -> -(ratings.get(t)[1] * ratings.get(t)[0] + M * mean) / (ratings.get(t)[1] + M))
                        .thenComparing(t -> -ratings.get(t)[1]).thenComparing(t -> t))
                .limit(20).toList();
        assertThat(get(port, "/titles/top?type=tvSeries&limit=20").jsonPath().getList("tconst", String.class))
                .containsExactlyElementsOf(expectedTop);

        for (String type : List.of("tvSeries", "tvEpisode", "movie", "short")) {
            Map<String, Long> expected = new TreeMap<>();
            for (String tconst : files.ofType(type)) {
                String genres = files.basics().get(tconst)[8];
                for (String genre : genres.equals(NULL) ? List.of("(unknown)") : List.of(genres.split(","))) {
                    expected.merge(genre, 1L, Long::sum);
                }
            }
            JsonPath served = get(port, "/genres?type=" + type).jsonPath();
            Map<String, Long> counts = new TreeMap<>();
            List<String> genres = served.getList("genre", String.class);
            List<Number> titleCounts = served.getList("titleCount", Number.class);
            for (int i = 0; i < genres.size(); i++) {
                counts.put(genres.get(i), titleCounts.get(i).longValue());
            }
            assertThat(counts).as(type).isEqualTo(expected);
        }

        String longest = longestSeries(files);
        List<String[]> rows = episodesOf(files, longest);
        assertThat(rows.size()).isGreaterThanOrEqualTo(300);
        List<String> expectedOrder = rows.stream().sorted(Comparator
                        .comparingLong((String[] r) -> r[2].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(r[2]))
                        .thenComparingLong(r -> r[3].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(r[3]))
                        .thenComparing(r -> r[0]))
                .map(r -> r[0]).toList();
        List<String> walked = new ArrayList<>();
        String next = "/titles/" + longest + "/episodes?limit=100";
        while (next != null) {
            Response page = RestAssured.given().port(port).urlEncodingEnabled(false).get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            walked.addAll(page.jsonPath().getList("tconst", String.class));
            next = org.imdbetl.rest.LinkHeaders.nextLink(page);
        }
        assertThat(walked).containsExactlyElementsOf(expectedOrder);
        String best = rows.stream().map(r -> r[0]).filter(ratings::containsKey)
                .min(Comparator.comparingDouble((String t) -> -ratings.get(t)[0]).thenComparing(t -> -ratings.get(t)[1])
                        .thenComparing(t -> t)).orElseThrow();
        assertThat(get(port, "/titles/" + longest + "/episodes?sort=rating&limit=1").jsonPath().getString("[0].tconst")).isEqualTo(best);
        JsonPath detail = get(port, "/titles/" + longest).jsonPath();
        assertThat(detail.getLong("episodeCount")).isEqualTo(rows.size());
        Set<Integer> seasons = new java.util.TreeSet<>();
        rows.stream().filter(r -> !r[2].equals(NULL)).forEach(r -> seasons.add(Integer.valueOf(r[2])));
        assertThat(detail.getList("seasons.season", Integer.class)).containsExactlyElementsOf(seasons);

        String[] episode = rows.get(rows.size() / 2);
        assertThat(get(port, "/titles/" + episode[0]).jsonPath().getString("series.tconst")).isEqualTo(longest);
    }

    private static String longestSeries(GeneratedDays.Files files) {
        Map<String, Integer> counts = new HashMap<>();
        files.episodes().forEach((tconst, row) -> {
            String[] basics = files.basics().get(tconst);
            if (basics != null && basics[1].equals("tvEpisode")) {
                counts.merge(row[1], 1, Integer::sum);
            }
        });
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).findFirst().orElseThrow().getKey();
    }

    private static List<String[]> episodesOf(GeneratedDays.Files files, String series) {
        return files.episodes().values().stream().filter(r -> r[1].equals(series) && files.basics().containsKey(r[0])
                && files.basics().get(r[0])[1].equals("tvEpisode")).toList();
    }

    private static Response get(int port, String path) {
        Response response = RestAssured.given().port(port).urlEncodingEnabled(false).get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }

    private static String body(int port, String path) {
        return get(port, path).asString();
    }

    /** Each file replaced whole (a temp file, then a move), as a dump directory is updated. */
    private static void copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        for (String file : List.of(ImdbReader.BASICS_FILE, ImdbReader.RATINGS_FILE, ImdbReader.EPISODE_FILE)) {
            Path temp = to.resolve("." + file + ".tmp");
            Files.copy(from.resolve(file), temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, to.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
