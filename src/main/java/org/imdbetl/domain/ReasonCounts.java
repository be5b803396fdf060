package org.imdbetl.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe counter per reason of an enum: rejected rows, dead-lettered records. */
public final class ReasonCounts<E extends Enum<E>> {

    private final Class<E> type;
    private final Map<E, AtomicLong> counts;

    public ReasonCounts(Class<E> type) {
        this.type = type;
        this.counts = new EnumMap<>(type);
        for (E reason : type.getEnumConstants()) {
            counts.put(reason, new AtomicLong());
        }
    }

    public void increment(E reason) {
        counts.get(reason).incrementAndGet();
    }

    public long get(E reason) {
        return counts.get(reason).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void reset() {
        counts.values().forEach(count -> count.set(0));
    }

    /** The reasons counted at least once, with their counts. */
    public Map<E, Long> nonZero() {
        Map<E, Long> copy = new EnumMap<>(type);
        counts.forEach((reason, count) -> {
            long value = count.get();
            if (value > 0) {
                copy.put(reason, value);
            }
        });
        return copy;
    }
}
