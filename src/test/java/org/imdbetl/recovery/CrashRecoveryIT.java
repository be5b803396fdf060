package org.imdbetl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imdbetl.lake.LakeLayout;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, with its embedded broker, killed with SIGKILL at six different moments of a
 * first ingest and once more in the middle of the next day's refresh, while it deletes, and restarted
 * each time, ends with the same outputs as a run that was never interrupted. Restarts start from the
 * store checkpoint the last snapshot wrote, when there is one; one restart finds it corrupted and reads
 * the whole topic instead.
 */
class CrashRecoveryIT {

    private static final int TITLES = 20_000;
    private static final String MSGS_PER_SEC = "3000";
    private static final String SNAPSHOT_INTERVAL = "200ms";
    private static final Duration MOMENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(2);
    /** Kept after the run: every start, kill and recovery of the service, in order. */
    private static final Path SERVICE_LOG = Path.of("target/crash-recovery-it.log");

    @TempDir
    static Path root;
    private static Path dumps;
    private static Path day1;
    private static Path day2;

    /** A moment to kill the service at, given its state and its output folder. */
    private record KillPoint(String name, Predicate<Service> reached) {
        @Override
        public String toString() {
            return name;
        }
    }

    private record Service(ServiceProcess process, Path outputDir, long manifestStamp) {
        JsonPath status() {
            return process.status();
        }

        boolean ingestRunning() {
            return "RUNNING".equals(status().getString("ingest.state"));
        }
    }

    @BeforeAll
    static void writeDumps() throws IOException {
        Files.deleteIfExists(SERVICE_LOG);
        day1 = root.resolve("day1");
        DumpFactory.write(day1, TITLES);
        day2 = root.resolve("day2");
        DayDumps.nextDay(day1, day2, 2, 50);
        dumps = root.resolve("dumps");
    }

