package org.imdbetl.history;

import java.time.Instant;

/**
 * A movie whose measure moved: its value at its latest point at or before {@code since} ({@code from})
 * and at its latest point ({@code to}). Votes are whole numbers held exactly in the doubles.
 */
public record Mover(String tconst, Instant fromAsOf, double from, Instant toAsOf, double to) {

    /** {@code to - from}: positive for a movie that went up. */
    public double delta() {
        return to - from;
    }
}
