package org.imdbetl.history;

/** The rating history's files could not be opened, read or written; the message names the directory. */
public final class HistoryStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
