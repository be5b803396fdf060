package org.imdbetl.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
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
 * <p>Kept in step with the store by {@link #upsert} and {@link #remove}. The parts: {@link TitleDocuments}
 * (a document per movie, its columns and vote bands), {@link TermDictionary} (terms and postings),
 * {@link TitleSearch} (one query's run), and a {@link SavedAnalysis} that a restart fills the index from.
 *
 * <p>Thread-safe: writers (one upsert or removal at a time) hold a write lock for microseconds; a
 * query holds the read lock for its own duration.
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

    /** A movie found, with its match class and the votes it was ordered by. */
    public record Hit(Movie movie, int matchClass, long numVotes) {

        public String tconst() {
            return movie.tconst();
        }
    }

    /** One page of hits; {@code nextCursor} is null on the last page. */
    public record Page(List<Hit> hits, String nextCursor) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Searches running at once; more wait their turn, first come first served: a query reads bitsets the
     * size of the index, and more at once only evict each other from the caches (bench/TITLE_SEARCH.md).
     */
    private final Semaphore searchSlots;
    private final TermDictionary terms = new TermDictionary();
    private final TitleDocuments documents = new TitleDocuments();

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

    /** Indexes the movie, replacing what was indexed under its tconst. */
    public void upsert(Movie movie) {
        upsert(movie, true);
    }

    /** Indexes a movie the caller knows is not indexed yet (the store's own map says so): skips looking for it. */
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
            int doc = mayBeIndexed ? documents.find(movie.tconst()) : -1;
            if (doc < 0) {
                doc = documents.allocate(movie);
                for (String term : newTerms) {
                    terms.addPosting(terms.intern(term), doc);
                }
            } else {
                Movie before = documents.movie(doc);
                if (!sameTitles(before, movie)) {
                    List<String> oldTerms = indexTerms(before);
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
            }
            documents.set(doc, movie, shapes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * For a bulk load (many movies in one batch): new words are sorted into the dictionary once, when it
     * is turned off, and the columns grow once for the {@code coming} movies. Searches meanwhile are
     * correct but slower.
     */
    public void bulkLoad(boolean on, int coming) {
        lock.writeLock().lock();
        try {
            terms.deferMerges(on);
            if (on) {
                documents.reserve(coming);
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
                int doc = documents.findInstance(inOrder.get(i));
                if (doc < 0) {
                    return Optional.empty();
                }
                docs[i] = doc;
                shapes[i] = documents.shapes(doc);
            }
            return Optional.of(terms.export(ANALYSIS, docs, shapes, documents.limit()));
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
            documents.load(inOrder, analysis.shapes());
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
            int doc = documents.find(tconst);
            if (doc < 0) {
                return false;
            }
            for (String term : indexTerms(documents.movie(doc))) {
                terms.removePosting(terms.find(term), doc);
            }
            documents.free(doc);
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
            BitsetPool.Lease bitsets = BitsetPool.take();
            lock.readLock().lock();
            try {
                return new TitleSearch(documents, terms, query, after, words, distinct, bitsets).run();
            } finally {
                lock.readLock().unlock();
                bitsets.release();
            }
        } finally {
            searchSlots.release();
        }
    }

    /** Movies indexed. */
    public int size() {
        lock.readLock().lock();
        try {
            return documents.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Bytes of heap the index holds, from its array sizes; the {@link Movie} objects it refers to are
     * not counted (the store holds them anyway), nor the bitsets of queries running.
     */
    public long approximateHeapBytes() {
        lock.readLock().lock();
        try {
            return terms.heapBytes() + documents.heapBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Distinct index terms. */
    public int termCount() {
        lock.readLock().lock();
        try {
            return terms.termCount();
        } finally {
            lock.readLock().unlock();
        }
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
        return TitleDocuments.shape(words);
    }
}
