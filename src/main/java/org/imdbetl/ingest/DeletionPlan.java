package org.imdbetl.ingest;

import java.util.List;

/**
 * What a refresh does with the movies its dump no longer has: send a tombstone for each, or, when they
 * are more than the safety valve allows and nobody allowed it, hold them all back.
 *
 * @param send the tconsts to delete, in tconst order (a replay after a crash sends the rest in the same order)
 * @param heldBack how many were found but are held back (then {@code send} is empty)
 */
public record DeletionPlan(List<String> send, long heldBack) {

    /**
     * @param gone the movies the dump no longer has
     * @param published how many movies the topic holds
     * @param maxDeleteFraction the safety valve: more than this fraction of {@code published} is held back
     * @param allowDeletes the operator allowed any number
     */
    public static DeletionPlan of(List<String> gone, long published, double maxDeleteFraction, boolean allowDeletes) {
        if (!gone.isEmpty() && gone.size() > maxDeleteFraction * published && !allowDeletes) {
            return new DeletionPlan(List.of(), gone.size());
        }
        return new DeletionPlan(gone.stream().sorted().toList(), 0);
    }

    public boolean isHeldBack() {
        return heldBack > 0;
    }
}
