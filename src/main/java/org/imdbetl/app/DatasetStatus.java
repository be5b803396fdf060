package org.imdbetl.app;

import java.time.Instant;
import java.util.Map;
import org.imdbetl.source.FileVersion;

/**
 * What the service knows of the dataset: each file as last ingested, the last check and what it found,
 * the next check, and the last refresh's counts.
 *
 * @param asOf the dataset version of the last ingest: the ratings dump's Last-Modified, else its file time
 * @param lastCheck per file, what the last check found ("304 Not Modified", "new ETag", ...)
 * @param lastCheckOutcome UNCHANGED, CHANGED or FAILED; null before the first check
 */
public record DatasetStatus(String source, String asOf, Map<String, FileVersion> ingested, Instant lastCheckAt,
        long lastCheckMillis, String lastCheckOutcome, Map<String, String> lastCheck, Instant nextCheckAt,
        RefreshCounts lastRefresh) {

    /** What one refresh changed. {@code heldBack}: deletions found but not sent (the safety valve). */
    public record RefreshCounts(Instant finishedAt, long added, long changed, long removed, long unchanged,
            long heldBack) {
    }
}
