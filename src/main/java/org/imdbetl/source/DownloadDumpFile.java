package org.imdbetl.source;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.imdbetl.files.AtomicFiles;
import org.jboss.logging.Logger;

/**
 * A changed download. Either streaming: the HTTP body, read by the caller as it arrives and teed into a
 * temp file in the cache folder; or downloaded already (a server without validators, whose body had to be
 * hashed before anything could be decided): the complete temp file. {@link #commit()} turns the temp file
 * into the cache file; {@link #close()} without a commit deletes it.
 */
final class DownloadDumpFile implements DumpFile {

    private static final Logger LOG = Logger.getLogger(DownloadDumpFile.class);
    private static final int WRITE_BUFFER = 1 << 16;

    private final String name;
    private final URI uri;
    private final Path cacheFile;
    private final String checkResult;
    private final FileVersion version;
    /** The unread HTTP body, or null when the temp file holds the complete download already. */
    private final InputStream body;
    private final Duration stallTimeout;
    private Path temp;
    private Closeable stallGuard;
    private OutputStream tempOut;
    private HashingInputStream hashing;
    private InputStream openedTemp;
    private boolean opened;
    private FileVersion committed;

    private DownloadDumpFile(String name, URI uri, Path cacheFile, String checkResult, FileVersion version,
            InputStream body, Duration stallTimeout, Path temp) {
        this.name = name;
        this.uri = uri;
        this.cacheFile = cacheFile;
        this.checkResult = checkResult;
        this.version = version;
        this.body = body;
        this.stallTimeout = stallTimeout;
        this.temp = temp;
    }

    /** A body still to be read; {@code version} carries the answer's validators. */
    static DownloadDumpFile streaming(String name, URI uri, Path cacheFile, String checkResult, FileVersion version,
            InputStream body, Duration stallTimeout) {
        return new DownloadDumpFile(name, uri, cacheFile, checkResult, version, body, stallTimeout, null);
    }

    /** A body downloaded and hashed into {@code temp} already; {@code version} carries its SHA-256. */
    static DownloadDumpFile downloaded(String name, URI uri, Path cacheFile, String checkResult, FileVersion version,
            Path temp) {
        return new DownloadDumpFile(name, uri, cacheFile, checkResult, version, null, null, temp);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    @Override
    public boolean changed() {
        return true;
    }

    @Override
    public String checkResult() {
        return checkResult;
    }

    @Override
    public FileVersion version() {
        return committed != null ? committed : version;
    }

    @Override
    public long totalBytes() {
        if (body == null) {
            return version.size();
        }
        return version.contentLength() != null ? version.contentLength() : -1;
    }

    @Override
    public InputStream open() throws IOException {
        if (opened) {
            throw new IllegalStateException(describe() + " was opened already");
        }
        opened = true;
        if (body == null) {
            openedTemp = Files.newInputStream(temp);
            return openedTemp;
        }
        temp = AtomicFiles.newTemp(cacheFile);
        tempOut = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), WRITE_BUFFER);
        hashing = new HashingInputStream(body, tempOut, totalBytes());
        stallGuard = StallGuard.watch(hashing, stallTimeout, describe());
        return hashing;
    }

    @Override
    public FileVersion commit() throws IOException {
        if (committed != null) {
            return committed;
        }
        FileVersion complete;
        if (body == null) {
            if (openedTemp != null) {
                openedTemp.close();
            }
            complete = version;
        } else {
            if (!opened) {
                open();
            }
            // Bytes after the gzip trailer belong to the file too, and a short body must fail here.
            hashing.drain();
            tempOut.close();
            complete = version.withSha256(hashing.sha256Hex(), hashing.count());
        }
        AtomicFiles.publish(temp, cacheFile);
        temp = null;
        committed = complete;
        LOG.infof("Dumps: %s (%d bytes) is now the cached copy %s", uri, complete.size(), cacheFile);
        return committed;
    }

    @Override
    public void close() throws IOException {
        try {
            if (stallGuard != null) {
                stallGuard.close();
            }
            if (body != null) {
                // Before the whole body arrived this drops the connection rather than reading it to its end.
                body.close();
            }
            if (tempOut != null) {
                tempOut.close();
            }
            if (openedTemp != null) {
                openedTemp.close();
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
                temp = null;
            }
        }
    }

    @Override
    public String toString() {
        return describe() + " changed: " + checkResult;
    }
}
