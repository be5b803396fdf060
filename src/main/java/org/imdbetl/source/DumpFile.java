package org.imdbetl.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** One dump file opened for a refresh: changed (a stream to read) or unchanged. Close it always. */
public interface DumpFile extends Closeable {

    /** The file name, e.g. {@code title.basics.tsv.gz}. */
    String name();

    /** URL or path, for logs and reject files. */
    String describe();

    /** False: the same as the last ingested version. */
    boolean changed();

    /** How {@link #changed()} was decided, in a few words: "304 Not Modified", "new ETag", ... */
    String checkResult();

    /** What the file is now; for an unchanged file the previous version, refreshed where known. */
    FileVersion version();

    /** Compressed size if known (Content-Length or file size), else -1. */
    long totalBytes();

    /**
     * The compressed bytes from the start, also for an unchanged file (from the cache or the directory).
     * For a changed download: the HTTP body as it arrives, written to a temp file in the cache folder and
     * hashed at the same time. Call at most once. Closing the stream leaves the download open until
     * {@link #commit()} or {@link #close()}.
     */
    InputStream open() throws IOException;

    /**
     * After the stream was read to its end and validated by the caller: a download's temp file becomes
     * the cache file (fsync, atomic move), after whatever the caller left unread (past the gzip trailer)
     * was read into it; fails when the body was shorter than its Content-Length or a read failed.
     *
     * @return the version with its SHA-256
     */
    FileVersion commit() throws IOException;

    /** Deletes an uncommitted temp file; the previous cache file stays untouched. */
    @Override
    void close() throws IOException;
}
