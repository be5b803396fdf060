package org.imdbetl.ingest;

/** Told about every row the reader looks at, so progress and rejects are counted where they happen. */
public interface RowListener {

    void rowRead(String file);

    void rejected(String file, long line, RejectReason reason, String detail);
}
