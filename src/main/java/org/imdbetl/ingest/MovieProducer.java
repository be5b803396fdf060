package org.imdbetl.ingest;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.RetriableException;
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
 * blocks the reading thread beyond that, so memory stays bounded over millions of rows and while
 * the broker is away. A record Kafka could not take for a retriable reason (broker gone, timeout)
 * keeps its permit and is sent again after a back-off, so an outage loses nothing.
 */
@ApplicationScoped
public class MovieProducer {

    /** Also the emitter's buffer, which therefore can never overflow. */
    static final int MAX_IN_FLIGHT = 8192;
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final Emitter<byte[]> emitter;
    private final MovieJson json;
    private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "imdb-producer-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong lastWarning = new AtomicLong();

    MovieProducer(@Channel(Channels.MOVIES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = MAX_IN_FLIGHT)
            Emitter<byte[]> emitter, MovieJson json) {
        this.emitter = emitter;
        this.json = json;
    }

    /**
     * Sends one movie; blocks while too many are in flight. Callbacks run on a Kafka thread:
     * {@code onAck} once Kafka has it, {@code onFailure} only for a failure retrying cannot fix.
     */
    public void send(Movie movie, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException {
        permits.acquire();
        emit(movie, json.encode(movie), onAck, onFailure, FIRST_BACKOFF_MILLIS);
    }

    /** Waits until every record sent so far is acknowledged or has failed for good. */
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(MAX_IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(MAX_IN_FLIGHT);
        return true;
    }

    @PreDestroy
    void stop() {
        resends.shutdownNow();
    }

    private void emit(Movie movie, byte[] value, Runnable onAck, Consumer<Throwable> onFailure, long backoffMillis) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(movie.tconst())
                .build();
        emitter.send(Message.of(value, Metadata.of(key),
                () -> {
                    onAck.run();
                    permits.release();
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    if (retriable(failure) && !resends.isShutdown()) {
                        warnAtMostEvery(failure);
                        resends.schedule(() -> emit(movie, value, onAck, onFailure,
                                Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS)), backoffMillis, TimeUnit.MILLISECONDS);
                    } else {
                        onFailure.accept(failure);
                        permits.release();
                    }
                    return CompletableFuture.completedFuture(null);
                }));
    }

    private static boolean retriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private void warnAtMostEvery(Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            Log.warnf("Ingest: Kafka did not take records (%s); retrying with back-off, at most %d records held",
                    failure.getMessage(), MAX_IN_FLIGHT);
        }
    }
}
