package org.imdbetl.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/** Where a catalogue refresh sends titles: the titles topic, keyed by tconst. */
public interface TitleSender {

    /**
     * Sends a title's encoded record; blocks while too many are unacknowledged. Callbacks run on a Kafka thread.
     *
     * @throws IOException when the destination stopped
     */
    void send(String tconst, byte[] value, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException;

    /** Sends a tombstone: the title left the dump. */
    void delete(String tconst, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException;

    /** @return false when some record is still unacknowledged after the timeout */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException;
}
