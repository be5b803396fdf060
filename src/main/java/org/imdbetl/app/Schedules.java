package org.imdbetl.app;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.scoring.ScoringStore;

/** Every schedule of the service; each only delegates, and a run still going makes the next one skip. */
@ApplicationScoped
class Schedules {

    private final LakeWriter lake;
    private final IngestJob ingest;
    private final ScoringStore store;
    private final PipelineMetrics metrics;

    Schedules(LakeWriter lake, IngestJob ingest, ScoringStore store, PipelineMetrics metrics) {
        this.lake = lake;
        this.ingest = ingest;
        this.store = store;
        this.metrics = metrics;
    }

    /** The identity of the refresh job, to read its next fire time. */
    static final String REFRESH = "imdb-refresh";

    /** REFRESH_INTERVAL: check the source, refresh when it changed; a refresh still running makes this one wait. */
    @Scheduled(identity = REFRESH, every = "${imdb.refresh.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        ingest.start();
    }

    /** SNAPSHOT_INTERVAL: the silver part always; the current-state tables only between ingests. */
    @Scheduled(every = "${imdb.snapshot.interval}", delayed = "${imdb.snapshot.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        lake.snapshot("scheduled", !ingest.running());
    }

    /** Re-ranks when an automatic C has moved; does nothing with a fixed GLOBAL_MEAN_RATING. */
    @Scheduled(every = "${imdb.scoring.auto-mean-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshRanking() {
        store.refreshRanking();
    }

    /** Lag needs the broker's end offsets: fetched on a schedule, not on every scrape. */
    @Scheduled(every = "${imdb.kafka.lag-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshLag() {
        metrics.refreshLag();
    }
}
