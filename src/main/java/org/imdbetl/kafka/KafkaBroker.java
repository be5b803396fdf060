package org.imdbetl.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.imdbetl.config.ImdbConfig;

/**
 * Decides which broker the service talks to. With {@code kafka.bootstrap.servers} (env
 * KAFKA_BOOTSTRAP_SERVERS) set, that external broker; otherwise an embedded one, started before
 * the messaging connectors and stopped after them. The embedded broker is loaded by name
 * ({@link EmbeddedBrokerLoader}): a native image has none and stops at start-up saying so.
 */
@Singleton
public class KafkaBroker {

    /** Before SmallRye Reactive Messaging starts its channels (LIBRARY_BEFORE). */
    public static final int START_PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;

    private final ImdbConfig.Kafka config;
    private final Optional<String> external;
    private EmbeddedBroker embedded;

    KafkaBroker(ImdbConfig config, Config rawConfig) {
        this.config = config.kafka();
        this.external = rawConfig.getOptionalValue("kafka.bootstrap.servers", String.class);
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        if (external.isPresent()) {
            Log.infof("Kafka: using the external broker at %s", external.get());
            return;
        }
        ImdbConfig.Kafka.Embedded settings = config.embedded();
        embedded = EmbeddedBrokerLoader.start(settings.host(), settings.port(), settings.controllerPort(), settings.logDir());
        Log.infof("Kafka: started the embedded KRaft broker at %s (log dir %s); set KAFKA_BOOTSTRAP_SERVERS to use your own",
                embedded.bootstrapServers(), settings.logDir().toAbsolutePath().normalize());
    }

    /** Runs once every application-scoped bean, the Kafka connector's clients among them, is gone. */
    void stop(@Observes @Destroyed(ApplicationScoped.class) Object event) {
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
