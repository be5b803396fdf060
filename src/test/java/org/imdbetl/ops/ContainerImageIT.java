package org.imdbetl.ops;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.imdbetl.lake.LakeLayout;
import org.imdbetl.pipeline.SampleExpectations.Expected;
import org.imdbetl.pipeline.SampleExpectations;
import org.imdbetl.topic.EmbeddedKafkaBroker;
import org.imdbetl.topic.EmbeddedKafkaResource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM image as users get it: built from {@code src/main/docker/Dockerfile.jvm} with the docker CLI
 * and run once on its embedded broker and once on an external one. No Testcontainers: it would pull
 * images, and no registry may be reachable. Needs a Docker engine ({@code DOCKER_HOST} or the default
 * socket); without one it is skipped, unless {@code -Dcontainer.required=true}. The base images come
 * from {@code -Dcontainer.jdk-image} / {@code -Dcontainer.jre-image} (or CONTAINER_JDK_IMAGE /
 * CONTAINER_JRE_IMAGE), else the Dockerfile's defaults. Containers use the host's network, so every
 * port is a free one chosen here and only loopback is ever addressed.
 */
class ContainerImageIT {

    private static final String IMAGE = "imdb-etl:it";
    // The build stage gets a tag too: untagged, `docker image prune` would drop Maven's cached layer with it.
    private static final String BUILD_STAGE_IMAGE = "imdb-etl-build:it";
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final Path LOGS = Path.of("target");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);
    // The image's healthcheck runs every 10 s; the service is ready some 20 s after its start here.
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(2);
    private static final double M = 3000;
    private static final double C = 6.5;
    // Any uid other than root's: a container running as a plain user must still write its outputs.
    private static final int NON_ROOT_UID = 10001;

    private static SampleExpectations expected;
    private static String missingEngine;

    @TempDir
    Path root;

    @BeforeAll
    static void buildImage() throws Exception {
        missingEngine = missingEngine();
        if (missingEngine != null) {
            if (Boolean.getBoolean("container.required")) {
                fail("container.required=true, but " + missingEngine);
            }
            // Failsafe's console shows a skip but not its reason; this line does.
            Logger.getLogger(ContainerImageIT.class).warnf("ContainerImageIT skipped: %s", missingEngine);
            return;
        }
        expected = SampleExpectations.compute(SampleExpectations.SAMPLE_DIR, M, C);
        List<String> baseImages = new ArrayList<>();
        setting("container.jdk-image", "CONTAINER_JDK_IMAGE")
                .ifPresent(image -> baseImages.addAll(List.of("--build-arg", "JDK_IMAGE=" + image)));
        setting("container.jre-image", "CONTAINER_JRE_IMAGE")
                .ifPresent(image -> baseImages.addAll(List.of("--build-arg", "JRE_IMAGE=" + image)));
        // --network host: the build stage downloads from Maven Central as this machine does.
        List<String> build = new ArrayList<>(List.of("build", "--network", "host", "-f", DOCKERFILE.toString()));
        build.addAll(baseImages);
        Path log = LOGS.resolve("container-image-it-build.log");
        Files.deleteIfExists(log);
        dockerLogged(log, BUILD_TIMEOUT, concat(build, "--target", "build", "-t", BUILD_STAGE_IMAGE, "."));
        dockerLogged(log, BUILD_TIMEOUT, concat(build, "-t", IMAGE, "."));
    }

    // Skips each test rather than the class, so that reports count them as skipped, with the reason.
    @BeforeEach
    void requireEngine() {
        Assumptions.assumeTrue(missingEngine == null, missingEngine);
    }

    @Test
    void runsOnItsEmbeddedBroker() throws Exception {
        int kafkaPort = EmbeddedKafkaResource.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IMDB_KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort));
        env.put("IMDB_KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(EmbeddedKafkaResource.freePort()));
        Path output = Files.createDirectory(root.resolve("output"));
        // As the image's own user (root), like `docker compose up`, unless that would leave files we cannot delete.
        runAndCheck("embedded", env, output, currentUid() == 0 ? null : currentUid(), "127.0.0.1:" + kafkaPort);
    }

    @Test
    void runsOnAnExternalBroker() throws Exception {
        Path output = Files.createDirectory(root.resolve("output"));
        int uid = currentUid();
        if (uid == 0) {
            uid = NON_ROOT_UID;
            Files.setAttribute(output, "unix:uid", uid);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", EmbeddedKafkaResource.freePort(),
                EmbeddedKafkaResource.freePort(), root.resolve("kafka"))) {
            runAndCheck("external", Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), output, uid,
                    broker.bootstrapServers());
        }
    }

    /** Runs the image, waits for its own healthcheck, checks the answers and outputs, and always removes it. */
    private void runAndCheck(String mode, Map<String, String> extraEnv, Path output, Integer uid, String bootstrap)
            throws Exception {
        int httpPort = EmbeddedKafkaResource.freePort();
        String name = "imdb-etl-it-" + mode + "-" + ProcessHandle.current().pid();
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "host",
                "-v", output.toAbsolutePath() + ":/deployments/data/output",
                // Loopback only: with the host's network, 0.0.0.0 would open the port on every interface.
                "-e", "QUARKUS_HTTP_HOST=127.0.0.1", "-e", "HTTP_PORT=" + httpPort,
                "-e", "IMDB_SOURCE=sample", "-e", "MIN_VOTES_PRIOR=" + (long) M, "-e", "GLOBAL_MEAN_RATING=" + C));
        extraEnv.forEach((key, value) -> run.addAll(List.of("-e", key + "=" + value)));
        if (uid != null) {
            // Group 0 may write the image's data folders, so any uid runs; output files stay the test's.
            run.addAll(List.of("--user", uid + ":0"));
        }
        run.add(IMAGE);
        try {
            docker(run);
            await("healthcheck of " + name).atMost(HEALTHY_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> health(name), "healthy"::equals);
            await("ingest in " + name).atMost(INGEST_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> "COMPLETED".equals(get(httpPort, "/status").jsonPath().getString("ingest.state")));

            assertThat(genres(httpPort)).containsExactlyEntriesOf(expected.genreCounts());
            assertThat(get(httpPort, "/movies/top?limit=1000").jsonPath().getList("tconst", String.class))
                    .containsExactlyElementsOf(expected.ranking().stream().map(Expected::tconst).toList());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.listTopics().names().get()).as("topics on %s", bootstrap)
                        .contains("imdb-movies", "imdb-movies-dlq");
            }
            LakeLayout lake = new LakeLayout(output);
            List<Path> files = List.of(lake.manifest(), lake.genreCountsParquet(), lake.movieScoresParquet(),
                    lake.genreCountsCsv(), lake.topMoviesCsv());
            await("outputs in " + output).atMost(INGEST_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> files.stream().allMatch(f -> Files.isRegularFile(f) && size(f) > 0));
            assertThat(Files.readAllLines(lake.genreCountsCsv())).as("header and one row per genre")
                    .hasSize(expected.genreCounts().size() + 1);
            for (Path file : files) {
                assertThat(Files.getAttribute(file, "unix:uid")).as("owner of %s", file).isEqualTo(uid == null ? 0 : uid);
            }
        } finally {
            Files.writeString(LOGS.resolve("container-image-it-" + mode + ".log"), logs(name));
            remove(name);
        }
    }

    /** docker rm -f, where a container that was never created is not an error (and would hide the real one). */
    private static void remove(String name) throws IOException, InterruptedException {
        try {
            docker(List.of("rm", "-f", name));
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("No such container")) {
                throw e;
            }
        }
    }

    /** The container's health as Docker's healthcheck sees it; fails at once if the container stopped. */
    private static String health(String name) throws IOException, InterruptedException {
        String[] state = docker(List.of("inspect", "--format", "{{.State.Status}} {{.State.Health.Status}}", name))
                .split(" ");
        if (!state[0].equals("running") || state[1].equals("unhealthy")) {
            throw new IllegalStateException(name + " is " + String.join(" ", state) + "; last log lines:\n"
                    + tail(logs(name)));
        }
        return state[1];
    }

    private static String logs(String name) {
        try {
            return docker(List.of("logs", name));
        } catch (IOException | RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no logs: interrupted)";
        }
    }

    private static Response get(int port, String path) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port).get(path)
                .then().statusCode(200).extract().response();
    }

    private static Map<String, Long> genres(int port) {
        List<Map<String, Object>> rows = get(port, "/genres").jsonPath().getList("");
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put((String) row.get("genre"), ((Number) row.get("movieCount")).longValue()));
        return counts;
    }

    /** Null when a Docker engine answers, else why not, on one line. */
    private static String missingEngine() throws InterruptedException {
        String where = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        try {
            docker(List.of("version", "--format", "{{.Server.Version}}"));
            return null;
        } catch (IOException | IllegalStateException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            return "no Docker engine answers at " + where + ": " + reason.lines().reduce((a, b) -> b).orElse(reason);
        }
    }

    /** Runs the docker CLI and returns its output; fails on a non-zero exit or after a minute. */
    private static String docker(List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker-cli", ".out");
        try {
            run(args, out, COMMAND_TIMEOUT);
            return Files.readString(out).strip();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A long docker command whose output goes to {@code log} (appended), for reading after a failure. */
    private static void dockerLogged(Path log, Duration timeout, List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ docker " + String.join(" ", args) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        run(args, log, timeout);
    }

    private static void run(List<String> args, Path out, Duration timeout) throws IOException, InterruptedException {
        List<String> command = concat(List.of("docker"), args.toArray(String[]::new));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!process.waitFor(timeout.toMillis(), MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took more than " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + tail(Files.readString(out)));
        }
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** This JVM's uid: the owner of the folder it just created. */
    private int currentUid() throws IOException {
        return (Integer) Files.getAttribute(root, "unix:uid");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
