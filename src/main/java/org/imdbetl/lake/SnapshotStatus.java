package org.imdbetl.lake;

import java.time.Instant;

/** The outcome of the last snapshot, for {@code /status} and metrics. */
public record SnapshotStatus(boolean enabled, String outputDir, Instant lastWrittenAt, long lastDurationMillis,
        long silverParts, long silverRows, String lastError) {
}
