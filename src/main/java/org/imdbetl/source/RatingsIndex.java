package org.imdbetl.source;

import java.util.Arrays;
import org.imdbetl.domain.Tconst;

/**
 * title.ratings in memory during an ingest: tconst to (averageRating, numVotes), as three parallel
 * arrays sorted by the numeric part of the tconst and searched by bisection: a few primitives per
 * rating instead of a map of boxed entries, which matters under a small heap.
 */
public final class RatingsIndex {

    private long[] keys = new long[1 << 12];
    private double[] ratings = new double[keys.length];
    private int[] votes = new int[keys.length];
    private int size;
    private boolean sorted = true;

    /** Adds a rating; a later row for the same tconst wins (see {@link #seal}). */
    public void put(String tconst, double averageRating, int numVotes) {
        if (size == keys.length) {
            int capacity = size + (size >> 1);
            keys = Arrays.copyOf(keys, capacity);
            ratings = Arrays.copyOf(ratings, capacity);
            votes = Arrays.copyOf(votes, capacity);
        }
        long key = Tconst.number(tconst);
        if (size > 0 && key <= keys[size - 1]) {
            sorted = false;
        }
        keys[size] = key;
        ratings[size] = averageRating;
        votes[size] = numVotes;
        size++;
    }

    /**
     * Sorts the entries for lookups and drops earlier duplicates.
     *
     * @return how many rows were duplicates of a later row
     */
    public int seal() {
        if (!sorted) {
            sortByKey();
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept > 0 && keys[kept - 1] == keys[i]) {
                kept--;
            }
            keys[kept] = keys[i];
            ratings[kept] = ratings[i];
            votes[kept] = votes[i];
            kept++;
        }
        int duplicates = size - kept;
        size = kept;
        keys = Arrays.copyOf(keys, size);
        ratings = Arrays.copyOf(ratings, size);
        votes = Arrays.copyOf(votes, size);
        sorted = true;
        return duplicates;
    }

    /** Position of a rated tconst, or -1 when it has no rating. Call after {@link #seal}. */
    public int find(String tconst) {
        int found = Arrays.binarySearch(keys, 0, size, Tconst.number(tconst));
        return found < 0 ? -1 : found;
    }

    public double ratingAt(int slot) {
        return ratings[slot];
    }

    public int votesAt(int slot) {
        return votes[slot];
    }

    public int size() {
        return size;
    }


    /** Stable sort of the three arrays by key (stable: of duplicates, the later row stays last). */
    private void sortByKey() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        long[] k = keys;
        Arrays.sort(order, (a, b) -> Long.compare(k[a], k[b]));
        long[] newKeys = new long[size];
        double[] newRatings = new double[size];
        int[] newVotes = new int[size];
        for (int i = 0; i < size; i++) {
            newKeys[i] = keys[order[i]];
            newRatings[i] = ratings[order[i]];
            newVotes[i] = votes[order[i]];
        }
        keys = newKeys;
        ratings = newRatings;
        votes = newVotes;
    }

    @Override
    public String toString() {
        return "RatingsIndex[size=" + size + "]";
    }
}
