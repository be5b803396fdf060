package org.imdbetl.source;

import java.io.Closeable;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a download whose read has waited for data longer than a limit: the JDK HTTP client has no read
 * timeout, and a stalled connection would otherwise hold the ingest forever. A slow reader (a paced
 * ingest) is not a stall: only time spent inside a read counts.
 */
final class StallGuard {

    private StallGuard() {
    }

    /** One daemon thread for every download, started on first use. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "imdb-download-stall-guard");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return closing it stops the watch */
    static Closeable watch(HashingInputStream in, Duration limit, String what) {
        long periodMillis = Math.max(10, limit.toMillis() / 4);
        ScheduledFuture<?> check = Timer.INSTANCE.scheduleWithFixedDelay(() -> {
            if (in.waitingNanos() > limit.toNanos()) {
                in.abort(new SocketTimeoutException(what + " sent no data for " + limit.toMillis() + " ms"));
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return () -> check.cancel(false);
    }
}
