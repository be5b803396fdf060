package org.imdbetl.topic;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.topic.Channels;

/**
 * Forwards records that are not movies to the dead-letter topic, unchanged, with why and where
 * they came from in headers: {@code dlq-reason}, {@code dlq-detail}, {@code dlq-topic},
 * {@code dlq-partition}, {@code dlq-offset}.
 */
@ApplicationScoped
class DeadLetters {

    public static final String REASON_HEADER = "dlq-reason";
    static final int BUFFER = 4096;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final Emitter<byte[]> emitter;

    DeadLetters(@Channel(Channels.MOVIES_DLQ) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** One dead letter to send. */
    public record Letter(ConsumerRecord<String, byte[]> record, InvalidRecordException problem) {
    }

    /** Sends a batch's dead letters and waits for Kafka to take them, so none is lost. */
    void sendAll(List<Letter> letters) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            ConsumerRecord<String, byte[]> record = letter.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, bytes(letter.problem().reason().name()));
            headers.add("dlq-detail", bytes(letter.problem().getMessage()));
            headers.add("dlq-topic", bytes(record.topic()));
            headers.add("dlq-partition", bytes(String.valueOf(record.partition())));
            headers.add("dlq-offset", bytes(String.valueOf(record.offset())));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key())
                    .withHeaders(headers)
                    .build();
            emitter.send(Message.of(record.value(), Metadata.of(metadata),
                    () -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Log.errorf("Listener: could not write %d dead letter(s): %s", letters.size(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
