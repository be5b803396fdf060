package org.imdbetl.snapshot;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes a snapshot every SNAPSHOT_INTERVAL; a run still going when the next is due makes it skip. */
@ApplicationScoped
public class SnapshotSchedule {

    private final SnapshotService snapshots;

    SnapshotSchedule(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Scheduled(every = "${imdb.snapshot.interval}", delayed = "${imdb.snapshot.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        snapshots.snapshot("scheduled");
    }
}
