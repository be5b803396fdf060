package org.imdbetl.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.imdbetl.history.HistoryEntry;

/** Where history points go: the history topic, keyed by movie and refresh. Implemented by the Kafka producer. */
public interface PointSender {

    /** Sends one point; blocks while too many are unacknowledged. {@code onFailure} runs on another thread. */
    void send(HistoryEntry entry, Consumer<Throwable> onFailure) throws InterruptedException, IOException;

    /** As {@link MovieSender#awaitAllAcknowledged}. */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException;
}
