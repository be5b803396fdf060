package org.imdbetl.source;

import java.time.Instant;
import java.util.Map;
import org.imdbetl.source.FileVersion;

/**
 * What the service knows of the dataset: each file as last ingested, the last check and what it found,
 * the next check, and the last refresh's counts.
 *
 * @param asOf the dataset version of the last ingest, as history points are stamped: the later of the two
 *             dumps' Last-Modified (else file time)
 * @param lastCheck per file, what the last check found ("304 Not Modified", "new ETag", ...)
 * @param lastCheckOutcome UNCHANGED, CHANGED or FAILED; null before the first check
 */
public record DatasetStatus(String source, String asOf, Map<String, FileVersion> ingested, Instant lastCheckAt,
        long lastCheckMillis, String lastCheckOutcome, Map<String, String> lastCheck, Instant nextCheckAt,
        RefreshCounts lastRefresh) {

    static DatasetStatus initial(String source) {
        return new DatasetStatus(source, null, Map.of(), null, 0, null, Map.of(), null, null);
    }

    DatasetStatus withCheck(String checkedSource, Instant at, long millis, String outcome, Map<String, String> found) {
        return new DatasetStatus(checkedSource, asOf, ingested, at, millis, outcome, found, nextCheckAt, lastRefresh);
    }

    DatasetStatus withIngested(String newAsOf, Map<String, FileVersion> files) {
        return new DatasetStatus(source, newAsOf, files, lastCheckAt, lastCheckMillis, lastCheckOutcome, lastCheck,
                nextCheckAt, lastRefresh);
    }

    DatasetStatus withRefresh(RefreshCounts counts) {
        return new DatasetStatus(source, asOf, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome, lastCheck,
                nextCheckAt, counts);
    }

    public DatasetStatus withNextCheck(Instant next) {
        return new DatasetStatus(source, asOf, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome, lastCheck, next,
                lastRefresh);
    }

    /** What one refresh changed. {@code heldBack}: deletions found but not sent (the safety valve). */
    public record RefreshCounts(Instant finishedAt, long added, long changed, long removed, long unchanged,
            long heldBack) {
    }
}
