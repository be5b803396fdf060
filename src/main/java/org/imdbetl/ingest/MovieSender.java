package org.imdbetl.ingest;

import java.time.Duration;
import java.util.function.Consumer;
import org.imdbetl.domain.Movie;

/** Where movie records go: the movies topic, keyed by tconst. Implemented by the Kafka producer. */
public interface MovieSender {

    /**
     * Sends one movie; blocks while too many are unacknowledged. Callbacks run on another thread:
     * {@code onAck} once the record is stored, {@code onFailure} for a failure that was not retried.
     */
    void send(Movie movie, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException;

    /** Sends a tombstone: the movie left the dump. */
    void delete(String tconst, Runnable onAck, Consumer<Throwable> onFailure) throws InterruptedException;

    /** Waits until every record sent so far is acknowledged or has failed for good. */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException;
}
