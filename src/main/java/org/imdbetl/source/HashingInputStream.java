package org.imdbetl.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes every byte read, optionally copies it to a file being written, and checks the length at the
 * end. Its owner, not the reader, closes the underlying stream: closing this one only stops the reader,
 * so that the owner can still {@link #drain()} what a gzip reader left unread after the trailer.
 */
final class HashingInputStream extends InputStream {

    private final InputStream in;
    private final OutputStream copy;
    private final long expectedLength;
    private final MessageDigest digest = sha256();
    private long count;
    private boolean ended;
    private boolean closedByReader;
    private IOException failure;
    private String finalHash;
    /** When the read now waiting for data began (never 0), or 0 when no read waits. */
    private volatile long readingSinceNanos;
    private volatile IOException abort;

    /**
     * @param copy           where every byte read also goes, or null
     * @param expectedLength the length the stream must have, -1 if unknown
     */
    HashingInputStream(InputStream in, OutputStream copy, long expectedLength) {
        this.in = in;
        this.copy = copy;
        this.expectedLength = expectedLength;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closedByReader) {
            throw new IOException("stream closed");
        }
        return readThrough(buffer, offset, length);
    }

    @Override
    public int available() throws IOException {
        return closedByReader || ended ? 0 : in.available();
    }

    @Override
    public void close() {
        closedByReader = true;
    }

    /** Reads what is left to the end, through the hash and the copy; fails if any read failed before. */
    void drain() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (readThrough(buffer, 0, buffer.length) >= 0) {
            // only hashed and copied
        }
    }

    /** How long the read now in progress has waited for data; 0 when no read is in progress. */
    long waitingNanos() {
        long since = readingSinceNanos;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** From another thread: ends a read that waits too long. That read and every later one fail with the reason. */
    void abort(IOException reason) {
        abort = reason;
        try {
            in.close();
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The hash of every byte; only once the stream {@link #drain() ended}. */
    String sha256Hex() {
        if (!ended) {
            throw new IllegalStateException("the stream was not read to its end");
        }
        if (finalHash == null) {
            finalHash = hex(digest.digest());
        }
        return finalHash;
    }

    /** Closes the underlying stream: the owner's part. */
    void closeSource() throws IOException {
        in.close();
    }

    private int readThrough(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            // A stream that failed once (a cut connection) must never look complete afterwards.
            throw new IOException("an earlier read failed: " + failure.getMessage(), failure);
        }
        if (ended) {
            return -1;
        }
        try {
            int n;
            readingSinceNanos = System.nanoTime() | 1;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                if (abort != null) {
                    // The read ended because the guard closed the source: say why.
                    throw abort;
                }
                throw e;
            } finally {
                readingSinceNanos = 0;
            }
            if (abort != null) {
                throw abort;
            }
            if (n < 0) {
                if (expectedLength >= 0 && count != expectedLength) {
                    throw new EOFException("the stream ended after " + count + " of " + expectedLength + " bytes");
                }
                ended = true;
                return -1;
            }
            digest.update(buffer, offset, n);
            if (copy != null) {
                copy.write(buffer, offset, n);
            }
            count += n;
            if (expectedLength >= 0 && count > expectedLength) {
                throw new IOException("the stream is longer than its " + expectedLength + " bytes");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        }
    }
}