    /** Publishes a day's files in the source folder, as a daily download would. */
    private static void publish(Path day) throws IOException {
        Files.createDirectories(dumps);
        for (String file : List.of("title.basics.tsv.gz", "title.ratings.tsv.gz")) {
            Files.copy(day.resolve(file), dumps.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void killedAtAnyMomentEndsWithTheOutputsOfAnUninterruptedRun() throws Exception {
        Path cleanOut = root.resolve("clean");
        int[] cleanPorts = freePorts();
        publish(day1);
        runToCompletion(cleanOut, root.resolve("clean-kafka"), cleanPorts);
        publish(day2);
        runToCompletion(cleanOut, root.resolve("clean-kafka"), cleanPorts);
        LakeContents expected = LakeContents.read(cleanOut);
        assertThat(expected.silver()).hasSize((int) expected.distinctSilverOffsets()).isNotEmpty();
        // Both starts of the packaged jar preloaded the classes a start needs, from a list this build still has.
        List<int[]> preloads = preloads(Files.readString(SERVICE_LOG));
        assertThat(preloads).hasSize(2).allSatisfy(loadedAndMissing -> {
            assertThat(loadedAndMissing[0]).isGreaterThan(5_000);
            assertThat(loadedAndMissing[1]).isLessThanOrEqualTo(loadedAndMissing[0] / 100);
        });

        List<KillPoint> moments = List.of(
                new KillPoint("as soon as the service answers", service -> true),
                new KillPoint("early in the ingest", s -> s.ingestRunning() && s.status().getLong("ingest.sent") >= 1_500),
                new KillPoint("in the middle of writing a snapshot", s -> hasTempFile(s.outputDir())),
                new KillPoint("later in the ingest", s -> s.ingestRunning() && s.status().getLong("ingest.sent") >= 1_000),
                new KillPoint("right after a snapshot", s -> manifestStamp(s.outputDir()) != s.manifestStamp()),
                new KillPoint("right after the ingest completed", s -> "COMPLETED".equals(s.status().getString("ingest.state"))));

        Path crashOut = root.resolve("crash");
        Path crashKafka = root.resolve("crash-kafka");
        int[] ports = freePorts();
        List<String> killedAt = new ArrayList<>();
        publish(day1);
        for (KillPoint moment : moments) {
            try (ServiceProcess process = start(crashOut, crashKafka, ports)) {
                Service service = new Service(process.awaitUp(), crashOut, manifestStamp(crashOut));
                await(moment.name()).atMost(MOMENT_TIMEOUT).pollInterval(POLL).pollDelay(Duration.ZERO)
                        .until(() -> moment.reached().test(service));
                process.kill();
                killedAt.add(moment.name());
            }
        }
        // The last kill came after a snapshot: its checkpoint is there. Torn, it must cost a replay, not data.
        Path checkpoint = new LakeLayout(crashOut).storeCheckpoint();
        assertThat(checkpoint).exists();
        byte[] torn = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(torn, torn.length / 2));
        long day1Movies = runToCompletion(crashOut, crashKafka, ports);
        assertThat(Files.readString(SERVICE_LOG)).contains("could not read the store checkpoint " + checkpoint);

        publish(day2);
        long checkpointMovies;
        try (ServiceProcess process = start(crashOut, crashKafka, ports)) {
            Service service = new Service(process.awaitUp(), crashOut, manifestStamp(crashOut));
            await("in the middle of a refresh that deletes").atMost(MOMENT_TIMEOUT).pollInterval(POLL)
                    .until(() -> service.ingestRunning() && service.status().getLong("store.movies") < day1Movies);
            checkpointMovies = service.status().getLong("consumer.checkpointMovies");
            process.kill();
            killedAt.add("in the middle of a refresh that deletes");
        }
        runToCompletion(crashOut, crashKafka, ports);
        LakeContents actual = LakeContents.read(crashOut);

        assertThat(killedAt).hasSize(7);
        // The start before the refresh read only the topic's tail: the graceful stop's checkpoint held day 1.
        assertThat(checkpointMovies).isEqualTo(day1Movies);
        assertThat(actual.silverDeletes()).isPositive().isEqualTo(expected.silverDeletes());
        assertThat(actual.distinctSilverOffsets()).isEqualTo(actual.silver().size());
        assertThat(actual.silver()).containsExactlyElementsOf(expected.silver());
        assertThat(actual.genreCounts()).containsExactlyElementsOf(expected.genreCounts());
        assertThat(actual.movieScores()).containsExactlyElementsOf(expected.movieScores());
        assertThat(actual.genreCountsCsv()).isEqualTo(expected.genreCountsCsv());
        assertThat(actual.topMoviesCsv()).isEqualTo(expected.topMoviesCsv());
    }

    /**
     * Starts, waits for the ingest and a snapshot that covers everything consumed, then stops gracefully.
     *
     * @return the movies in the store at the end
     */
    private static long runToCompletion(Path outputDir, Path kafkaDir, int[] ports) throws Exception {
        try (ServiceProcess process = start(outputDir, kafkaDir, ports)) {
            process.awaitUp();
            await("ingest and snapshot complete").atMost(MOMENT_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonPath status = process.status();
                return "COMPLETED".equals(status.getString("ingest.state"))
                        && status.getBoolean("consumer.storeLoaded")
                        && !status.getMap("consumer.offsets").isEmpty()
                        && status.getMap("snapshot.offsets").equals(status.getMap("consumer.offsets"))
                        && status.getString("snapshot.lastWrittenAt") != null;
            });
            long movies = process.status().getLong("store.movies");
            process.stop();
            return movies;
        }
    }

    /** Each "Start-up: loaded N classes ... (M listed but not found)" line of the log, as {N, M}. */
    private static List<int[]> preloads(String log) {
        Matcher line = Pattern.compile("Start-up: loaded (\\d+) classes beside the main thread in \\d+ ms \\((\\d+) listed but not found\\)")
                .matcher(log);
        List<int[]> preloads = new ArrayList<>();
        while (line.find()) {
            preloads.add(new int[] {Integer.parseInt(line.group(1)), Integer.parseInt(line.group(2))});
        }
        return preloads;
    }

    private static ServiceProcess start(Path outputDir, Path kafkaDir, int[] ports) throws IOException {
        Files.createDirectories(outputDir);
        return ServiceProcess.start(root, SERVICE_LOG, ports[0], Map.of(
                        "IMDB_SOURCE", dumps.toString(),
                        "OUTPUT_DIR", outputDir.toString(),
                        "MSGS_PER_SEC", MSGS_PER_SEC,
                        "SNAPSHOT_INTERVAL", SNAPSHOT_INTERVAL),
                List.of("-Dimdb.kafka.embedded.port=" + ports[1],
                        "-Dimdb.kafka.embedded.controller-port=" + ports[2],
                        "-Dimdb.kafka.embedded.log-dir=" + kafkaDir));
    }

    private static int[] freePorts() throws IOException {
        return new int[] {EmbeddedKafkaResource.freePort(), EmbeddedKafkaResource.freePort(), EmbeddedKafkaResource.freePort()};
    }

    private static boolean hasTempFile(Path outputDir) {
        if (!Files.isDirectory(outputDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(outputDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        } catch (IOException | java.io.UncheckedIOException e) {
            // A temp file renamed while the walk looked at it: the moment was there, but look again.
            return false;
        }
    }

    private static long manifestStamp(Path outputDir) {
        try {
            Path manifest = new LakeLayout(outputDir).manifest();
            return Files.exists(manifest) ? Files.getLastModifiedTime(manifest).toMillis() + Files.size(manifest) : 0;
        } catch (IOException e) {
            return -1;
        }
    }
}
