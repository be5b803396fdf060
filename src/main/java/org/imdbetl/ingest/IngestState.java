package org.imdbetl.ingest;

/** Where the latest ingest is. */
public enum IngestState {
    IDLE,
    RUNNING,
    COMPLETED,
    FAILED
}
