package org.imdbetl.search;

import com.carrotsearch.hppc.BitSet;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;

/**
 * The documents of {@link TitleIndex}: a document id per indexed movie (ids of removed movies are reused),
 * and per document, in primitive columns, what filtering and ordering read for every candidate (votes,
 * year, genres, title shapes), plus one bitset per band of votes. Holds the {@link Movie} it is given,
 * not a copy of its titles. Not thread-safe: the index locks.
 */
final class TitleDocuments {

    static final int NO_YEAR = 0;
    /** Lower bounds of the vote bands, best first; the last band holds the unrated and unvoted. */
    static final long[] BAND_FLOORS = {100_000, 10_000, 1_000, 100, 20, 5, 1, 0};
    /** Genres beyond the first 31 seen share the last bit; a hit on it is checked against the movie. */
    static final int OTHER_GENRES_BIT = 31;
    private static final int INITIAL_DOCS = 1024;
    private static final int NO_DOC = -1;

    private final Map<String, Integer> genreBits = new HashMap<>();
    // Per document; a free id has a null movie.
    private Movie[] movies = new Movie[INITIAL_DOCS];
    private int[] votes = new int[INITIAL_DOCS];
    private short[] years = new short[INITIAL_DOCS];
    private int[] genreMasks = new int[INITIAL_DOCS];
    /**
     * The shape of title (low half) and original title (high half), see {@link #shape}: a whole-title
     * match needs an equal shape, so the few titles compared in full are (nearly) only the matches.
     */
    private int[] titleShapes = new int[INITIAL_DOCS];
    private final BitSet[] bands = new BitSet[BAND_FLOORS.length];
    /** Document by {@link Tconst#number}: primitive keys, no String compared on a lookup. */
    private final LongIntHashMap byTconst = new LongIntHashMap();
    private final IntArrayList freeDocs = new IntArrayList();
    private int docLimit;
    private int size;

    TitleDocuments() {
        for (int b = 0; b < bands.length; b++) {
            bands[b] = new BitSet(INITIAL_DOCS);
        }
    }

    int size() {
        return size;
    }

    /** One past the highest document id in use: how far a bitset over the documents reaches. */
    int limit() {
        return docLimit;
    }

    /** The document of the tconst, or -1. */
    int find(String tconst) {
        return byTconst.getOrDefault(Tconst.number(tconst), NO_DOC);
    }

    /** The document of this very instance, or -1. */
    int findInstance(Movie movie) {
        int doc = find(movie.tconst());
        return doc >= 0 && movies[doc] == movie ? doc : NO_DOC;
    }

    /** A new document for a movie not indexed yet; {@link #set} fills it. */
    int allocate(Movie movie) {
        int doc;
        if (!freeDocs.isEmpty()) {
            doc = freeDocs.removeLast();
        } else {
            doc = docLimit++;
            if (doc == movies.length) {
                // A quarter more at a time: the columns are most of the index, slack here is heap for nothing.
                grow(doc + (doc >> 2));
            }
        }
        movies[doc] = movie;
        byTconst.put(Tconst.number(movie.tconst()), doc);
        size++;
        return doc;
    }

