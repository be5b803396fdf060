package org.imdbetl.catalogue;

/** The catalogue store could not be opened, read or written; the message names its directory. */
public final class CatalogueStoreException extends RuntimeException {

    CatalogueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
