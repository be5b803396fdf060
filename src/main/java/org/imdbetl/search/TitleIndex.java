package org.imdbetl.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;

/**
 * Title search over {@code title} and {@code originalTitle}: case and accent insensitive (see
 * {@link TitleAnalyzer}), every query word matched as a word prefix, one typo forgiven in words of 5 or
 * more letters. Hits are ordered by match class ({@link #EXACT_TITLE} before {@link #ALL_WORDS} before
 * {@link #PREFIX} before {@link #TYPO}), then votes descending, then tconst, and paged with cursors
 * that name a position in that order.
 *
 * <p>Kept in step with the store by {@link #upsert} and {@link #remove}. Holds the {@link Movie} it is
 * given rather than a copy of its titles: pass the instance the store keeps and the titles cost
 * nothing twice. What filtering and ordering read for every candidate (votes, year, genres) is copied
 * into primitive arrays.
 *
 * <p>A query sets one bit per matching document in a few bitsets and reads the best of them band by
 * band of votes (100k and more, 10k and more, ...), so a common word with 100k matches still only
 * looks at the few hundred with the most votes.
 *
 * <p>Thread-safe: writers (one upsert or removal at a time) hold a write lock for microseconds; a
 * query holds the read lock for its own duration, about a millisecond at full size.
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

    /**
     * The analysis a {@link SavedAnalysis} must have been made with to be loaded: the version of the rules
     * here and in {@link TitleAnalyzer} (raise it with any change to how titles become terms or shapes), and
     * the Java release, whose Unicode tables fold accents and tell letters apart.
     */
    public static final String ANALYSIS = "titles-1/java-" + Runtime.version().feature();

    /** At most this many words in a query: each costs a pass over its postings. */
    public static final int MAX_QUERY_WORDS = 10;

    static final int NO_YEAR = 0;
    /** Genres beyond the first 31 seen share the last bit; a hit on it is checked against the movie. */
    private static final int OTHER_GENRES_BIT = 31;
    private static final int INITIAL_DOCS = 1024;
    /** Lower bounds of the vote bands, best first; the last band holds the unrated and unvoted. */
    private static final long[] BAND_FLOORS = {100_000, 10_000, 1_000, 100, 20, 5, 1, 0};
    /**
     * A class this small is read in one pass: offering a few thousand documents costs about what one
     * pass over a band's bitset does (12k longs at full size), and there are eight bands.
     */
    private static final long ONE_PASS_CLASS = 4096;

    public record Hit(String tconst, int matchClass, long numVotes) {
    }

    /** One page of hits; {@code nextCursor} is null on the last page. */
    public record Page(List<Hit> hits, String nextCursor) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Searches running at once; more wait their turn, first come first served. A query reads a few
     * 100 KB of bitsets: eight at once on two cores spent 3.5x the CPU per query of two at once (caches),
     * so queueing the rest is both faster and kinder to the tail (see bench/TITLE_SEARCH.md).
     */
    private final Semaphore searchSlots;

    /** With one search at a time per available processor. */
    public TitleIndex() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param concurrentSearches how many searches may run at once (at least 1) */
    public TitleIndex(int concurrentSearches) {
        if (concurrentSearches < 1) {
            throw new IllegalArgumentException("concurrentSearches must be at least 1, got " + concurrentSearches);
        }
        this.searchSlots = new Semaphore(concurrentSearches, true);
    }
    private final TermDictionary terms = new TermDictionary();
    private final Map<String, Integer> genreBits = new HashMap<>();

    // Per document (an internal id, reused after removals); a free id has a null movie.
    private Movie[] movies = new Movie[INITIAL_DOCS];
    private int[] votes = new int[INITIAL_DOCS];
    private short[] years = new short[INITIAL_DOCS];
    private int[] genreMasks = new int[INITIAL_DOCS];
    /**
     * The shape of title (low half) and original title (high half), see {@link #shape}: a whole-title
     * match needs an equal shape, so the few titles compared in full are (nearly) only the matches.
     */
    private int[] titleShapes = new int[INITIAL_DOCS];
    /** One bitset per vote band. */
    private long[][] bands = new long[BAND_FLOORS.length][INITIAL_DOCS / 64];
    private int docLimit;
    private int[] freeDocs = new int[16];
    private int freeCount;
    private int size;

    /** tconst to document: open addressing on document id + 1, hashed by {@link Tconst#number}. */
    private int[] slots = new int[2048];

    /** Indexes the movie, replacing what was indexed under its tconst. */
    public void upsert(Movie movie) {
        upsert(movie, true);
    }

    /**
     * Indexes a movie the caller knows is not indexed yet (the store's own map says so): skips looking
     * for it, which was 12% of the listener's CPU while a restart loaded 761k movies.
     */
    public void insert(Movie movie) {
        upsert(movie, false);
    }

    private void upsert(Movie movie, boolean mayBeIndexed) {
        Objects.requireNonNull(movie, "movie");
        if (!Tconst.isValid(movie.tconst())) {
            throw new IllegalArgumentException("not a tconst: " + movie.tconst());
        }
        List<String> newTerms = new ArrayList<>(8);
        int shapes = analyse(movie, newTerms);
        lock.writeLock().lock();
        try {
            int doc = mayBeIndexed ? findDoc(movie.tconst()) : -1;
            if (doc < 0) {
                doc = allocateDoc(movie);
                for (String term : newTerms) {
                    terms.addPosting(terms.intern(term), doc);
                }
            } else {
                if (!sameTitles(movies[doc], movie)) {
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
                clearBit(bands[band(votes[doc])], doc);
                movies[doc] = movie;
            }
            votes[doc] = movie.numVotes() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, movie.numVotes());
            setBit(bands[band(votes[doc])], doc);
            years[doc] = movie.year() == null ? NO_YEAR : movie.year().shortValue();
            genreMasks[doc] = genreMask(movie.genres());
            titleShapes[doc] = shapes;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * For a bulk load (many movies in one batch): new words are sorted into the dictionary once, when it
     * is turned off, instead of every 1,024 new words, and the arrays grow once for the {@code coming}
     * movies. Searches meanwhile are correct but slower.
     */
    public void bulkLoad(boolean on, int coming) {
        lock.writeLock().lock();
        try {
            terms.deferMerges(on);
            if (on) {
                growDocs(docLimit + coming);
                int slotsWanted = Integer.highestOneBit(Math.max(1, (size + coming) * 4 / 3)) << 1;
                if (slotsWanted > slots.length) {
                    rehashSlots(slotsWanted);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The index's analysis of these movies, in this order, for a checkpoint; empty unless each is the very
     * instance indexed under its tconst (then the analysis is theirs).
     */
    public Optional<SavedAnalysis> analysis(List<Movie> inOrder) {
        lock.writeLock().lock(); // the dictionary merges its tail first
        try {
            int[] docs = new int[inOrder.size()];
            int[] shapes = new int[inOrder.size()];
            for (int i = 0; i < docs.length; i++) {
                Movie movie = inOrder.get(i);
                int doc = findInstance(movie);
                if (doc < 0) {
                    return Optional.empty();
                }
                docs[i] = doc;
                shapes[i] = titleShapes[doc];
            }
            return Optional.of(terms.export(ANALYSIS, docs, shapes, docLimit));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Fills this empty index with the movies, movie i as analysed at position i of {@code analysis}
     * (checked with {@link SavedAnalysis#defect} and {@link #ANALYSIS} by the caller).
     */
    public void load(List<Movie> inOrder, SavedAnalysis analysis) {
        lock.writeLock().lock();
        try {
            if (size != 0 || docLimit != 0) {
                throw new IllegalStateException("load needs an empty index, it has " + size + " movies");
            }
            growDocs(inOrder.size());
            for (int doc = 0; doc < inOrder.size(); doc++) {
                Movie movie = inOrder.get(doc);
                movies[doc] = movie;
                votes[doc] = movie.numVotes() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, movie.numVotes());
                setBit(bands[band(votes[doc])], doc);
                years[doc] = movie.year() == null ? NO_YEAR : movie.year().shortValue();
                genreMasks[doc] = genreMask(movie.genres());
                titleShapes[doc] = analysis.shapes()[doc];
            }
            docLimit = inOrder.size();
            size = inOrder.size();
            rehashSlots(Math.max(slots.length, Integer.highestOneBit(Math.max(1, size * 4 / 3)) << 1));
            terms.load(analysis);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return true when a movie was indexed under the tconst */
    public boolean remove(String tconst) {
        if (!Tconst.isValid(tconst)) {
            return false;
        }
        lock.writeLock().lock();
        try {
            int doc = findDoc(tconst);
            if (doc < 0) {
                return false;
            }
            for (String term : indexTerms(movies[doc])) {
                terms.removePosting(terms.find(term), doc);
            }
            deleteSlot(doc);
            clearBit(bands[band(votes[doc])], doc);
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
        List<String> words = TitleAnalyzer.words(query.text());
        if (words.size() > MAX_QUERY_WORDS) {
            throw new IllegalArgumentException("at most " + MAX_QUERY_WORDS + " words in a search, got " + words.size());
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words));
        if (distinct.isEmpty()) {
            return new Page(List.of(), null);
        }
        searchSlots.acquireUninterruptibly();
        try {
            Scratch scratch = Scratch.take();
            lock.readLock().lock();
            try {
                return new Search(query, after, words, distinct, scratch).run();
            } finally {
                lock.readLock().unlock();
                scratch.release();
            }
        } finally {
            searchSlots.release();
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
     * not counted (the store holds them anyway), nor the per-query bitsets (a few 100 KB per query
     * running at the same time).
     */
    public long approximateHeapBytes() {
        lock.readLock().lock();
        try {
            long docs = movies.length;
            return terms.heapBytes() + docs * (4 + 4 + 2 + 4 + 4) + 8L * BAND_FLOORS.length * bands[0].length
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

    /** One query's work, under the read lock. */
    private final class Search {
        private final SearchQuery query;
        private final SearchCursor after;
        private final List<String> words;
        private final List<String> distinct;
        private final Scratch scratch;
        private final int longs;
        private final int genreBit;
        private final TopHits top;
        /** The shape a whole title must have to equal the query's words. */
        private final int queryShape;
        /** Postings ORed by the current lambda: the bound of a class's size. */
        private long ored;

        Search(SearchQuery query, SearchCursor after, List<String> words, List<String> distinct, Scratch scratch) {
            this.query = query;
            this.after = after;
            this.words = words;
            this.distinct = distinct;
            this.scratch = scratch;
            this.longs = (docLimit + 63) >>> 6;
            this.genreBit = query.genre() == null ? -1 : genreBits.getOrDefault(query.genre(), OTHER_GENRES_BIT);
            this.top = new TopHits(query.limit() + 1);
            this.queryShape = shape(words);
        }

        Page run() {
            // Documents matching every word somehow (candidates), every word as a prefix, every word whole.
            // One word (the common case) uses its own bitsets as these, without copying them.
            boolean oneWord = distinct.size() == 1;
            long[] candidates = oneWord ? null : scratch.bits(0, longs);
            long[] allPrefix = oneWord ? null : scratch.bits(1, longs);
            long[] allExact = oneWord ? null : scratch.bits(2, longs);
            boolean anyTypo = false;
            // Upper bounds of each class's size (postings ORed, the smallest over the words): a small class
            // is read in one pass rather than band by band.
            long exactBound = Long.MAX_VALUE;
            long prefixBound = Long.MAX_VALUE;
            long anyBound = Long.MAX_VALUE;
            for (int w = 0; w < distinct.size(); w++) {
                String word = distinct.get(w);
                int exactTerm = terms.find(word);
                long[] wordExact = scratch.bits(3, longs);
                ored = exactTerm >= 0 ? terms.orPostings(exactTerm, wordExact) : 0;
                exactBound = Math.min(exactBound, ored);
                // The prefix matches include the exact ones: start from a copy rather than set those bits
                // again (a common word's postings are most of the work).
                long[] wordPrefix = scratch.bits(4, longs);
                System.arraycopy(wordExact, 0, wordPrefix, 0, longs);
                terms.forEachWithPrefix(word, t -> {
                    if (t != exactTerm) {
                        ored += terms.orPostings(t, wordPrefix);
                    }
                });
                prefixBound = Math.min(prefixBound, ored);
                long[] wordAny = wordPrefix;
                if (TitleAnalyzer.typoAllowed(word)) {
                    wordAny = scratch.bits(5, longs);
                    long[] fuzzy = wordAny;
                    System.arraycopy(wordPrefix, 0, fuzzy, 0, longs);
                    terms.forEachWithFuzzyPrefix(word, t -> {
                        if (!terms.startsWith(t, word)) {
                            ored += terms.orPostings(t, fuzzy);
                        }
                    });
                    anyTypo = true;
                }
                anyBound = Math.min(anyBound, ored);
                if (oneWord) {
                    candidates = wordAny;
                    allPrefix = wordPrefix;
                    allExact = wordExact;
                    if (isEmpty(candidates)) {
                        return top.page(query.limit());
                    }
                    break;
                }
                long nonEmpty = 0;
                for (int i = 0; i < longs; i++) {
                    if (w == 0) {
                        candidates[i] = wordAny[i];
                        allPrefix[i] = wordPrefix[i];
                        allExact[i] = wordExact[i];
                    } else {
                        candidates[i] &= wordAny[i];
                        allPrefix[i] &= wordPrefix[i];
                        allExact[i] &= wordExact[i];
                    }
                    nonEmpty |= candidates[i];
                }
                scratch.clear(3, longs);
                scratch.clear(4, longs);
                scratch.clear(5, longs);
                if (nonEmpty == 0) {
                    return top.page(query.limit());
                }
            }
            for (int i = 0; i < longs; i++) {
                if (anyTypo) {
                    // Without a typo, one word's candidates are its prefix matches themselves: nothing to take out.
                    candidates[i] &= ~allPrefix[i];
                }
                allPrefix[i] &= ~allExact[i];
            }
            // allExact now holds classes 0 and 1, allPrefix class 2, candidates class 3. Classes before the
            // cursor's are skipped; whole titles are always taken out of allExact, lest they pass as class 1.
            int firstClass = after == null ? EXACT_TITLE : after.matchClass();
            if (firstClass <= ALL_WORDS && wholeTitles(allExact)) {
                return top.page(query.limit());
            }
            if (firstClass <= ALL_WORDS && scan(allExact, ALL_WORDS, exactBound)) {
                return top.page(query.limit());
            }
            if (firstClass <= PREFIX && scan(allPrefix, PREFIX, prefixBound)) {
                return top.page(query.limit());
            }
            if (anyTypo) {
                scan(candidates, TYPO, anyBound);
            }
            return top.page(query.limit());
        }

        /**
         * Offers every whole-title match and takes it out of {@code allExact}; they are few, but may have
         * fewer votes than the all-words matches, so they cannot wait for the banded scan.
         *
         * @return true when the page is already decided
         */
        private boolean wholeTitles(long[] allExact) {
            for (int i = 0; i < longs; i++) {
                long bits = allExact[i];
                while (bits != 0) {
                    int doc = (i << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int shapes = titleShapes[doc];
                    if (((shapes & 0xffff) == queryShape || (shapes >>> 16) == queryShape) && isWholeTitle(doc)) {
                        allExact[i] &= ~(1L << doc);
                        offer(doc, EXACT_TITLE);
                    }
                }
            }
            return top.isFull() && top.worstClass() == EXACT_TITLE;
        }

        /**
         * Offers the documents of one class, best vote band first, stopping once no later band (or
         * class) can improve the page. A class of at most {@link #ONE_PASS_CLASS} documents is read in
         * one pass instead: offering them all costs less than a pass per band.
         *
         * @param bound at least the number of documents in the class
         * @return true when the page is decided
         */
        private boolean scan(long[] docs, int matchClass, long bound) {
            if (bound <= ONE_PASS_CLASS) {
                for (int i = 0; i < longs; i++) {
                    long bits = docs[i];
                    while (bits != 0) {
                        int doc = (i << 6) + Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        offer(doc, matchClass);
                    }
                }
                return top.isFull() && top.worstClass() <= matchClass;
            }
            for (int b = 0; b < BAND_FLOORS.length; b++) {
                if (after != null && after.matchClass() == matchClass && BAND_FLOORS[b] > after.numVotes()) {
                    // Every vote count of this band is above the cursor's (and so before it): skip.
                    continue;
                }
                long[] band = bands[b];
                for (int i = 0; i < longs; i++) {
                    long bits = docs[i] & band[i];
                    while (bits != 0) {
                        int doc = (i << 6) + Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        offer(doc, matchClass);
                    }
                }
                if (top.isFull() && (top.worstClass() < matchClass
                        || top.worstClass() == matchClass && top.worstVotes() >= BAND_FLOORS[b])) {
                    return true;
                }
            }
            return top.isFull() && top.worstClass() <= matchClass;
        }

        private void offer(int doc, int matchClass) {
            if (!query.acceptsYear(years[doc]) || (genreBit >= 0 && !hasGenre(doc))) {
                return;
            }
            if (after != null && compareToCursor(matchClass, doc) <= 0) {
                return;
            }
            top.offer(matchClass, doc);
        }

        private boolean isWholeTitle(int doc) {
            Movie movie = movies[doc];
            return movie.title() != null && TitleAnalyzer.hasWords(movie.title(), words)
                    || movie.originalTitle() != null && TitleAnalyzer.hasWords(movie.originalTitle(), words);
        }

        private boolean isEmpty(long[] bits) {
            for (int i = 0; i < longs; i++) {
                if (bits[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasGenre(int doc) {
            if ((genreMasks[doc] & (1 << genreBit)) == 0) {
                return false;
            }
            return genreBit != OTHER_GENRES_BIT || movies[doc].genres().contains(query.genre());
        }

        private int compareToCursor(int matchClass, int doc) {
            if (matchClass != after.matchClass()) {
                return Integer.compare(matchClass, after.matchClass());
            }
            if (votes[doc] != after.numVotes()) {
                return Long.compare(after.numVotes(), votes[doc]);
            }
            return movies[doc].tconst().compareTo(after.tconst());
        }
    }

    /** Search order of two hits: negative when a comes first. */
    private int compare(int classA, int docA, int classB, int docB) {
        if (classA != classB) {
            return Integer.compare(classA, classB);
        }
        if (votes[docA] != votes[docB]) {
            return Integer.compare(votes[docB], votes[docA]);
        }
        return movies[docA].tconst().compareTo(movies[docB].tconst());
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

        boolean isFull() {
            return count == docs.length;
        }

        int worstClass() {
            return classes[0];
        }

        long worstVotes() {
            return votes[docs[0]];
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

    /**
     * Per-query bitsets, pooled: a full-size query needs a few of 94 KB each, and allocating them per
     * query made the garbage collector's pauses the tail of the latency. The pool holds as many as ran
     * at once, up to {@link #POOLED} (at most 9 MB at full size): with 4, eight connections searching
     * at once allocated 60 KB a request on average.
     */
    private static final class Scratch {
        private static final int POOLED = 16;
        private static final ConcurrentLinkedQueue<Scratch> POOL = new ConcurrentLinkedQueue<>();
        private static final AtomicInteger POOL_SIZE = new AtomicInteger();

        private final long[][] bits = new long[6][];
        /** Longs of each bitset that may be non-zero. */
        private final int[] used = new int[6];

        static Scratch take() {
            Scratch scratch = POOL.poll();
            if (scratch == null) {
                return new Scratch();
            }
            POOL_SIZE.decrementAndGet();
            return scratch;
        }

        long[] bits(int which, int longs) {
            if (bits[which] == null || bits[which].length < longs) {
                bits[which] = new long[longs + (longs >> 3)];
            }
            used[which] = Math.max(used[which], longs);
            return bits[which];
        }

        void clear(int which, int longs) {
            if (bits[which] != null) {
                Arrays.fill(bits[which], 0, Math.min(longs, bits[which].length), 0L);
            }
        }

        void release() {
            for (int i = 0; i < bits.length; i++) {
                if (bits[i] != null) {
                    Arrays.fill(bits[i], 0, used[i], 0L);
                }
                used[i] = 0;
            }
            if (POOL_SIZE.incrementAndGet() <= POOLED) {
                POOL.offer(this);
            } else {
                POOL_SIZE.decrementAndGet();
            }
        }
    }

    private static int band(int votes) {
        int b = 0;
        while (votes < BAND_FLOORS[b]) {
            b++;
        }
        return b;
    }

    private static void setBit(long[] bits, int doc) {
        bits[doc >>> 6] |= 1L << doc;
    }

    private static void clearBit(long[] bits, int doc) {
        bits[doc >>> 6] &= ~(1L << doc);
    }

    private static List<String> indexTerms(Movie movie) {
        List<String> terms = new ArrayList<>(8);
        if (movie.title() != null) {
            TitleAnalyzer.indexTerms(movie.title(), terms);
        }
        if (movie.originalTitle() != null && movie.originalTitle() != movie.title()) {
            TitleAnalyzer.indexTerms(movie.originalTitle(), terms);
        }
        return terms;
    }

    private static boolean sameTitles(Movie a, Movie b) {
        return Objects.equals(a.title(), b.title()) && Objects.equals(a.originalTitle(), b.originalTitle());
    }

    /**
     * Adds the movie's index terms to {@code terms} (as {@link #indexTerms}) and returns its titles'
     * shapes, folding and cutting each title once for both.
     */
    private static int analyse(Movie movie, List<String> terms) {
        int title = movie.title() == null ? 0 : analyse(movie.title(), terms);
        int original = movie.originalTitle() == null || movie.originalTitle() == movie.title() ? title
                : analyse(movie.originalTitle(), terms);
        return title | original << 16;
    }

    private static int analyse(String title, List<String> terms) {
        List<String> words = new ArrayList<>(8);
        TitleAnalyzer.analyse(title, words, terms);
        return shape(words);
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

    private int allocateDoc(Movie movie) {
        int doc;
        if (freeCount > 0) {
            doc = freeDocs[--freeCount];
        } else {
            doc = docLimit++;
            if (doc == movies.length) {
                // A quarter more at a time: the arrays are most of the index, slack here is heap for nothing.
                growDocs(doc + (doc >> 2));
            }
        }
        movies[doc] = movie;
        size++;
        if (size * 4 > slots.length * 3) {
            rehashSlots(slots.length * 2);
        } else {
            insertSlot(doc);
        }
        return doc;
    }

    private static int slotHash(String tconst) {
        long h = Tconst.number(tconst) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * The document of this very instance, or -1: as {@link #findDoc}, but comparing references, so a
     * probe never reads a movie or its tconst (findDoc's string compares were 78% of an export).
     */
    private int findInstance(Movie movie) {
        int mask = slots.length - 1;
        for (int slot = slotHash(movie.tconst()) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (movies[entry - 1] == movie) {
                return entry - 1;
            }
        }
    }

    private int findDoc(String tconst) {
        int mask = slots.length - 1;
        for (int slot = slotHash(tconst) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (movies[entry - 1].tconst().equals(tconst)) {
                return entry - 1;
            }
        }
    }

    private void growDocs(int capacity) {
        if (capacity <= movies.length) {
            return;
        }
        movies = Arrays.copyOf(movies, capacity);
        votes = Arrays.copyOf(votes, capacity);
        years = Arrays.copyOf(years, capacity);
        genreMasks = Arrays.copyOf(genreMasks, capacity);
        titleShapes = Arrays.copyOf(titleShapes, capacity);
        for (int b = 0; b < bands.length; b++) {
            bands[b] = Arrays.copyOf(bands[b], (capacity + 63) >>> 6);
        }
    }

    private void insertSlot(int doc) {
        int mask = slots.length - 1;
        int slot = slotHash(movies[doc].tconst()) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = doc + 1;
    }

    /** Linear-probing removal by backward shift, so lookups never need tombstones. */
    private void deleteSlot(int doc) {
        int mask = slots.length - 1;
        int slot = slotHash(movies[doc].tconst()) & mask;
        while (slots[slot] != doc + 1) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = slotHash(movies[slots[next] - 1].tconst()) & mask;
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
