package org.imdbetl.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the pipeline; application.properties maps the original's environment variables. */
@ConfigMapping(prefix = "imdb")
public interface ImdbConfig {

    Source source();

    Ingest ingest();

    Refresh refresh();

    Kafka kafka();

    Scoring scoring();

    Snapshot snapshot();

    History history();

    Catalogue catalogue();

    Admin admin();

    Http http();

    interface Http {

        /**
         * The service's public address (e.g. {@code https://imdb.example.org}) that {@code Link} headers start
         * with; unset, they are relative to the request (env PUBLIC_BASE_URL).
         */
        Optional<String> publicBaseUrl();
    }

    interface Source {

        /** Where the dumps come from: a base URL, a local directory, or {@code sample} (env IMDB_SOURCE). */
        @WithDefault("https://datasets.imdbws.com/")
        String location();

        /** Directory holding the bundled sample dumps, used when the location is {@code sample}. */
        @WithDefault("data/sample")
        Path sampleDir();

        /** Directory where downloaded dumps are cached and reused. */
        @WithDefault("data/cache")
        Path cacheDir();

        /** Timeout for connecting to the download URL. */
        @WithDefault("20s")
        Duration connectTimeout();
    }

    interface Ingest {

        /** Run an ingest when the service starts. */
        @WithDefault("true")
        boolean onStart();

        /** title.basics titleType values to keep. */
        @WithDefault("movie")
        List<String> titleTypes();

        /** Records sent per second; 0 means unlimited (env MSGS_PER_SEC). */
        @WithDefault("0")
        int msgsPerSec();

        /** Stop after sending this many records; 0 means no limit (env PRODUCER_LIMIT). */
        @WithDefault("0")
        long producerLimit();

        /** Lines longer than this many bytes are rejected. */
        @WithDefault("65536")
        int maxLineBytes();

        /** How many rejected rows of each reason are written to OUTPUT_DIR/rejects/. */
        @WithDefault("100")
        int rejectsPerReason();

        /** How long an ingest waits for the store to load the topic (and Kafka to be reachable) before it starts. */
        @WithDefault("1h")
        Duration storeLoadTimeout();

        /** How often ingest logs its progress. */
        @WithDefault("5s")
        Duration progressInterval();
    }

    interface Refresh {

        /** How often the source is checked and, when it changed, refreshed; {@code off} never (env REFRESH_INTERVAL). */
        @WithDefault("1h")
        String interval();

        /**
         * A refresh that would delete more than this fraction of the store applies its upserts but holds the
         * deletions back until {@code POST /admin/ingest?allowDeletes=true}.
         */
        @WithDefault("0.05")
        double maxDeleteFraction();

        /**
         * After refreshes that failed or stopped short in a row, scheduled checks wait twice as long after each,
         * from one interval up to this (an operator's refresh is never held back).
         */
        @WithDefault("1h")
        Duration maxRetryWait();

        /**
         * A refresh is refused while the embedded broker's disk has less free space than this: a broker whose
         * log disk fills stops, and a refresh is what fills it.
         */
        @WithDefault("512M")
        MemorySize minFreeDisk();
    }

    interface Kafka {

        /** Topic the movies go through (env KAFKA_TOPIC). */
        @WithDefault("imdb-movies")
        String topic();

        /** Partitions of the topic when the service creates it. */
        @WithDefault("3")
        int partitions();

        /**
         * cleanup.policy of the topic when the service creates it. {@code compact} keeps the latest record of
         * every movie; Kafka then refuses records without a key, so producers without keys need {@code delete}.
         */
        @WithDefault("compact")
        String cleanupPolicy();

        /** Topic for records that are not movies (env KAFKA_DLQ_TOPIC). */
        @WithDefault("imdb-movies-dlq")
        String dlqTopic();

        /**
         * Compacted topic of the rating history, one record per movie and refresh, keyed {@code tconst@asOf}
         * (env KAFKA_HISTORY_TOPIC). Every instance builds its history store from it.
         */
        @WithDefault("imdb-movie-history")
        String historyTopic();

        /**
         * Compacted topic of the whole catalogue, one record per title of every type, keyed by tconst (env
         * KAFKA_TITLES_TOPIC). Every instance builds its catalogue store from it.
         */
        @WithDefault("imdb-titles")
        String titlesTopic();

