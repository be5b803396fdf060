package org.imdbetl.topic;

import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.imdbetl.config.ImdbConfig;

/**
 * Decides which broker the service talks to. With {@code kafka.bootstrap.servers} (env
 * KAFKA_BOOTSTRAP_SERVERS) set, that external broker; otherwise an embedded one, found with
 * {@link java.util.ServiceLoader}: a native image has none and stops at start-up saying so.
 * The start-up sequence ({@code app.Startup}) starts and stops it.
 */
@Singleton
public class KafkaBroker {

    private final ImdbConfig.Kafka config;
    private final Optional<String> external;
    private EmbeddedBroker embedded;

    KafkaBroker(ImdbConfig config, Config rawConfig) {
        this.config = config.kafka();
        this.external = rawConfig.getOptionalValue("kafka.bootstrap.servers", String.class);
    }

    /** Starts the embedded broker unless an external one is configured. */
    public synchronized void start() {
        if (external.isPresent()) {
            Log.infof("Kafka: using the external broker at %s", external.get());
            return;
        }
        ImdbConfig.Kafka.Embedded settings = config.embedded();
        long started = System.nanoTime();
        embedded = EmbeddedBrokerLoader.start(settings.host(), settings.port(), settings.controllerPort(), settings.logDir());
        Log.infof("Kafka: started the embedded KRaft broker at %s in %d ms (log dir %s); set KAFKA_BOOTSTRAP_SERVERS to use your own",
                embedded.bootstrapServers(), (System.nanoTime() - started) / 1_000_000, settings.logDir().toAbsolutePath().normalize());
    }

    /** Stops the embedded broker, if one runs; call once every Kafka client is closed. */
    public synchronized void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
            Log.info("Kafka: embedded broker stopped");
        }
    }

    /** The bootstrap servers every client of this service uses. */
    public String bootstrapServers() {
        return external.orElseGet(() -> config.embedded().host() + ":" + config.embedded().port());
    }

    public boolean isEmbedded() {
        return external.isEmpty();
    }

    /** Why the embedded broker stopped serving, if it did (see {@link EmbeddedBroker#failure}). */
    public synchronized Optional<String> failure() {
        return embedded == null ? Optional.empty() : embedded.failure();
    }

    /** Bytes free for the embedded broker's log, or -1 (an external broker, or unknown). */
    public long logDirFreeBytes() {
        if (external.isPresent()) {
            return -1;
        }
        Path dir = config.embedded().logDir().toAbsolutePath();
        try {
            return Files.getFileStore(Files.exists(dir) ? dir : dir.getParent()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Why a refresh must not write to the broker now, if it must not: the embedded broker stopped, or its
     * disk has less than {@code minFreeBytes} free (a full log disk stops the broker).
     */
    public Optional<String> refusesWrites(long minFreeBytes) {
        Optional<String> failure = failure();
        if (failure.isPresent()) {
            return Optional.of("the embedded Kafka broker stopped (" + failure.get() + "); free space in "
                    + config.embedded().logDir() + " if it is full, then restart the service");
        }
        long free = logDirFreeBytes();
        if (free >= 0 && free < minFreeBytes) {
            return Optional.of("only " + free / (1024 * 1024) + " MB are free for the embedded broker's log in "
                    + config.embedded().logDir().toAbsolutePath() + ", under imdb.refresh.min-free-disk ("
                    + minFreeBytes / (1024 * 1024) + " MB); a broker whose disk fills stops");
        }
        return Optional.empty();
    }
}
