package org.imdbetl.domain;

/** A topic record that is not a movie; it goes to the dead-letter topic with its reason. */
public final class InvalidRecordException extends Exception {

    /** Why a record was refused; the value of the dead-letter header. */
    public enum Reason {
        EMPTY,
        OVERSIZED,
        NOT_JSON,
        NO_TCONST,
        WRONG_TYPE,
        /** A binary record of a format version this build does not read. */
        UNKNOWN_VERSION,
        /** A binary record cut short or with a field out of range. */
        MALFORMED
    }

    private final Reason reason;

    public InvalidRecordException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
