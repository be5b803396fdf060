package org.imdbetl.source;

import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Counts rows into {@link IngestProgress} and logs progress at most once per interval. */
final class ProgressLog implements RowListener {

    private static final Logger LOG = Logger.getLogger(ProgressLog.class);

    private final IngestProgress progress;
    private final RejectSamples samples;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;

    ProgressLog(IngestProgress progress, RejectSamples samples, Duration interval) {
        this.progress = progress;
        this.samples = samples;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void rowRead(String file) {
        progress.rowRead(file);
    }

    @Override
    public void rejected(String file, long line, RejectReason reason, String detail, String row) {
        progress.rejected(file, line, reason, detail, row);
        samples.rejected(file, line, reason, detail, row);
        LOG.debugf("Ingest: rejected %s line %d: %s", file, line, detail);
    }

    /** Called as compressed bytes are read; also the clock for the periodic log line. */
    void bytesRead(String file, long read, long total) {
        progress.bytesRead(file, read, total);
        long now = System.nanoTime();
        if (now - lastLogNanos >= intervalNanos) {
            lastLogNanos = now;
            log("progress");
        }
    }

    void finished() {
        log("done");
    }

    /** "42% of 210.3 MB", or "12.0 MB read" when the size is unknown. */
    private static String bytes(IngestProgress.Snapshot s) {
        if (s.bytesTotal() > 0) {
            return String.format(Locale.ROOT, "%.0f%% of %.1f MB", s.percentRead(), s.bytesTotal() / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f MB read", s.bytesRead() / 1e6);
    }

    private void log(String what) {
        IngestProgress.Snapshot s = progress.snapshot();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        LOG.infof("Ingest %s: %s %s, %.1f MB/s, rows read %d, movies sent %d, unchanged %d, rejected %d %s, %.0f rows/s",
                what, s.currentFile(), bytes(s), s.megabytesPerSecond(), s.rowsRead(), s.sent(), s.unchanged(),
                s.rejected(), s.rejectedByReason(), s.rowsRead() / seconds);
    }
}
