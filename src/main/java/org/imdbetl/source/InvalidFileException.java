package org.imdbetl.source;

/** A whole input file that cannot be read as an IMDb dump (missing, empty, wrong header). */
public final class InvalidFileException extends Exception {

    public InvalidFileException(String file, String problem) {
        super(file + " " + problem);
    }

    public InvalidFileException(String file, String problem, Throwable cause) {
        super(file + " " + problem, cause);
    }
}
