package org.imdbetl.source;

/** Told about every row the reader looks at, so progress and rejects are counted where they happen. */
public interface RowListener {

    void rowRead(String file);

    /**
     * @param row the rejected row's text, or null when it could not be read as text
     */
    void rejected(String file, long line, RejectReason reason, String detail, String row);
}
