package org.imdbetl.topic;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Kafka broker running inside this process. {@link EmbeddedKafkaBroker} is the implementation; it
 * is only ever found through {@link java.util.ServiceLoader} ({@link EmbeddedBrokerLoader}), so that
 * a native build can leave it, and Kafka's server jars with it, out.
 */
interface EmbeddedBroker extends AutoCloseable {

    /** host:port clients connect to. */
    String bootstrapServers();

    /** Where the broker keeps its log. */
    Path logDir();

    /**
     * Why the broker stopped serving while the service runs on (its log dir failed, a full disk above
     * all), if it did; empty while it works.
     */
    Optional<String> failure();

    /** Stops the broker and waits for it; throws nothing checked. */
    @Override
    void close();

    /** The service-provider interface, listed in {@code META-INF/services}. */
    interface Factory {

        /** Starts a broker listening on host:port, its controller on host:controllerPort, logs in logDir. */
        EmbeddedBroker start(String host, int port, int controllerPort, Path logDir);
    }
}
