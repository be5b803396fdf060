package org.imdbetl.ingest;

import java.util.concurrent.locks.LockSupport;

/** Holds a sender to a rate (records per second); after a stall it goes on at the rate, never bursts to catch up. */
final class Pacer {

    /** How far behind its schedule a sender may fall before the schedule starts again from now. */
    private static final long SLACK_NANOS = 1_000_000_000L;

    private final long nanosPerRecord;
    private long scheduleStart = System.nanoTime();
    private long paced;

    /** @param perSecond records per second; 0 or less does not pace */
    Pacer(int perSecond) {
        this.nanosPerRecord = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
    }

    /** Waits until the next record is due. */
    void pace() throws InterruptedException {
        if (nanosPerRecord == 0) {
            return;
        }
        long now = System.nanoTime();
        long due = scheduleStart + paced * nanosPerRecord;
        if (now - due > SLACK_NANOS) {
            scheduleStart = now - paced * nanosPerRecord;
            due = now;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        paced++;
    }
}
