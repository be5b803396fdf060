package org.imdbetl.topic;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.ingest.TitleSender;

/**
 * Sends catalogue records (catalogue.TitleRecordCodec, versioned binary) to the {@code titles-out} channel's
 * producer, keyed by tconst, at most {@link #MAX_IN_FLIGHT} unacknowledged ({@link BoundedSender}). The emitter
 * only has the channel started.
 */
@ApplicationScoped
public class TitleProducer implements TitleSender {

    static final int MAX_IN_FLIGHT = 16384;

    private final BoundedSender sender;

    TitleProducer(@Channel(Channels.TITLES_OUT) Emitter<Record<String, byte[]>> channel, KafkaClientService clients,
            ImdbConfig config, KafkaBroker broker) {
        this.sender = BoundedSender.onChannel(clients, Channels.TITLES_OUT, config.kafka().titlesTopic(), MAX_IN_FLIGHT,
                broker::failure);
    }

    @Override
    public void send(String tconst, byte[] value, Runnable onAck, Consumer<Throwable> onFailure)
            throws InterruptedException, IOException {
        sender.emit(tconst, value, onAck, onFailure);
    }

    /** A tombstone: compaction keeps it for the topic's delete.retention.ms, then drops the key. */
    @Override
    public void delete(String tconst, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException {
        sender.emit(tconst, null, onAck, onFailure);
    }

    @Override
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException {
        return sender.awaitAllAcknowledged(timeout);
    }
}
