package org.imdbetl.topic;

/** Logical channel names; the topic behind them is set in application.properties. */
final class Channels {

    /** Ingest to Kafka. */
    public static final String MOVIES_OUT = "movies-out";

    /** Kafka to the scoring store. */
    public static final String MOVIES_IN = "movies-in";

    /** Records that are not movies, to the dead-letter topic. */
    public static final String MOVIES_DLQ = "movies-dlq";

    private Channels() {
    }
}
