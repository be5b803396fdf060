package org.imdbetl.source;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.imdbetl.domain.ReasonCounts;

/**
 * Counters of the current or last ingest, written by the ingest thread and read by the API.
 * Every rejected row is counted under its reason.
 */
public final class IngestProgress implements RowListener {

    private final AtomicReference<IngestState> state = new AtomicReference<>(IngestState.IDLE);
    private final AtomicReference<String> source = new AtomicReference<>("");
    private final AtomicReference<String> error = new AtomicReference<>();
    private final AtomicReference<Instant> startedAt = new AtomicReference<>();
    private final AtomicReference<Instant> finishedAt = new AtomicReference<>();
    private volatile String currentFile = "";
    private volatile long fileStartNanos;
    private volatile long bytesRead;
    private volatile long bytesTotal = -1;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong moviesRead = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong sendFailed = new AtomicLong();
    private final ReasonCounts<RejectReason> rejected = new ReasonCounts<>(RejectReason.class);
    /** Since start-up, across ingests: what the metrics count. */
    private final AtomicLong totalSent = new AtomicLong();
    private final ReasonCounts<RejectReason> totalRejected = new ReasonCounts<>(RejectReason.class);

    /** Resets every counter for a new run. */
    public void started(String sourceDescription) {
        rowsRead.set(0);
        moviesRead.set(0);
        sent.set(0);
        unchanged.set(0);
        sendFailed.set(0);
        rejected.reset();
        source.set(sourceDescription);
        error.set(null);
        startedAt.set(Instant.now());
        finishedAt.set(null);
        currentFile = "";
        fileStartNanos = System.nanoTime();
        bytesRead = 0;
        bytesTotal = -1;
        state.set(IngestState.RUNNING);
    }

    /** A check of the source is under way; the counters still describe the last refresh that read data. */
    public void checking(String sourceDescription) {
        source.set(sourceDescription);
        error.set(null);
        state.set(IngestState.RUNNING);
    }

    /**
     * The check found the dumps as last ingested: nothing was read. The counters keep describing the last
     * refresh that read data; held-back deletions stay held back.
     */
    public void checkedUnchanged(boolean deletionsHeldBack) {
        if (finishedAt.get() == null) {
            finishedAt.set(Instant.now());
        }
        state.set(deletionsHeldBack ? IngestState.HELD_BACK : IngestState.COMPLETED);
    }

    /** Read and applied, but the deletions found were not sent (the safety valve). */
    public void heldBack() {
        finishedAt.set(Instant.now());
        state.set(IngestState.HELD_BACK);
    }

    public void completed() {
        finishedAt.set(Instant.now());
        state.set(IngestState.COMPLETED);
    }

    /** Read and applied up to where a file stopped short; {@code reason} names the file and why. */
    public void incomplete(String reason) {
        error.set(reason);
        finishedAt.set(Instant.now());
        state.set(IngestState.INCOMPLETE);
    }

    public void failed(String message) {
        error.set(message);
        finishedAt.set(Instant.now());
        state.set(IngestState.FAILED);
    }

    @Override
    public void rowRead(String file) {
        rowsRead.incrementAndGet();
    }

    @Override
    public void rejected(String file, long line, RejectReason reason, String detail, String row) {
        rejected.increment(reason);
        totalRejected.increment(reason);
    }

    /**
     * How far into the compressed file (or the download) the reader is.
     *
     * @param total the compressed size, -1 if unknown
     */
    public void bytesRead(String file, long read, long total) {
        if (!file.equals(currentFile)) {
            fileStartNanos = System.nanoTime();
            currentFile = file;
        }
        bytesTotal = total;
        bytesRead = read;
    }

    public void movieRead() {
        moviesRead.incrementAndGet();
    }

    public void movieSent() {
        sent.incrementAndGet();
        totalSent.incrementAndGet();
    }

    /** A movie already in the store exactly as read: not sent again. */
    public void movieUnchanged() {
        unchanged.incrementAndGet();
    }

    public void sendFailed() {
        sendFailed.incrementAndGet();
    }

    /** Records sent to Kafka since start-up. */
    public long totalSent() {
        return totalSent.get();
    }

    /** Rows rejected for this reason since start-up. */
    public long totalRejected(RejectReason reason) {
        return totalRejected.get(reason);
    }

    public Snapshot snapshot() {
        Map<RejectReason, Long> byReason = rejected.nonZero();
        Instant started = startedAt.get();
        Instant end = finishedAt.get() == null ? Instant.now() : finishedAt.get();
        double seconds = started == null ? 0 : Math.max(0.001, (end.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        long rows = rowsRead.get();
        long read = bytesRead;
        long total = bytesTotal;
        double fraction = total > 0 ? Math.min(1.0, (double) read / total) : 0;
        // The rate of the current file alone: a download's speed, or how fast the parser takes a local file.
        double fileSeconds = (System.nanoTime() - fileStartNanos) / 1e9;
        double megabytesPerSecond = fileSeconds <= 0 || read == 0 ? 0 : Math.round(read / 1e5 / fileSeconds) / 10.0;
        return new Snapshot(state.get(), source.get(), started, finishedAt.get(), currentFile,
                Math.round(fraction * 1000) / 10.0, seconds == 0 ? 0 : Math.round(rows / seconds), rows,
                moviesRead.get(), sent.get(), unchanged.get(), sendFailed.get(), rejected.total(), byReason, error.get(),
                read, total, megabytesPerSecond);
    }

    /**
     * A consistent-enough copy for reporting. {@code bytesRead} and {@code bytesTotal} (-1: unknown) are
     * compressed bytes of {@code currentFile}; a megabyte is 10^6 bytes.
     */
    public record Snapshot(IngestState state, String source, Instant startedAt, Instant finishedAt, String currentFile,
            double percentRead, long rowsPerSecond, long rowsRead,
            long moviesRead, long sent, long unchanged, long sendFailed, long rejected,
            Map<RejectReason, Long> rejectedByReason, String error,
            long bytesRead, long bytesTotal, double megabytesPerSecond) {
    }
}
