package org.imdbetl.rest;

import jakarta.ws.rs.core.Response;

/** The body of every error answer. */
public record ErrorView(int status, String error, String message) {

    /** The error named by {@code reason}, else by the status' standard reason phrase ("Error" for an unknown status). */
    static ErrorView of(int status, String reason, String message) {
        if (reason == null) {
            Response.Status known = Response.Status.fromStatusCode(status);
            reason = known == null ? "Error" : known.getReasonPhrase();
        }
        return new ErrorView(status, reason, message);
    }
}
