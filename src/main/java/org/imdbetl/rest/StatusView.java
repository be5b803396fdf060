package org.imdbetl.rest;

import java.time.Instant;
import java.util.Map;
import org.imdbetl.ingest.IngestProgress;
import org.imdbetl.ingest.IngestState;
import org.imdbetl.ingest.RejectReason;
import org.imdbetl.listener.ConsumerStats;
import org.imdbetl.scoring.StoreStats;

/** Ingest, consumer and store state in one answer. */
public record StatusView(Ingest ingest, Consumer consumer, Store store, Kafka kafka) {

    public record Ingest(IngestState state, String source, Instant startedAt, Instant finishedAt, long rowsRead,
            long moviesRead, long sent, long sendFailed, long rejected, Map<RejectReason, Long> rejectedByReason,
            String error) {
    }

    public record Consumer(long recordsConsumed, long recordsUndecodable) {
    }

    public record Store(long movies, long ratedMovies, double minVotesPrior, double globalMeanRating,
            boolean globalMeanAuto) {
    }

    public record Kafka(String bootstrapServers, boolean embedded, String topic) {
    }

    public static StatusView from(IngestProgress.Snapshot ingest, ConsumerStats consumer, StoreStats store, Kafka kafka) {
        return new StatusView(
                new Ingest(ingest.state(), ingest.source(), ingest.startedAt(), ingest.finishedAt(), ingest.rowsRead(),
                        ingest.moviesRead(), ingest.sent(), ingest.sendFailed(), ingest.rejected(),
                        ingest.rejectedByReason(), ingest.error()),
                new Consumer(consumer.consumed(), consumer.undecodable()),
                new Store(store.movies(), store.ratedMovies(), store.minVotesPrior(), store.globalMean(),
                        store.globalMeanAuto()),
                kafka);
    }
}
