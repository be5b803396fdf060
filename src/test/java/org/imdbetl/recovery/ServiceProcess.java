package org.imdbetl.recovery;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service in its own JVM, as a user runs it, so it can be killed like one. */
final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    /** Generous: a start took over 90 s on a machine at a load average of 30. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final int httpPort;

    private ServiceProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts the service with the given environment; output goes to {@code log}. */
    static ServiceProcess start(Path workDir, Path log, int httpPort, Map<String, String> env, List<String> sysProps)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(sysProps);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
        return new ServiceProcess(builder.start(), httpPort);
    }

    /** Waits until the service answers /status. */
    ServiceProcess awaitUp() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> status() != null);
        return this;
    }

    JsonPath status() {
        if (!process.isAlive()) {
            throw new IllegalStateException("service exited with " + process.exitValue());
        }
        return RestAssured.given().port(httpPort).get("/status").then().statusCode(200).extract().jsonPath();
    }

    int port() {
        return httpPort;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no final snapshot, the embedded broker dies mid-write too. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful stop with its final snapshot. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * SIGTERM, and how long the process took to exit; it is killed after {@code limit}.
     *
     * @return the time to exit, or null when it had to be killed
     */
    Duration stopWithin(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits for the process to end by itself; its exit code, or null when it still runs after {@code limit}. */
    Integer awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal (STOP, CONT, ...) with the system's kill. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
