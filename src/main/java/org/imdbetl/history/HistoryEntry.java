package org.imdbetl.history;

import java.util.Objects;

/** A history point with the movie it belongs to: one record of the history topic. */
public record HistoryEntry(String tconst, HistoryPoint point) {

    public HistoryEntry {
        Objects.requireNonNull(tconst, "tconst");
        Objects.requireNonNull(point, "point");
    }
}
