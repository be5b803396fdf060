package org.imdbetl.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated UTF-8 lines from a byte stream. Works on bytes so that one bad line
 * (invalid UTF-8, absurd length, cut off by a truncated file) is rejected alone and reading goes on.
 */
final class LineReader implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int length;
    private long lineNumber;
    private boolean eof;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Number of the line last returned or rejected, starting at 1. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Next line without its terminator, or null at the end of the stream.
     *
     * @throws RejectedRowException for a line that is too long, not UTF-8, or has no terminator
     */
    public String next() throws IOException, RejectedRowException {
        return advance() ? text() : null;
    }

    /**
     * Loads the next line's bytes without decoding them, so callers can skip unwanted rows cheaply.
     *
     * @return false at the end of the stream
     * @throws RejectedRowException for a line that is too long or has no terminator
     */
    public boolean advance() throws IOException, RejectedRowException {
        length = 0;
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0 && !tooLong) {
                    return false;
                }
                lineNumber++;
                // A last line without '\n' is what a cut-off download leaves behind.
                throw new RejectedRowException(RejectReason.TRUNCATED_LINE, "line " + lineNumber + " has no line terminator");
            }
            int start = position;
            int newline = indexOfNewline(start, limit);
            int end = newline < 0 ? limit : newline;
            int chunk = end - start;
            if (!tooLong) {
                if (length + chunk > maxLineBytes) {
                    tooLong = true;
                } else {
                    ensureCapacity(length + chunk);
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            if (newline < 0) {
                position = limit;
                continue;
            }
            position = newline + 1;
            lineNumber++;
            if (tooLong) {
                length = 0;
                throw new RejectedRowException(RejectReason.LINE_TOO_LONG, "line " + lineNumber + " is longer than " + maxLineBytes + " bytes");
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return true;
        }
    }

    /** The current line, decoded. */
    public String text() throws RejectedRowException {
        return decode(length);
    }

    /** Number of tab-separated fields in the current line. */
    public int fieldCount() {
        int count = 1;
        for (int i = 0; i < length; i++) {
            if (line[i] == '\t') {
                count++;
            }
        }
        return count;
    }

    /** Whether field {@code index} of the current line equals one of the candidates, byte for byte. */
    public boolean fieldIn(int index, byte[][] candidates) {
        int start = 0;
        for (int field = 0; field < index; field++) {
            while (start < length && line[start] != '\t') {
                start++;
            }
            start++;
        }
        int end = start;
        while (end < length && line[end] != '\t') {
            end++;
        }
        for (byte[] candidate : candidates) {
            if (candidate.length == end - start && Arrays.equals(line, start, end, candidate, 0, candidate.length)) {
                return true;
            }
        }
        return false;
    }

    private String decode(int length) throws RejectedRowException {
        if (isAscii(length)) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(line, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new RejectedRowException(RejectReason.INVALID_UTF8, "line " + lineNumber + " is not valid UTF-8");
        }
    }

    private boolean isAscii(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
