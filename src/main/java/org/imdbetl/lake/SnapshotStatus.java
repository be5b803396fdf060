package org.imdbetl.lake;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of the last snapshot, for {@code /status} and metrics; {@code offsets}: per partition, the
 * next offset after the last record the silver parts hold.
 */
public record SnapshotStatus(boolean enabled, String outputDir, Instant lastWrittenAt, long lastDurationMillis,
        long silverParts, long silverRows, Map<Integer, Long> offsets, String lastError) {
}
