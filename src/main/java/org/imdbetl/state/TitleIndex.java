package org.imdbetl.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;

/**
 * Title search over {@code title} and {@code originalTitle}: case and accent insensitive (see
 * {@link TitleText}), every query word matched as a word prefix, one typo forgiven in words of 5 or
 * more letters. Hits are ordered by match class ({@link #EXACT_TITLE} before {@link #ALL_WORDS} before
 * {@link #PREFIX} before {@link #TYPO}), then votes descending, then tconst, and paged with cursors
 * that name a position in that order.
 *
 * <p>Kept in step with the store by {@link #upsert} and {@link #remove}. Holds the {@link Movie} it is
 * given rather than a copy of its titles: pass the instance the store keeps and the titles cost
 * nothing twice. What filtering and ordering read for every candidate (votes, year, genres, tconst
 * order) is copied into primitive arrays, so a query touching 100k candidates reads no objects.
 *
 * <p>Thread-safe: writers (one upsert or removal at a time) hold a write lock for microseconds; a
 * query holds the read lock for its own duration, milliseconds at full size.
 */
public final class TitleIndex {

    /** The query's words are the whole title (or original title), in order. */
    public static final int EXACT_TITLE = 0;
    /** Every query word is a whole word of the titles. */
    public static final int ALL_WORDS = 1;
    /** Every query word starts a word of the titles. */
    public static final int PREFIX = 2;
    /** Some query word matched only with one typo. */
    public static final int TYPO = 3;

    /** At most this many words in a query: each costs a pass over its postings. */
    public static final int MAX_QUERY_WORDS = 10;

    static final int NO_YEAR = 0;
    /** Genres beyond the first 31 seen share the last bit; a hit on it is checked against the movie. */
    private static final int OTHER_GENRES_BIT = 31;
    private static final int INITIAL_DOCS = 1024;

    public record Hit(String tconst, int matchClass, long numVotes) {
    }

    /** One page of hits; {@code nextCursor} is null on the last page. */
    public record Page(List<Hit> hits, String nextCursor) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TitleTerms terms = new TitleTerms();
    private final Map<String, Integer> genreBits = new HashMap<>();

    // Per document (an internal id, reused after removals).
    private Movie[] movies = new Movie[INITIAL_DOCS];
    private long[] orderKeys = new long[INITIAL_DOCS];
    private int[] votes = new int[INITIAL_DOCS];
    private short[] years = new short[INITIAL_DOCS];
    private int[] genreMasks = new int[INITIAL_DOCS];
    /** Word counts of title (low nibble) and original title (high nibble): whole-title matches need them. */
    private byte[] wordCounts = new byte[INITIAL_DOCS];
    private int docLimit;
    private int[] freeDocs = new int[16];
    private int freeCount;
    private int size;

    /** tconst to document: open addressing on document id + 1, keyed by {@link #orderKeys}. */
    private int[] slots = new int[2048];

