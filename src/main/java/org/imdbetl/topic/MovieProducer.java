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
import org.imdbetl.domain.Movie;
import org.imdbetl.ingest.MovieSender;

/**
 * Sends movies to the {@code movies-out} channel's producer as JSON keyed by tconst. Backpressure: at
 * most {@link #MAX_IN_FLIGHT} records unacknowledged by Kafka ({@link BoundedSender}). Retrying is the
 * idempotent producer's own job (application.properties: an unbounded {@code delivery.timeout.ms}),
 * so an outage loses nothing and duplicates nothing. The emitter is never sent to: it only has the
 * channel started ({@link BoundedSender#onChannel}).
 */
@ApplicationScoped
public class MovieProducer implements MovieSender {

    static final int MAX_IN_FLIGHT = 8192;

    private final BoundedSender sender;
    private final MovieJson json;

    MovieProducer(@Channel(Channels.MOVIES_OUT) Emitter<Record<String, byte[]>> channel, KafkaClientService clients,
            ImdbConfig config, KafkaBroker broker, MovieJson json) {
        this.sender = BoundedSender.onChannel(clients, Channels.MOVIES_OUT, config.kafka().topic(), MAX_IN_FLIGHT, broker::failure);
        this.json = json;
    }

    /** Callbacks run on a Kafka thread. */
    @Override
    public void send(Movie movie, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException {
        sender.emit(movie.tconst(), json.encode(movie), onAck, onFailure);
    }

    /**
     * Sends a tombstone (the key, no value): the movie left the dump. Compaction keeps the tombstone
     * for the topic's delete.retention.ms, then drops the key altogether.
     */
    @Override
    public void delete(String tconst, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException {
        sender.emit(tconst, null, onAck, onFailure);
    }

    @Override
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException {
        return sender.awaitAllAcknowledged(timeout);
    }
}
