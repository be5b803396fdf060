package org.imdbetl.source;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service knows of the dataset, kept as refreshes go: each check and what it found, the file
 * versions last ingested, and the last refresh's counts ({@link DatasetStatus}, which {@code /status}
 * shows). Also the rule that dates a refresh ({@link #dateRefresh}), and how long to wait after refreshes
 * that failed ({@link #failed}).
 */
public final class DatasetLedger {

    /** A file date this far past our clock is more than clocks drifting apart: it is said. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    private static final String CLOCK_AHEAD = "after this machine's clock";

    private volatile DatasetStatus status;
    /** Refreshes that failed or stopped short, in a row; guarded by the one refresh thread. */
    private int failuresInARow;

    public DatasetLedger(String source) {
        this.status = DatasetStatus.initial(source);
    }

    public DatasetStatus status() {
        return status;
    }

    /**
     * A check that opened every file.
     *
     * @param outcome CHANGED or UNCHANGED
     */
    public void checked(String source, List<DumpFile> files, String outcome, long startedNanos) {
        Map<String, String> found = new LinkedHashMap<>();
        for (DumpFile file : files) {
            found.put(file.name(), file.checkResult());
        }
        status = status.withCheck(source, Instant.now(), millisSince(startedNanos), outcome, found);
    }

    public void checkFailed(String source, String error, long startedNanos) {
        status = status.withCheck(source, Instant.now(), millisSince(startedNanos), "FAILED", Map.of("error", error));
    }

    /** The versions as last ingested, and their dataset version (the dumps' date for a state without one). */
    public void ingested(DatasetState state, List<String> fileNames) {
        Map<String, FileVersion> files = new LinkedHashMap<>();
        for (String name : fileNames) {
            state.file(name).ifPresent(version -> files.put(name, version));
        }
        Instant version = state.asOf().orElseGet(() -> latestFileTime(files.values()));
        status = status.withIngested(version == null ? null : version.truncatedTo(ChronoUnit.MILLIS).toString(), files);
    }

    /** A refresh that read its files to their end: its counts, and no more waiting between retries. */
    public void refreshed(DatasetStatus.RefreshCounts counts) {
        failuresInARow = 0;
        status = status.withRefresh(counts).withRetryNotBefore(null);
    }

    /** The date a refresh got, and why when it is not the dumps' own. */
    public void dated(RefreshDate date) {
        status = status.withAsOfNote(date.adjustment());
    }

    /**
     * A refresh that failed or could not read its files to their end ({@code outcome} FAILED or
     * INCOMPLETE): the last good refresh stays as it was, and the scheduled checks back off, the wait
     * doubling with each failure in a row from one interval up to {@code maxWait}.
     *
     * @return when the next scheduled check may run
     */
    public Instant failed(String outcome, Duration interval, Duration maxWait, Instant now) {
        failuresInARow++;
        Duration wait = interval;
        for (int i = 1; i < failuresInARow && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(maxWait) > 0) {
            wait = maxWait.compareTo(interval) > 0 ? maxWait : interval;
        }
        Instant notBefore = now.plus(wait);
        status = status.withOutcome(outcome).withRetryNotBefore(notBefore);
        return notBefore;
    }

    /** Whether a scheduled check should wait (after failures in a row). */
    public boolean backingOff(Instant now) {
        Instant notBefore = status.retryNotBefore();
        return notBefore != null && now.isBefore(notBefore);
    }

    /**
     * The date of a refresh: the dataset version its history points are stamped with.
     *
     * @param adjustment why it is not the dumps' own date, when it is not (for the log and {@code /status})
     */
    public record RefreshDate(Instant asOf, String adjustment) {

        /** Whether the dumps are dated after this machine's clock: worth a warning, unlike a re-read. */
        public boolean clockAhead() {
            return adjustment != null && adjustment.contains(CLOCK_AHEAD);
        }
    }

    /**
     * Dates a refresh so that a date never goes back nor repeats, and no refresh's points ever replace
     * another's:
     * <ul>
     * <li>a refresh of the very files of one that did not complete resumes it, under its date (its
     * changes lost in a crash are re-sent under the same keys);</li>
     * <li>otherwise the dumps' date: the latest of the files' Last-Modified (else file time), to the
     * millisecond (IMDb publishes the dumps together); the time they are read when no file gives one;</li>
     * <li>but at least one millisecond after the last refresh's date (a source clock ahead of ours, or
     * files re-read unchanged), which is then said in {@code adjustment}; a date in the future is said
     * there too, and kept.</li>
     * </ul>
     *
     * @param last the state as last ingested (its last date, and a refresh under way)
     * @param latestPoint the newest date the history holds, if any
     */
    public static RefreshDate dateRefresh(List<FileVersion> versions, DatasetState last, Optional<Instant> latestPoint,
            Instant now) {
        Optional<DatasetState.Pending> pending = last.pending();
        if (pending.isPresent() && pending.get().files().equals(DatasetState.filesKey(versions))) {
            return new RefreshDate(pending.get().asOf(), null);
        }
        Instant latest = latestFileTime(versions);
        Instant source = (latest == null ? now : latest).truncatedTo(ChronoUnit.MILLIS);
        Instant floor = later(last.asOf().orElse(null), latestPoint.orElse(null));
        if (pending.isPresent()) {
            floor = later(floor, pending.get().asOf());
        }
        List<String> notes = new ArrayList<>();
        if (source.isAfter(now.plus(FUTURE_TOLERANCE))) {
            notes.add("the dumps are dated " + source + ", " + CLOCK_AHEAD + " (" + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        Instant asOf = source;
        if (floor != null && !source.isAfter(floor)) {
            asOf = floor.plusMillis(1);
            notes.add("the dumps' date " + source + " is not after the last refresh's " + floor + ": dated " + asOf
                    + " instead, so no refresh's points replace another's");
        }
        return new RefreshDate(asOf, notes.isEmpty() ? null : String.join("; ", notes));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Instant latestFileTime(Iterable<FileVersion> versions) {
        Instant latest = null;
        for (FileVersion version : versions) {
            Instant time = fileTime(version);
            if (time != null && (latest == null || time.isAfter(latest))) {
                latest = time;
            }
        }
        return latest;
    }

    private static Instant fileTime(FileVersion version) {
        if (version == null) {
            return null;
        }
        if (version.lastModified() != null) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(version.lastModified(), Instant::from);
        }
        return version.modifiedMillis() > 0 ? Instant.ofEpochMilli(version.modifiedMillis()) : null;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
