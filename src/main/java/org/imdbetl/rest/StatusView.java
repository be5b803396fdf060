package org.imdbetl.rest;

import java.time.Instant;
import java.util.Map;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.ingest.IngestProgress;
import org.imdbetl.ingest.IngestState;
import org.imdbetl.ingest.RejectReason;
import org.imdbetl.listener.ConsumerStats;
import org.imdbetl.scoring.StoreStats;
import org.imdbetl.snapshot.SnapshotStatus;

/** Ingest, consumer and store state in one answer. */
public record StatusView(Ingest ingest, Consumer consumer, Store store, Kafka kafka, SnapshotStatus snapshot) {

    public record Ingest(IngestState state, String source, Instant startedAt, Instant finishedAt, String currentFile,
            double percentRead, long rowsPerSecond, long rowsRead,
            long moviesRead, long sent, long unchanged, long sendFailed, long rejected, Map<RejectReason, Long> rejectedByReason,
            String error) {
    }

    public record Consumer(long recordsConsumed, long deadLettered, Map<InvalidRecordException.Reason, Long> deadLetteredByReason,
            boolean storeLoaded) {
    }

    public record Store(long movies, long ratedMovies, double minVotesPrior, double globalMeanRating,
            boolean globalMeanAuto) {
    }

    public record Kafka(String bootstrapServers, boolean embedded, String topic) {
    }

    public static StatusView from(IngestProgress.Snapshot ingest, ConsumerStats consumer, boolean storeLoaded,
            StoreStats store, Kafka kafka, SnapshotStatus snapshot) {
        return new StatusView(
                new Ingest(ingest.state(), ingest.source(), ingest.startedAt(), ingest.finishedAt(), ingest.currentFile(),
                        ingest.percentRead(), ingest.rowsPerSecond(), ingest.rowsRead(),
                        ingest.moviesRead(), ingest.sent(), ingest.unchanged(), ingest.sendFailed(), ingest.rejected(),
                        ingest.rejectedByReason(), ingest.error()),
                new Consumer(consumer.consumed(), consumer.deadLettered(), consumer.deadLetteredByReason(), storeLoaded),
                new Store(store.movies(), store.ratedMovies(), store.minVotesPrior(), store.globalMean(),
                        store.globalMeanAuto()),
                kafka, snapshot);
    }
}
