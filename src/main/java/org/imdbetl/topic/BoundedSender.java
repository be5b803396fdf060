package org.imdbetl.topic;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.imdbetl.ingest.DestinationStoppedException;

/**
 * Sends straight to a channel's Kafka producer, with explicit backpressure: at most {@code maxInFlight}
 * records unacknowledged by Kafka; {@link #emit} blocks the calling thread beyond that, so memory stays
 * bounded over millions of rows and while the broker is away.
 * <p>
 * Not through the channel's emitter: per record, the emitter's stream, its context propagation and the
 * connector's sending thread were a large share of an ingest's CPU (bench/ANALYSIS.md). The producer is
 * the one the connector made from the channel's configuration. Like the connector, a send the producer
 * refuses at once for a reason that may pass (no metadata or no buffer within {@code max.block.ms}) is
 * tried again; after that, retrying is the idempotent producer's own job.
 */
final class BoundedSender {

    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    /** How long a blocked send or wait goes between two looks at whether the broker stopped. */
    private static final long STOP_CHECK_MS = 500;

    private final Supplier<Producer<String, byte[]>> producers;
    /** Why the broker can take nothing more (it stopped), if so: then sends and waits fail at once. */
    private final Supplier<Optional<String>> stopped;
    private final String topic;
    private final int maxInFlight;
    private final Semaphore permits;
    private volatile Producer<String, byte[]> producer;

    /**
     * Sends on the producer the connector made for {@code channel}. The channel needs an upstream to be
     * started, so its emitter is injected where this is made, and never sent to.
     */
    static BoundedSender onChannel(KafkaClientService clients, String channel, String topic, int maxInFlight,
            Supplier<Optional<String>> stopped) {
        return new BoundedSender(() -> clients.<String, byte[]>getProducer(channel).unwrap(), topic, maxInFlight, stopped);
    }

    /** {@code producers} is asked once, at the first record: the connector makes its producer as the channels start. */
    BoundedSender(Supplier<Producer<String, byte[]>> producers, String topic, int maxInFlight) {
        this(producers, topic, maxInFlight, Optional::empty);
    }

    BoundedSender(Supplier<Producer<String, byte[]>> producers, String topic, int maxInFlight,
            Supplier<Optional<String>> stopped) {
        this.stopped = stopped;
        this.producers = producers;
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    /** Sends one record; a null value is a tombstone. Callbacks run on a Kafka thread. */
    void emit(String key, byte[] value, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        for (long backoffMs = FIRST_BACKOFF_MS; ; backoffMs = Math.min(2 * backoffMs, MAX_BACKOFF_MS)) {
            while (!permits.tryAcquire(STOP_CHECK_MS, TimeUnit.MILLISECONDS)) {
                failIfStopped();
            }
            Acknowledgement acknowledgement = new Acknowledgement(onAck, onFailure);
            try {
                producer().send(record, acknowledgement);
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
            RetriableException refused = acknowledgement.refusedOnSend;
            if (refused == null) {
                return;
            }
            Log.warnf("Kafka: %s not taken (%s); trying again in %d ms", topic, refused.getMessage(), backoffMs);
            TimeUnit.MILLISECONDS.sleep(backoffMs);
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            current = producers.get();
            producer = current;
        }
        return current;
    }

    /**
     * Waits until every record sent so far is acknowledged or has failed for good.
     *
     * @throws IOException as soon as the broker stopped: no use waiting for it
     */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!permits.tryAcquire(maxInFlight, Math.min(STOP_CHECK_MS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)),
                TimeUnit.MILLISECONDS)) {
            failIfStopped();
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        permits.release(maxInFlight);
        return true;
    }

    private void failIfStopped() throws IOException {
        Optional<String> reason = stopped.get();
        if (reason.isPresent()) {
            throw new DestinationStoppedException("Kafka can take no more records for " + topic
                    + ": the embedded broker stopped (" + reason.get() + ")");
        }
    }

    /** One record's outcome; the producer calls it on the sending thread only when it refuses the record in {@code send}. */
    private final class Acknowledgement implements Callback {
        private final Thread sender = Thread.currentThread();
        private final Runnable onAck;
        private final Consumer<Throwable> onFailure;
        private RetriableException refusedOnSend;

        Acknowledgement(Runnable onAck, Consumer<Throwable> onFailure) {
            this.onAck = onAck;
            this.onFailure = onFailure;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            try {
                if (exception == null) {
                    onAck.run();
                } else if (exception instanceof RetriableException retriable && Thread.currentThread() == sender) {
                    refusedOnSend = retriable;
                } else {
                    onFailure.accept(exception);
                }
            } finally {
                permits.release();
            }
        }
    }
}