    /** Fills (or refills) a document's columns from its movie. */
    void set(int doc, Movie movie, int shapes) {
        if (movies[doc] != null) {
            bands[bandOf(votes[doc])].clear(doc);
        }
        movies[doc] = movie;
        votes[doc] = movie.numVotes() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, movie.numVotes());
        bands[bandOf(votes[doc])].set(doc);
        years[doc] = movie.year() == null ? NO_YEAR : movie.year().shortValue();
        genreMasks[doc] = genreMask(movie.genres());
        titleShapes[doc] = shapes;
    }

    /** Frees a document; its id is reused by a later {@link #allocate}. */
    void free(int doc) {
        byTconst.remove(Tconst.number(movies[doc].tconst()));
        bands[bandOf(votes[doc])].clear(doc);
        movies[doc] = null;
        freeDocs.add(doc);
        size--;
    }

    /** Fills an empty collection with documents 0 to n - 1, movie i as document i. */
    void load(List<Movie> inOrder, int[] shapes) {
        if (size != 0 || docLimit != 0) {
            throw new IllegalStateException("load needs an empty index, it has " + size + " movies");
        }
        reserve(inOrder.size());
        docLimit = inOrder.size();
        for (int doc = 0; doc < inOrder.size(); doc++) {
            Movie movie = inOrder.get(doc);
            byTconst.put(Tconst.number(movie.tconst()), doc);
            set(doc, movie, shapes[doc]);
        }
        size = inOrder.size();
    }

    /** Room for {@code coming} more documents, so a bulk load grows every column once. */
    void reserve(int coming) {
        grow(docLimit + coming);
        byTconst.ensureCapacity(size + coming);
    }

    Movie movie(int doc) {
        return movies[doc];
    }

    int votes(int doc) {
        return votes[doc];
    }

    int year(int doc) {
        return years[doc];
    }

    int shapes(int doc) {
        return titleShapes[doc];
    }

    /** The words of the band's bitset: bit d is set when document d has that band's votes. */
    long[] bandWords(int b) {
        return bands[b].bits;
    }

    /** The bit a genre has in the masks, {@link #OTHER_GENRES_BIT} for one beyond the first 31 seen. */
    int genreBit(String genre) {
        return genreBits.getOrDefault(genre, OTHER_GENRES_BIT);
    }

    boolean hasGenre(int doc, int genreBit, String genre) {
        if ((genreMasks[doc] & (1 << genreBit)) == 0) {
            return false;
        }
        return genreBit != OTHER_GENRES_BIT || movies[doc].genres().contains(genre);
    }

    /** Search order of two hits: match class, then votes descending, then tconst; negative when a comes first. */
    int compare(int classA, int docA, int classB, int docB) {
        if (classA != classB) {
            return Integer.compare(classA, classB);
        }
        if (votes[docA] != votes[docB]) {
            return Integer.compare(votes[docB], votes[docA]);
        }
        return movies[docA].tconst().compareTo(movies[docB].tconst());
    }

    /** Bytes of heap the columns, bands and lookup table take (not the movies they refer to). */
    long heapBytes() {
        long bandBytes = 0;
        for (BitSet band : bands) {
            bandBytes += 8L * band.bits.length;
        }
        return (long) movies.length * (4 + 4 + 2 + 4 + 4) + bandBytes + byTconst.ramBytesAllocated()
                + 4L * freeDocs.buffer.length;
    }

    static int bandOf(int votes) {
        int b = 0;
        while (votes < BAND_FLOORS[b]) {
            b++;
        }
        return b;
    }

    /**
     * 16 bits a whole-title match must share: the word count (capped at 15) and 12 bits of a hash of
     * the words. Equal words give equal shapes; 1 in 4,096 others collide and are compared in full.
     */
    static int shape(List<String> words) {
        int hash = words.hashCode() * 0x9E3779B9;
        return Math.min(15, words.size()) | (hash >>> 20) << 4;
    }

    private int genreMask(List<String> genres) {
        int mask = 0;
        for (String genre : genres) {
            Integer bit = genreBits.get(genre);
            if (bit == null) {
                bit = genreBits.size() < OTHER_GENRES_BIT ? genreBits.size() : OTHER_GENRES_BIT;
                if (bit < OTHER_GENRES_BIT) {
                    genreBits.put(genre, bit);
                }
            }
            mask |= 1 << bit;
        }
        return mask;
    }

    private void grow(int capacity) {
        if (capacity <= movies.length) {
            return;
        }
        movies = Arrays.copyOf(movies, capacity);
        votes = Arrays.copyOf(votes, capacity);
        years = Arrays.copyOf(years, capacity);
        genreMasks = Arrays.copyOf(genreMasks, capacity);
        titleShapes = Arrays.copyOf(titleShapes, capacity);
        for (BitSet band : bands) {
            band.ensureCapacity(capacity);
        }
    }
}
