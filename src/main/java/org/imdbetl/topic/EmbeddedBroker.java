package org.imdbetl.topic;

import java.nio.file.Path;

/**
 * A Kafka broker running inside this process. {@link EmbeddedKafkaBroker} is the implementation; it
 * is only ever found through {@link java.util.ServiceLoader} ({@link EmbeddedBrokerLoader}), so that
 * a native build can leave it, and Kafka's server jars with it, out.
 */
interface EmbeddedBroker extends AutoCloseable {

    /** host:port clients connect to. */
    String bootstrapServers();

    /** Stops the broker and waits for it; throws nothing checked. */
    @Override
    void close();

    /** The service-provider interface, listed in {@code META-INF/services}. */
    interface Factory {

        /** Starts a broker listening on host:port, its controller on host:controllerPort, logs in logDir. */
        EmbeddedBroker start(String host, int port, int controllerPort, Path logDir);
    }
}
