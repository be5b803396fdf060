package org.imdbetl.listener;

import java.util.concurrent.atomic.AtomicLong;

/** What the listener has taken from the topic since start-up. */
public final class ConsumerStats {

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    void recordConsumed(long count) {
        consumed.addAndGet(count);
    }

    void recordUndecodable() {
        undecodable.incrementAndGet();
    }

    public long consumed() {
        return consumed.get();
    }

    public long undecodable() {
        return undecodable.get();
    }
}
