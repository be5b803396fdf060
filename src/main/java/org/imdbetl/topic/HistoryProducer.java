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
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.ingest.PointSender;

/**
 * Sends history points to the {@code history-out} channel's producer, keyed {@code tconst@asOf}. The ingest
 * sends a chunk of points and waits for them before it sends the movie records they describe: after
 * a crash, a change whose record reached the movies topic always has its point, and one whose record
 * did not is found changed again and its point re-sent under the same key.
 */
@ApplicationScoped
public class HistoryProducer implements PointSender {

    static final int MAX_IN_FLIGHT = 8192;

    private final BoundedSender sender;
    private final HistoryJson json = new HistoryJson();

    /** The emitter is never sent to: it only has the channel started ({@link BoundedSender#onChannel}). */
    HistoryProducer(@Channel(Channels.HISTORY_OUT) Emitter<Record<String, byte[]>> channel, KafkaClientService clients,
            ImdbConfig config, KafkaBroker broker) {
        this.sender = BoundedSender.onChannel(clients, Channels.HISTORY_OUT, config.kafka().historyTopic(), MAX_IN_FLIGHT, broker::failure);
    }

    /** {@code onFailure} runs on a Kafka thread. */
    @Override
    public void send(HistoryEntry entry, Consumer<Throwable> onFailure) throws InterruptedException, IOException {
        sender.emit(json.key(entry), json.encode(entry), () -> { }, onFailure);
    }

    @Override
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException {
        return sender.awaitAllAcknowledged(timeout);
    }
}