    /** Indexes the movie, replacing what was indexed under its tconst. */
    public void upsert(Movie movie) {
        Objects.requireNonNull(movie, "movie");
        long key = orderKey(movie.tconst());
        List<String> newTerms = indexTerms(movie);
        byte counts = wordCounts(movie);
        lock.writeLock().lock();
        try {
            int doc = findDoc(key);
            if (doc < 0) {
                doc = allocateDoc(key, movie);
                for (String term : newTerms) {
                    terms.addPosting(terms.intern(term), doc);
                }
            } else if (!sameTitles(movies[doc], movie)) {
                List<String> oldTerms = indexTerms(movies[doc]);
                for (String term : oldTerms) {
                    if (!newTerms.contains(term)) {
                        terms.removePosting(terms.find(term), doc);
                    }
                }
                for (String term : newTerms) {
                    if (!oldTerms.contains(term)) {
                        terms.addPosting(terms.intern(term), doc);
                    }
                }
            }
            movies[doc] = movie;
            votes[doc] = movie.numVotes() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, movie.numVotes());
            years[doc] = movie.year() == null ? NO_YEAR : movie.year().shortValue();
            genreMasks[doc] = genreMask(movie.genres());
            wordCounts[doc] = counts;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return true when a movie was indexed under the tconst */
    public boolean remove(String tconst) {
        if (!Tconst.isValid(tconst)) {
            return false;
        }
        long key = orderKey(tconst);
        lock.writeLock().lock();
        try {
            int doc = findDoc(key);
            if (doc < 0) {
                return false;
            }
            for (String term : indexTerms(movies[doc])) {
                terms.removePosting(terms.find(term), doc);
            }
            deleteSlot(doc);
            movies[doc] = null;
            if (freeCount == freeDocs.length) {
                freeDocs = Arrays.copyOf(freeDocs, freeCount * 2);
            }
            freeDocs[freeCount++] = doc;
            size--;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * @throws IllegalArgumentException for a malformed {@code after} cursor or more than
     *         {@link #MAX_QUERY_WORDS} words
     */
    public Page search(SearchQuery query) {
        SearchCursor after = query.after() == null ? null : SearchCursor.decode(query.after());
        long afterKey = after == null ? 0 : orderKey(after.tconst());
        List<String> words = TitleText.words(query.text());
        if (words.size() > MAX_QUERY_WORDS) {
            throw new IllegalArgumentException("at most " + MAX_QUERY_WORDS + " words in a search, got " + words.size());
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words));
        if (distinct.isEmpty()) {
            return new Page(List.of(), null);
        }
        lock.readLock().lock();
        try {
            int n = distinct.size();
            int longs = (docLimit + 63) >>> 6;
            long[][] exact = new long[n][];
            long[][] prefix = new long[n][];
            long[] candidates = null;
            for (int w = 0; w < n; w++) {
                String word = distinct.get(w);
                long[] wordExact = new long[longs];
                int term = terms.find(word);
                if (term >= 0) {
                    terms.orPostings(term, wordExact);
                }
                long[] wordPrefix = new long[longs];
                terms.forEachWithPrefix(word, t -> terms.orPostings(t, wordPrefix));
                long[] any = wordPrefix;
                if (TitleText.typoAllowed(word)) {
                    long[] fuzzy = new long[longs];
                    terms.forEachWithFuzzyPrefix(word, t -> terms.orPostings(t, fuzzy));
                    any = fuzzy;
                }
                exact[w] = wordExact;
                prefix[w] = wordPrefix;
                if (candidates == null) {
                    // A copy: the later words are and-ed into it, and it may be this word's prefix set.
                    candidates = n == 1 ? any : any.clone();
                } else {
                    for (int i = 0; i < longs; i++) {
                        candidates[i] &= any[i];
                    }
                }
            }
            int genreBit = query.genre() == null ? -1 : genreBits.getOrDefault(query.genre(), OTHER_GENRES_BIT);
            TopHits top = new TopHits(query.limit() + 1);
            for (int i = 0; i < longs; i++) {
                long bits = candidates[i];
                while (bits != 0) {
                    int doc = (i << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (!query.acceptsYear(years[doc]) || (genreBit >= 0 && !hasGenre(doc, genreBit, query.genre()))) {
                        continue;
                    }
                    int matchClass = matchClass(doc, i, exact, prefix, words);
                    if (after != null && compare(matchClass, doc, after.matchClass(), after.numVotes(), afterKey) <= 0) {
                        continue;
                    }
                    top.offer(matchClass, doc);
                }
            }
            return top.page(query.limit());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Movies indexed. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Bytes of heap the index holds, from its array sizes; the {@link Movie} objects it refers to are
     * not counted (the store holds them anyway).
     */
    public long approximateHeapBytes() {
        lock.readLock().lock();
        try {
            int docs = movies.length;
            return terms.heapBytes() + 4L * docs + 8L * docs + 4L * docs + 2L * docs + 4L * docs + docs
                    + 4L * freeDocs.length + 4L * slots.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Distinct index terms, for the benchmark and /status. */
    int termCount() {
        lock.readLock().lock();
        try {
            return terms.termCount();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A long that sorts as the tconst string does: its digits, each as 1..10 in base 11, padded with
     * zeros to 10 places, so a shorter tconst sorts before every longer one it starts.
     */
    static long orderKey(String tconst) {
        if (!Tconst.isValid(tconst)) {
            throw new IllegalArgumentException("not a tconst: " + tconst);
        }
        long key = 0;
        for (int i = 2; i < 12; i++) {
            key = key * 11 + (i < tconst.length() ? tconst.charAt(i) - '0' + 1 : 0);
        }
        return key;
    }

    private int matchClass(int doc, int longIndex, long[][] exact, long[][] prefix, List<String> words) {
        long bit = 1L << doc;
        int worst = ALL_WORDS;
        for (int w = 0; w < exact.length; w++) {
            if ((exact[w][longIndex] & bit) == 0) {
                worst = Math.max(worst, (prefix[w][longIndex] & bit) != 0 ? PREFIX : TYPO);
            }
        }
        if (worst == ALL_WORDS && isWholeTitle(doc, words)) {
            return EXACT_TITLE;
        }
        return worst;
    }

    /** Cheap word-count check first; only titles of the query's length are cut into words. */
    private boolean isWholeTitle(int doc, List<String> words) {
        int counts = wordCounts[doc] & 0xff;
        Movie movie = movies[doc];
        return (counts & 0xf) == words.size() && TitleText.words(movie.title()).equals(words)
                || movie.originalTitle() != null && (counts >>> 4) == words.size()
                        && TitleText.words(movie.originalTitle()).equals(words);
    }

    private boolean hasGenre(int doc, int bit, String genre) {
        if ((genreMasks[doc] & (1 << bit)) == 0) {
            return false;
        }
        return bit != OTHER_GENRES_BIT || movies[doc].genres().contains(genre);
    }

    /** Search order of (class, doc) against a cursor position: negative when it comes first. */
    private int compare(int matchClass, int doc, int otherClass, long otherVotes, long otherKey) {
        if (matchClass != otherClass) {
            return Integer.compare(matchClass, otherClass);
        }
        if (votes[doc] != otherVotes) {
            return Long.compare(otherVotes, votes[doc]);
        }
        return Long.compare(orderKeys[doc], otherKey);
    }

    private int compare(int classA, int docA, int classB, int docB) {
        return compare(classA, docA, classB, votes[docB], orderKeys[docB]);
    }

    /** The best {@code capacity} hits seen, in a max-heap whose root is the worst of them. */
    private final class TopHits {
        private final int[] docs;
        private final int[] classes;
        private int count;

        TopHits(int capacity) {
            docs = new int[capacity];
            classes = new int[capacity];
        }

        void offer(int matchClass, int doc) {
            if (count < docs.length) {
                docs[count] = doc;
                classes[count] = matchClass;
                siftUp(count++);
            } else if (compare(matchClass, doc, classes[0], docs[0]) < 0) {
                docs[0] = doc;
                classes[0] = matchClass;
                siftDown(0);
            }
        }

        /** The first {@code limit} hits in order, and a cursor when there were more. */
        Page page(int limit) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compare(classes[a], docs[a], classes[b], docs[b]));
            int shown = Math.min(limit, count);
            List<Hit> hits = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                int doc = docs[order[i]];
                hits.add(new Hit(movies[doc].tconst(), classes[order[i]], votes[doc]));
            }
            String next = null;
            if (count > limit) {
                Hit last = hits.get(shown - 1);
                next = new SearchCursor(last.matchClass(), last.numVotes(), last.tconst()).encode();
            }
            return new Page(List.copyOf(hits), next);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (compare(classes[i], docs[i], classes[parent], docs[parent]) <= 0) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= count) {
                    return;
                }
                int worse = left;
                int right = left + 1;
                if (right < count && compare(classes[right], docs[right], classes[left], docs[left]) > 0) {
                    worse = right;
                }
                if (compare(classes[worse], docs[worse], classes[i], docs[i]) <= 0) {
                    return;
                }
                swap(i, worse);
                i = worse;
            }
        }

        private void swap(int a, int b) {
            int doc = docs[a];
            docs[a] = docs[b];
            docs[b] = doc;
            int matchClass = classes[a];
            classes[a] = classes[b];
            classes[b] = matchClass;
        }
    }

    private static List<String> indexTerms(Movie movie) {
        List<String> terms = new ArrayList<>(8);
        if (movie.title() != null) {
            TitleText.indexTerms(movie.title(), terms);
        }
        if (movie.originalTitle() != null && movie.originalTitle() != movie.title()) {
            TitleText.indexTerms(movie.originalTitle(), terms);
        }
        return terms;
    }

    private static boolean sameTitles(Movie a, Movie b) {
        return Objects.equals(a.title(), b.title()) && Objects.equals(a.originalTitle(), b.originalTitle());
    }

    private static byte wordCounts(Movie movie) {
        int title = movie.title() == null ? 0 : TitleText.wordCount(movie.title());
        int original = movie.originalTitle() == null ? 0 : TitleText.wordCount(movie.originalTitle());
        return (byte) (title | original << 4);
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

    private int allocateDoc(long key, Movie movie) {
        int doc;
        if (freeCount > 0) {
            doc = freeDocs[--freeCount];
        } else {
            doc = docLimit++;
            if (doc == movies.length) {
                int capacity = doc + (doc >> 1);
                movies = Arrays.copyOf(movies, capacity);
                orderKeys = Arrays.copyOf(orderKeys, capacity);
                votes = Arrays.copyOf(votes, capacity);
                years = Arrays.copyOf(years, capacity);
                genreMasks = Arrays.copyOf(genreMasks, capacity);
                wordCounts = Arrays.copyOf(wordCounts, capacity);
            }
        }
        orderKeys[doc] = key;
        movies[doc] = movie;
        size++;
        if (size * 4 > slots.length * 3) {
            rehashSlots(slots.length * 2);
        } else {
            insertSlot(doc);
        }
        return doc;
    }

    private static int slotHash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int findDoc(long key) {
        int mask = slots.length - 1;
        for (int slot = slotHash(key) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (orderKeys[entry - 1] == key) {
                return entry - 1;
            }
        }
    }

    private void insertSlot(int doc) {
        int mask = slots.length - 1;
        int slot = slotHash(orderKeys[doc]) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = doc + 1;
    }

    /** Linear-probing removal by backward shift, so lookups never need tombstones. */
    private void deleteSlot(int doc) {
        int mask = slots.length - 1;
        int slot = slotHash(orderKeys[doc]) & mask;
        while (slots[slot] != doc + 1) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = slotHash(orderKeys[slots[next] - 1]) & mask;
            // Move the entry back if the hole lies on its probe path (cyclically between home and next).
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = 0;
    }

    private void rehashSlots(int capacity) {
        slots = new int[capacity];
        for (int doc = 0; doc < docLimit; doc++) {
            if (movies[doc] != null) {
                insertSlot(doc);
            }
        }
    }
}
