package org.imdbetl.ingest;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.MovieJson;
import org.imdbetl.kafka.Channels;

/**
 * Sends movies to the {@code movies-out} channel as JSON keyed by tconst. Backpressure is a
 * semaphore: at most {@link #MAX_IN_FLIGHT} records are unacknowledged by Kafka, and {@link #send}
 * blocks the reading thread beyond that, so memory stays bounded over millions of rows.
 */
@ApplicationScoped
public class MovieProducer {

    /** Also the emitter's buffer, which therefore can never overflow. */
    static final int MAX_IN_FLIGHT = 8192;

    private final Emitter<byte[]> emitter;
    private final MovieJson json;
    private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);

    MovieProducer(@Channel(Channels.MOVIES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = MAX_IN_FLIGHT)
            Emitter<byte[]> emitter, MovieJson json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Sends one movie; blocks while too many are in flight. Callbacks run on a Kafka thread. */
    public void send(Movie movie, Runnable onAck, Consumer<Throwable> onNack) throws InterruptedException {
        permits.acquire();
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(movie.tconst())
                .build();
        emitter.send(Message.of(json.encode(movie), Metadata.of(key),
                () -> {
                    onAck.run();
                    permits.release();
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    onNack.accept(failure);
                    permits.release();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(MAX_IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(MAX_IN_FLIGHT);
        return true;
    }
}
