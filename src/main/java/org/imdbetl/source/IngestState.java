package org.imdbetl.source;

/** Where the latest ingest is. */
public enum IngestState {
    IDLE,
    RUNNING,
    COMPLETED,
    /** Completed, but the deletions it found were over imdb.refresh.max-delete-fraction and were not sent. */
    HELD_BACK,
    /** A file was not read to its end (cut off, truncated): what was read is in, nothing was deleted. */
    INCOMPLETE,
    FAILED
}
