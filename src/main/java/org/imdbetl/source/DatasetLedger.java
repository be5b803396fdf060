package org.imdbetl.source;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service knows of the dataset, kept as refreshes go: each check and what it found, the file
 * versions last ingested, and the last refresh's counts ({@link DatasetStatus}, which {@code /status}
 * shows). Also the rule that dates a refresh: {@link #datasetVersion}.
 */
public final class DatasetLedger {

    private volatile DatasetStatus status;

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

    /** The versions as last ingested; the dataset version shown is the one {@link #datasetVersion} gives them. */
    public void ingested(DatasetState state, List<String> fileNames) {
        Map<String, FileVersion> files = new LinkedHashMap<>();
        for (String name : fileNames) {
            state.file(name).ifPresent(version -> files.put(name, version));
        }
        Instant version = latestFileTime(files.values());
        status = status.withIngested(version == null ? null : version.truncatedTo(ChronoUnit.MILLIS).toString(), files);
    }

    public void refreshed(DatasetStatus.RefreshCounts counts) {
        status = status.withRefresh(counts);
    }

    /**
     * The version a refresh's history points are stamped with: the latest of the files' Last-Modified
     * (else file time), to the millisecond. IMDb publishes the dumps together, so this is their date;
     * taking the latest keeps a refresh that changed only one file from reusing the previous refresh's
     * version. Files that give neither (downloads without Last-Modified) are stamped with the time they
     * were read.
     */
    public static Instant datasetVersion(List<FileVersion> versions) {
        Instant latest = latestFileTime(versions);
        return (latest == null ? Instant.now() : latest).truncatedTo(ChronoUnit.MILLIS);
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
