package org.imdbetl.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The sender against Kafka's own MockProducer, completed by hand: what reaches the producer, when
 * {@code emit} blocks, which callback runs, and what is tried again.
 */
class BoundedSenderTest {

    private static final String TOPIC = "movies";
    private static final Duration NO_WAIT = Duration.ZERO;

    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final List<Throwable> failed = new CopyOnWriteArrayList<>();

    @Test
    void sendsKeyedRecordsAndTombstonesToTheTopicAndAcknowledgesEachOnce() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 8);

        sender.emit("tt0000001", new byte[] {1}, () -> acked.add("tt0000001"), failed::add);
        sender.emit("tt0000002", null, () -> acked.add("tt0000002"), failed::add);

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(tuple(TOPIC, "tt0000001"), tuple(TOPIC, "tt0000002"));
        assertThat(producer.history().get(1).value()).isNull();
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isFalse();

        producer.completeNext();
        producer.completeNext();
        assertThat(acked).containsExactly("tt0000001", "tt0000002");
        assertThat(failed).isEmpty();
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isTrue();
    }

    @Test
    void blocksTheCallerWhileMaxInFlightRecordsAreUnacknowledged() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 2);
        sender.emit("tt0000001", new byte[0], () -> { }, failed::add);
        sender.emit("tt0000002", new byte[0], () -> { }, failed::add);

        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                sender.emit("tt0000003", new byte[0], () -> { }, failed::add);
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
        assertThat(producer.history()).hasSize(2);

        producer.completeNext();
        await().atMost(Duration.ofSeconds(5)).until(third::isDone);
        assertThat(producer.history()).hasSize(3);
    }

    @Test
    void aFailureAfterSendingGoesToOnFailureAndFreesItsPlace() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 1);
        sender.emit("tt0000001", new byte[0], () -> acked.add("tt0000001"), failed::add);

        RecordTooLargeException tooLarge = new RecordTooLargeException("too large");
        producer.errorNext(tooLarge);

        assertThat(failed).containsExactly(tooLarge);
        assertThat(acked).isEmpty();
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isTrue();
    }

    @Test
    void aRecordRefusedAtOnceForAPassingReasonIsSentAgain() throws Exception {
        RefusingProducer producer = new RefusingProducer(2,
                () -> new TimeoutException("Topic movies not present in metadata after 60000 ms."));
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 4);

        sender.emit("tt0000001", new byte[0], () -> acked.add("tt0000001"), failed::add);

        assertThat(producer.attempts.get()).isEqualTo(3);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("tt0000001");
        assertThat(failed).isEmpty();
        producer.completeNext();
        assertThat(acked).containsExactly("tt0000001");
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isTrue();
    }

    @Test
    void aRecordRefusedAtOnceForGoodFailsWithoutRetrying() throws Exception {
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 2000000 bytes");
        RefusingProducer producer = new RefusingProducer(1, () -> tooLarge);
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 4);

        sender.emit("tt0000001", new byte[0], () -> acked.add("tt0000001"), failed::add);

        assertThat(producer.attempts.get()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
        assertThat(failed).containsExactly(tooLarge);
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isTrue();
    }

    @Test
    void anExceptionThrownBySendReachesTheCallerAndFreesItsPlace() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        producer.close();
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 1);

        assertThatThrownBy(() -> sender.emit("tt0000001", new byte[0], () -> { }, failed::add))
                .isInstanceOfAny(IllegalStateException.class, KafkaException.class);
        assertThat(failed).isEmpty();
        assertThat(sender.awaitAllAcknowledged(NO_WAIT)).isTrue();
    }

    @Test
    void aStoppedBrokerEndsABlockedSendAndAWaitAtOnce() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        AtomicReference<Optional<String>> stopped = new AtomicReference<>(Optional.empty());
        BoundedSender sender = new BoundedSender(() -> producer, TOPIC, 1, stopped::get);
        sender.emit("tt0000001", new byte[0], () -> { }, failed::add);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                sender.emit("tt0000002", new byte[0], () -> { }, failed::add);
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());

        stopped.set(Optional.of("all log dirs failed"));

        await().atMost(Duration.ofSeconds(30)).until(blocked::isDone);
        assertThat(blocked).isCompletedExceptionally();
        assertThatThrownBy(() -> sender.awaitAllAcknowledged(Duration.ofMinutes(5))).isInstanceOf(IOException.class)
                .hasMessageContaining("all log dirs failed");
    }

    @Test
    void asksForTheProducerOnceAtTheFirstRecord() throws Exception {
        MockProducer<String, byte[]> producer = manualProducer();
        AtomicInteger asked = new AtomicInteger();
        BoundedSender sender = new BoundedSender(() -> {
            asked.incrementAndGet();
            return producer;
        }, TOPIC, 4);
        assertThat(asked).hasValue(0);

        sender.emit("tt0000001", new byte[0], () -> { }, failed::add);
        sender.emit("tt0000002", new byte[0], () -> { }, failed::add);
        assertThat(asked).hasValue(1);
    }

    private static MockProducer<String, byte[]> manualProducer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Refuses the first {@code refusals} sends the way KafkaProducer does for an ApiException raised in
     * {@code send} (no metadata or no buffer within max.block.ms): the callback runs on the caller's
     * thread and a failed future is returned.
     */
    private static final class RefusingProducer extends MockProducer<String, byte[]> {
        private final int refusals;
        private final Supplier<RuntimeException> refusal;
        private final AtomicInteger attempts = new AtomicInteger();

        RefusingProducer(int refusals, Supplier<RuntimeException> refusal) {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
            this.refusals = refusals;
            this.refusal = refusal;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (attempts.incrementAndGet() <= refusals) {
                RuntimeException e = refusal.get();
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }
}
