package org.imdbetl.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports how many bytes of a file were read, for progress in percent of the compressed file. */
final class CountingInputStream extends FilterInputStream {

    private final long total;
    private final String name;
    private final ProgressLog log;
    private long read;

    CountingInputStream(InputStream in, long total, String name, ProgressLog log) {
        super(in);
        this.total = total;
        this.name = name;
        this.log = log;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        log.bytesRead(name, read, total);
    }
}
