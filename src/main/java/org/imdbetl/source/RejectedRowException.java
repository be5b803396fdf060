package org.imdbetl.source;

/** One row that cannot be used; the reader goes on with the next row. */
final class RejectedRowException extends Exception {

    private final RejectReason reason;

    public RejectedRowException(RejectReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
