package org.imdbetl.ingest;

import java.io.IOException;

/** Where a refresh sends can take no more (the broker stopped): the refresh ends now, not after a time-out. */
public final class DestinationStoppedException extends IOException {

    private static final long serialVersionUID = 1L;

    public DestinationStoppedException(String message) {
        super(message);
    }
}
