package org.imdbetl.listener;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.InvalidRecordException;

/** What the listener has taken from the topic since start-up, and what it dead-lettered and why. */
public final class ConsumerStats {

    private final AtomicLong consumed = new AtomicLong();
    private final Map<InvalidRecordException.Reason, AtomicLong> deadLettered =
            new EnumMap<>(InvalidRecordException.Reason.class);

    public ConsumerStats() {
        for (InvalidRecordException.Reason reason : InvalidRecordException.Reason.values()) {
            deadLettered.put(reason, new AtomicLong());
        }
    }

    void recordConsumed(long count) {
        consumed.addAndGet(count);
    }

    void recordDeadLettered(InvalidRecordException.Reason reason) {
        deadLettered.get(reason).incrementAndGet();
    }

    public long consumed() {
        return consumed.get();
    }

    public long deadLettered() {
        return deadLettered.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<InvalidRecordException.Reason, Long> deadLetteredByReason() {
        Map<InvalidRecordException.Reason, Long> counts = new EnumMap<>(InvalidRecordException.Reason.class);
        deadLettered.forEach((reason, count) -> {
            if (count.get() > 0) {
                counts.put(reason, count.get());
            }
        });
        return counts;
    }
}
