package org.imdbetl.topic;

import io.smallrye.reactive.messaging.kafka.Record;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Explicit backpressure for an emitter: at most {@code maxInFlight} records unacknowledged by Kafka;
 * {@link #emit} blocks the calling thread beyond that, so memory stays bounded over millions of rows
 * and while the broker is away. Size the emitter's buffer to the same number so it never overflows.
 */
final class BoundedSender {

    private final Emitter<Record<String, byte[]>> emitter;
    private final int maxInFlight;
    private final Semaphore permits;

    BoundedSender(Emitter<Record<String, byte[]>> emitter, int maxInFlight) {
        this.emitter = emitter;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    /** Sends one record; a null value is a tombstone. Callbacks run on a Kafka thread. */
    void emit(String key, byte[] value, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException {
        permits.acquire();
        emitter.send(Message.of(Record.of(key, value),
                () -> {
                    onAck.run();
                    permits.release();
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    onFailure.accept(failure);
                    permits.release();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    /** Waits until every record sent so far is acknowledged or has failed for good. */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(maxInFlight);
        return true;
    }
}
