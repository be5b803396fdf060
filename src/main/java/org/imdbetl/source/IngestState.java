package org.imdbetl.source;

/** Where the latest ingest is. */
public enum IngestState {
    IDLE,
    RUNNING,
    COMPLETED,
    /** Completed, but the deletions it found were over imdb.refresh.max-delete-fraction and were not sent. */
    HELD_BACK,
    FAILED
}
