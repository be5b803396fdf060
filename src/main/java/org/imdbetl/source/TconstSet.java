package org.imdbetl.source;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.imdbetl.domain.Tconst;

/**
 * The tconsts seen so far in one dump, to count duplicates and to find the movies a dump no longer has:
 * a bit per id for ordinary 7- and 8-digit ids (a few MB for all of IMDb), a hash set for anything else.
 * Not thread-safe: one reading thread.
 */
public final class TconstSet {

    private static final int MAX_BIT_ID = 200_000_000;

    private final BitSet seven = new BitSet();
    private final BitSet eight = new BitSet();
    private final Set<String> others = new HashSet<>();

    /** Whether the tconst was added. */
    public boolean contains(String tconst) {
        int digits = tconst.length() - 2;
        if (digits == 7 || digits == 8) {
            long id = Tconst.number(tconst) >>> 4;
            if (id < MAX_BIT_ID) {
                return (digits == 7 ? seven : eight).get((int) id);
            }
        }
        return others.contains(tconst);
    }

    /** @return true when the tconst was already there */
    public boolean add(String tconst) {
        int digits = tconst.length() - 2;
        if (digits == 7 || digits == 8) {
            long id = Tconst.number(tconst) >>> 4;
            if (id < MAX_BIT_ID) {
                BitSet bits = digits == 7 ? seven : eight;
                boolean present = bits.get((int) id);
                bits.set((int) id);
                return present;
            }
        }
        return !others.add(tconst);
    }
}
