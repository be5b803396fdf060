package org.imdbetl.topic;

/** Logical channel names; the topic behind them is set in application.properties. */
final class Channels {

    /** Ingest to Kafka. */
    public static final String MOVIES_OUT = "movies-out";

    /** Kafka to the scoring store. */
    public static final String MOVIES_IN = "movies-in";

    /** Ingest to the history topic: one point per changed movie and refresh. */
    public static final String HISTORY_OUT = "history-out";

    /** History topic to the on-disk history store. */
    public static final String HISTORY_IN = "history-in";

    /** Catalogue refresh to the titles topic: one record per title, every type. */
    public static final String TITLES_OUT = "titles-out";

    /** Titles topic to the catalogue store. */
    public static final String TITLES_IN = "titles-in";

    /** Records that are not movies, to the dead-letter topic. */
    public static final String MOVIES_DLQ = "movies-dlq";

    private Channels() {
    }
}
