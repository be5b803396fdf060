package org.imdbetl.source;

/** Why an input row was not turned into a record. Names are what {@code /status} reports. */
public enum RejectReason {
    WRONG_FIELD_COUNT,
    INVALID_TCONST,
    INVALID_YEAR,
    INVALID_RUNTIME,
    INVALID_RATING,
    INVALID_VOTES,
    INVALID_UTF8,
    LINE_TOO_LONG,
    TRUNCATED_LINE,
    TRUNCATED_FILE,
    DUPLICATE_TCONST,
    INVALID_ADULT,
    INVALID_EPISODE_NUMBER,
    /** A title.episode row whose title is not an episode in title.basics (or came out of order). */
    UNMATCHED_EPISODE
}
