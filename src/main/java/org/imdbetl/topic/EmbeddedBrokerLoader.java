package org.imdbetl.topic;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the embedded broker with {@link ServiceLoader}. The JVM build lists
 * {@link EmbeddedKafkaBroker.Provider} in {@code META-INF/services}; the native build ({@code -Pnative})
 * leaves it and Kafka's server jars out, and then asking for an embedded broker fails at once with a
 * message saying what to set.
 */
final class EmbeddedBrokerLoader {

    /** Why the service stops when no broker is configured and none can be embedded. */
    static final String NOT_AVAILABLE = "Kafka: this build has no embedded broker; set KAFKA_BOOTSTRAP_SERVERS"
            + " to an external Kafka (with docker compose: kafka:9092). Native images and -Pnative builds leave"
            + " the embedded broker and Kafka's server jars out.";

    private EmbeddedBrokerLoader() {
    }

    /** Whether this build can embed a broker. */
    static boolean available() {
        return factory(Thread.currentThread().getContextClassLoader()).isPresent();
    }

    /** Starts the embedded broker; errors of the broker itself come out unchanged. */
    static EmbeddedBroker start(String host, int port, int controllerPort, Path logDir) {
        return start(Thread.currentThread().getContextClassLoader(), host, port, controllerPort, logDir);
    }

    /** As {@link #start(String, int, int, Path)}, looking in the given class loader: for tests. */
    static EmbeddedBroker start(ClassLoader loader, String host, int port, int controllerPort, Path logDir) {
        return factory(loader).orElseThrow(() -> new IllegalStateException(NOT_AVAILABLE))
                .start(host, port, controllerPort, logDir);
    }

    private static Optional<EmbeddedBroker.Factory> factory(ClassLoader loader) {
        try {
            return ServiceLoader.load(EmbeddedBroker.Factory.class, loader).findFirst();
        } catch (ServiceConfigurationError e) {
            // A listed provider whose class is missing: a build that left the broker out.
            return Optional.empty();
        }
    }
}
