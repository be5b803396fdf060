package org.imdbetl.topic;

import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
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
}