        /** How often the consumer lag metric asks the broker for the topic's end offsets. */
        @WithDefault("10s")
        Duration lagRefresh();

        /** Records larger than this are dead-lettered unread. */
        @WithDefault("65536")
        int maxRecordBytes();

        Embedded embedded();

        interface Embedded {

            /** Address the embedded broker listens on when no external broker is configured. */
            @WithDefault("127.0.0.1")
            String host();

            /** Port the embedded broker listens on. */
            @WithDefault("9092")
            int port();

            /** Port of the embedded broker's KRaft controller listener. */
            @WithDefault("9093")
            int controllerPort();

            /** Log directory of the embedded broker; kept across restarts so the topic survives. */
            @WithDefault("data/kafka")
            Path logDir();
        }
    }

    interface Scoring {

        /** m: votes at which a movie's own rating weighs as much as the prior (env MIN_VOTES_PRIOR). */
        @WithDefault("3000")
        double minVotesPrior();

        /** C: the prior mean rating, or {@code auto} for the mean of rated movies (env GLOBAL_MEAN_RATING). */
        @WithDefault("6.5")
        String globalMeanRating();

        /** How often an {@code auto} C is recomputed and the ranking rebuilt if it moved. */
        @WithDefault("2s")
        Duration autoMeanRefresh();

        /**
         * At most one ranking rebuild per this interval while the store changes (or per five times the last
         * rebuild's duration, if longer); queries meanwhile read the previous ranking and never wait.
         */
        @WithDefault("500ms")
        Duration rankingRebuildInterval();

        /**
         * Superseded rankings kept so that a cursor walks the ranking its first page came from; 0 = none
         * (cursors then continue by position). Each costs an array entry per rated movie and per movie-genre,
         * plus the old values of the movies changed since (docs/api.md, "Walking the top list").
         */
        @WithDefault("3")
        int pinnedRankings();

        /** A superseded ranking is dropped once no page was read from it for this long. */
        @WithDefault("2m")
        Duration pinnedRankingIdle();

        /** Title searches that run at once, the rest wait their turn; 0 = one per available processor. */
        @WithDefault("0")
        int concurrentSearches();
    }

    interface History {

        /** Folder of this instance's on-disk history store (env HISTORY_DIR); one instance per folder. */
        @WithDefault("data/history")
        Path dir();

        /** Movers rows kept in memory over all cached tables, 32 bytes of heap each. */
        @WithDefault("1000000")
        long moversCacheRows();

        /** Points sent to the history topic before the movie records they describe (the writer's chunk). */
        @WithDefault("2000")
        int sendChunk();
    }

    interface Catalogue {

        /** Folder of this instance's catalogue store (env CATALOGUE_DIR); one instance per folder. */
        @WithDefault("data/catalogue")
        Path dir();

        /** Title types the catalogue keeps (env CATALOGUE_TITLE_TYPES); empty or {@code all}: every type. */
        @WithDefault("all")
        List<String> titleTypes();
    }

    interface Snapshot {

        /** Whether this instance writes the Parquet and CSV outputs; with several instances, exactly one should. */
        @WithDefault("true")
        boolean enabled();

        /** Root folder of the outputs (env OUTPUT_DIR). */
        @WithDefault("data/output")
        Path outputDir();

        /** How often a snapshot is written when something changed (env SNAPSHOT_INTERVAL, e.g. 10s). */
        @WithDefault("10s")
        String interval();

        /** Rows in csv/top_movies. */
        @WithDefault("250")
        int topMovies();

        /**
         * Whether a snapshot that writes the tables also writes the store with its offsets to
         * OUTPUT_DIR/_checkpoint, so that a restart reads only the topic's records after them.
         */
        @WithDefault("true")
        boolean checkpoint();

        /** How long the end-of-ingest snapshot waits for the listener to consume what the ingest sent. */
        @WithDefault("5m")
        Duration ingestCatchUpTimeout();
    }

    interface Admin {

        /** Token that enables POST /admin/ingest (env ADMIN_TOKEN); unset means the endpoint is off. */
        Optional<String> token();
    }
}
