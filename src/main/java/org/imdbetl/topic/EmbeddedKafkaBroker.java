package org.imdbetl.topic;

import io.quarkus.logging.Log;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka (combined KRaft broker and controller) inside this JVM, for
 * machines without a Kafka cluster or Docker. Plain Java so that tests can start one too.
 * <p>
 * The only class that uses Kafka's server jars. The service finds it through {@link Provider}, listed
 * in {@code META-INF/services}, never directly, so the native build ({@code -Pnative}) can leave
 * this file and those jars out.
 */
public final class EmbeddedKafkaBroker implements EmbeddedBroker {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int BROKER_HEARTBEAT_INTERVAL_MS = 100;
    private static final int BROKER_SESSION_TIMEOUT_MS = 10 * BROKER_HEARTBEAT_INTERVAL_MS;
    /** How long a broker that stopped serving is given to shut down. */
    private static final long FAILED_SHUTDOWN_WAIT_MS = 10_000;

    /**
     * What Kafka asked for instead of halting or exiting the JVM; shared because {@link Exit}'s procedures
     * are, and one embedded broker runs per service.
     */
    private static final AtomicReference<String> FAILURE = new AtomicReference<>();

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;

    /** Found by {@link java.util.ServiceLoader}. */
    public static final class Provider implements EmbeddedBroker.Factory {

        @Override
        public EmbeddedBroker start(String host, int port, int controllerPort, Path logDir) {
            return EmbeddedKafkaBroker.start(host, port, controllerPort, logDir);
        }
    }

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /**
     * Starts a broker, formatting the log directory only on first use so a restart keeps its topics
     * (formatting again would give the directory a new cluster id, which Kafka refuses).
     */
    public static EmbeddedKafkaBroker start(String host, int port, int controllerPort, Path logDir) {
        Path dir = logDir.toAbsolutePath().normalize();
        String bootstrap = host + ":" + port;
        Properties props = brokerProperties(host, port, controllerPort, dir);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(dir);
            }
            keepTheServiceAlive();
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(server, bootstrap, dir);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker on " + bootstrap
                    + " with log dir " + dir + " (is the port in use? set KAFKA_BOOTSTRAP_SERVERS to use another broker): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Kafka halts the JVM when its log dirs fail (a full disk): in this service that would end the reads
     * too, which the store can go on serving. So a halt or exit Kafka asks for is recorded and logged
     * instead, and the broker is reported stopped ({@link #failure}) until a restart.
     */
    private static void keepTheServiceAlive() {
        FAILURE.set(null);
        Exit.setHaltProcedure((status, message) -> stopped("halt", status, message));
        Exit.setExitProcedure((status, message) -> stopped("exit", status, message));
    }

    private static void stopped(String what, int status, String message) {
        String reason = message == null || message.isBlank() ? "Kafka asked to " + what + " the JVM (status " + status + ")"
                : message;
        if (FAILURE.compareAndSet(null, reason)) {
            Log.errorf("Kafka: the embedded broker stopped: %s. The service keeps serving what its store holds;"
                    + " refreshes wait. Free space in the broker's log dir if it is full, then restart the service:"
                    + " nothing acknowledged is lost", reason);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Path logDir() {
        return logDir;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(FAILURE.get());
    }

    /**
     * Stops the broker and waits for it; a broker that stopped serving (see {@link #failure}) may never finish
     * its shutdown, so then the wait is bounded and the process exits without it (its log recovers at the next
     * start, as after a crash).
     */
    @Override
    public void close() {
        if (FAILURE.get() == null) {
            server.shutdown();
            server.awaitShutdown();
        } else {
            Thread stop = new Thread(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, "imdb-broker-stop");
            stop.setDaemon(true);
            stop.start();
            try {
                stop.join(FAILED_SHUTDOWN_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stop.isAlive()) {
                Log.warnf("Kafka: the stopped broker did not shut down within %d ms; leaving it to the process's exit",
                        FAILED_SHUTDOWN_WAIT_MS);
            }
        }
        Exit.resetHaltProcedure();
        Exit.resetExitProcedure();
    }

    private static void format(Path dir) throws Exception {
        Log.infof("Formatting embedded Kafka log dir %s", dir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
    }

    private static Properties brokerProperties(String host, int port, int controllerPort, Path dir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dir.toString());
        props.put("metadata.log.dir", dir.toString());
        // One node: every internal topic must live with a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created by TopicAdmin with the configured partitions, never implicitly.
        props.put("auto.create.topics.enable", "false");
        // The log cleaner's dedupe buffer defaults to 128 MB of heap, allocated at start-up: too much of a
        // small service's heap. A smaller one compacts in more passes.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // One node needs no patience: elect and unfence at once instead of after seconds of time-outs.
        props.put("controller.quorum.election.timeout.ms", "200");
        props.put("controller.quorum.fetch.timeout.ms", "400");
        props.put("broker.heartbeat.interval.ms", String.valueOf(BROKER_HEARTBEAT_INTERVAL_MS));
        // After a SIGKILL the controller keeps the dead incarnation's registration until its session
        // expires, counted from the controller's own start, and refuses the new one
        // (DUPLICATE_BROKER_REGISTRATION) until then: with the default session that wait was most of a
        // restart (docs/performance.md, "Restart"). The session only
        // decides when a silent broker is fenced; here broker and controller share one JVM, so a fence
        // only happens during a stall longer than this (10 heartbeats), and costs a pause of the
        // partitions, not data: producers retry idempotently, and the one replica is elected again
        // once it heartbeats.
        props.put("broker.session.timeout.ms", String.valueOf(BROKER_SESSION_TIMEOUT_MS));
        return props;
    }

}
