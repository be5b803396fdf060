package org.imdbetl.source;

/** Where the latest ingest is. */
public enum IngestState {
    IDLE,
    RUNNING,
    COMPLETED,
    FAILED
}
