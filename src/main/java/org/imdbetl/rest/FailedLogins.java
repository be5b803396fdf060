package org.imdbetl.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed admin authentications per client address, in windows of a minute: past {@link #ALLOWED} in a
 * window, every admin request from that address is refused until the window ends, right token or not,
 * so a token cannot be guessed at network speed. Remembers a bounded number of addresses.
 */
final class FailedLogins {

    static final int ALLOWED = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final LongSupplier nanoClock;
    /** Guarded by this; oldest first. */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private static final class Window {
        long startNanos;
        int failures;
    }

    FailedLogins() {
        this(System::nanoTime);
    }

    FailedLogins(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Seconds the address must wait before it may try again; 0 when it may try now. */
    synchronized long blockedSeconds(String address) {
        Window window = current(address);
        if (window == null || window.failures < ALLOWED) {
            return 0;
        }
        long left = window.startNanos + WINDOW.toNanos() - nanoClock.getAsLong();
        return Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }

    /** Counts a failed authentication; returns how many the address had in this window. */
    synchronized int failed(String address) {
        Window window = current(address);
        if (window == null) {
            window = new Window();
            window.startNanos = nanoClock.getAsLong();
            windows.put(address, window);
        }
        return ++window.failures;
    }

    private Window current(String address) {
        Window window = windows.get(address);
        if (window != null && nanoClock.getAsLong() - window.startNanos >= WINDOW.toNanos()) {
            windows.remove(address);
            return null;
        }
        return window;
    }
}
