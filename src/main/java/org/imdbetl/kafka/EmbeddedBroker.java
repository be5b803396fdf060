package org.imdbetl.kafka;

/**
 * A Kafka broker running inside this process. {@link EmbeddedKafkaBroker} is the implementation; it
 * is only ever reached through {@link EmbeddedBrokerLoader}, so that a native build can leave it,
 * and Kafka's server jars with it, out.
 */
public interface EmbeddedBroker extends AutoCloseable {

    /** host:port clients connect to. */
    String bootstrapServers();

    /** Stops the broker and waits for it; throws nothing checked. */
    @Override
    void close();
}
