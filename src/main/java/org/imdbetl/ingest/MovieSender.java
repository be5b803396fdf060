package org.imdbetl.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.imdbetl.domain.Movie;

/** Where movie records go: the movies topic, keyed by tconst. Implemented by the Kafka producer. */
public interface MovieSender {

    /**
     * Sends one movie; blocks while too many are unacknowledged. Callbacks run on another thread:
     * {@code onAck} once the record is stored, {@code onFailure} for a failure that was not retried.
     */
    void send(Movie movie, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException;

    /** Sends a tombstone: the movie left the dump. */
    void delete(String tconst, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException, IOException;

    /**
     * Waits until every record sent so far is acknowledged or has failed for good.
     *
     * @return false when the timeout passed first
     * @throws IOException when the destination can take no more (the broker stopped): no use waiting
     */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException, IOException;
}
