package org.imdbetl.source;

import java.time.Instant;
import java.util.Map;

/**
 * What the service knows of the dataset: each file as last ingested, the last check and what it found,
 * the next check, and the last completed refresh's counts.
 *
 * @param asOf the dataset version of the last ingest, as its history points are stamped
 * @param asOfNote why the last refresh's date is not the dumps' own date (a clock ahead, files re-read),
 *                 or null when it is
 * @param lastCheck per file, what the last check found ("304 Not Modified", "new ETag", ...)
 * @param lastCheckOutcome UNCHANGED, CHANGED, INCOMPLETE or FAILED; null before the first check
 * @param retryNotBefore after failed or incomplete refreshes in a row, no scheduled check runs before
 *                       this (an operator's refresh still does); null otherwise
 * @param lastRefresh the counts of the last refresh that read its files to their end
 */
public record DatasetStatus(String source, String asOf, String asOfNote, Map<String, FileVersion> ingested,
        Instant lastCheckAt, long lastCheckMillis, String lastCheckOutcome, Map<String, String> lastCheck,
        Instant nextCheckAt, Instant retryNotBefore, RefreshCounts lastRefresh) {

    static DatasetStatus initial(String source) {
        return new DatasetStatus(source, null, null, Map.of(), null, 0, null, Map.of(), null, null, null);
    }

    DatasetStatus withCheck(String checkedSource, Instant at, long millis, String outcome, Map<String, String> found) {
        return new DatasetStatus(checkedSource, asOf, asOfNote, ingested, at, millis, outcome, found, nextCheckAt,
                retryNotBefore, lastRefresh);
    }

    DatasetStatus withOutcome(String outcome) {
        return new DatasetStatus(source, asOf, asOfNote, ingested, lastCheckAt, lastCheckMillis, outcome, lastCheck,
                nextCheckAt, retryNotBefore, lastRefresh);
    }

    DatasetStatus withIngested(String newAsOf, Map<String, FileVersion> files) {
        return new DatasetStatus(source, newAsOf, asOfNote, files, lastCheckAt, lastCheckMillis, lastCheckOutcome,
                lastCheck, nextCheckAt, retryNotBefore, lastRefresh);
    }

    DatasetStatus withAsOfNote(String note) {
        return new DatasetStatus(source, asOf, note, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome, lastCheck,
                nextCheckAt, retryNotBefore, lastRefresh);
    }

    DatasetStatus withRefresh(RefreshCounts counts) {
        return new DatasetStatus(source, asOf, asOfNote, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome,
                lastCheck, nextCheckAt, retryNotBefore, counts);
    }

    DatasetStatus withRetryNotBefore(Instant notBefore) {
        return new DatasetStatus(source, asOf, asOfNote, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome,
                lastCheck, nextCheckAt, notBefore, lastRefresh);
    }

    public DatasetStatus withNextCheck(Instant next) {
        return new DatasetStatus(source, asOf, asOfNote, ingested, lastCheckAt, lastCheckMillis, lastCheckOutcome,
                lastCheck, next, retryNotBefore, lastRefresh);
    }

    /** What one refresh changed. {@code heldBack}: deletions found but not sent (the safety valve). */
    public record RefreshCounts(Instant finishedAt, long added, long changed, long removed, long unchanged,
            long heldBack) {
    }
}
