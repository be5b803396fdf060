package org.imdbetl.search;

import static org.imdbetl.search.TitleIndex.ALL_WORDS;
import static org.imdbetl.search.TitleIndex.EXACT_TITLE;
import static org.imdbetl.search.TitleIndex.PREFIX;
import static org.imdbetl.search.TitleIndex.TYPO;

import java.util.List;
import org.imdbetl.domain.Movie;

/**
 * One query's run over the index, under its read lock: sets one bit per matching document in a few
 * bitsets, then reads the best of each match class band by band of votes (100k and more, 10k and more,
 * ...), so a common word with 100k matches still only looks at the few hundred with the most votes.
 */
final class TitleSearch {

    /**
     * A class this small is read in one pass: offering a few thousand documents costs about what one
     * pass over a band's bitset does, and there are eight bands.
     */
    private static final long ONE_PASS_CLASS = 4096;

    private final TitleDocuments documents;
    private final TermDictionary terms;
    private final SearchQuery query;
    private final SearchCursor after;
    private final List<String> words;
    private final List<String> distinct;
    private final BitsetPool.Lease bitsets;
    /** Words of a bitset over every document. */
    private final int longs;
    private final int genreBit;
    private final TopHits top;
    /** The shape a whole title must have to equal the query's words. */
    private final int queryShape;
    /** Postings ORed by the current lambda: the bound of a class's size. */
    private long ored;

    TitleSearch(TitleDocuments documents, TermDictionary terms, SearchQuery query, SearchCursor after, List<String> words,
            List<String> distinct, BitsetPool.Lease bitsets) {
        this.documents = documents;
        this.terms = terms;
        this.query = query;
        this.after = after;
        this.words = words;
        this.distinct = distinct;
        this.bitsets = bitsets;
        this.longs = (documents.limit() + 63) >>> 6;
        this.genreBit = query.genre() == null ? -1 : documents.genreBit(query.genre());
        this.top = new TopHits(documents, query.limit() + 1);
        this.queryShape = TitleDocuments.shape(words);
    }

    TitleIndex.Page run() {
        // Documents matching every word somehow (candidates), every word as a prefix, every word whole.
        // One word (the common case) uses its own bitsets as these, without copying them.
        boolean oneWord = distinct.size() == 1;
        long[] candidates = oneWord ? null : bitsets.words(0, longs);
        long[] allPrefix = oneWord ? null : bitsets.words(1, longs);
        long[] allExact = oneWord ? null : bitsets.words(2, longs);
        boolean anyTypo = false;
        // Upper bounds of each class's size (postings ORed, the smallest over the words): a small class
        // is read in one pass rather than band by band.
        long exactBound = Long.MAX_VALUE;
        long prefixBound = Long.MAX_VALUE;
        long anyBound = Long.MAX_VALUE;
        for (int w = 0; w < distinct.size(); w++) {
            String word = distinct.get(w);
            int exactTerm = terms.find(word);
            long[] wordExact = bitsets.words(3, longs);
            ored = exactTerm >= 0 ? terms.orPostings(exactTerm, wordExact) : 0;
            exactBound = Math.min(exactBound, ored);
            // The prefix matches include the exact ones: start from a copy rather than set those bits
            // again (a common word's postings are most of the work).
            long[] wordPrefix = bitsets.words(4, longs);
            System.arraycopy(wordExact, 0, wordPrefix, 0, longs);
            terms.forEachWithPrefix(word, t -> {
                if (t != exactTerm) {
                    ored += terms.orPostings(t, wordPrefix);
                }
            });
            prefixBound = Math.min(prefixBound, ored);
            long[] wordAny = wordPrefix;
            if (TitleAnalyzer.typoAllowed(word)) {
                wordAny = bitsets.words(5, longs);
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
            bitsets.clear(3, longs);
            bitsets.clear(4, longs);
            bitsets.clear(5, longs);
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
                int shapes = documents.shapes(doc);
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
        long[] floors = TitleDocuments.BAND_FLOORS;
        for (int b = 0; b < floors.length; b++) {
            if (after != null && after.matchClass() == matchClass && floors[b] > after.numVotes()) {
                // Every vote count of this band is above the cursor's (and so before it): skip.
                continue;
            }
            long[] band = documents.bandWords(b);
            for (int i = 0; i < longs; i++) {
                long bits = docs[i] & band[i];
                while (bits != 0) {
                    int doc = (i << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    offer(doc, matchClass);
                }
            }
            if (top.isFull() && (top.worstClass() < matchClass
                    || top.worstClass() == matchClass && top.worstVotes() >= floors[b])) {
                return true;
            }
        }
        return top.isFull() && top.worstClass() <= matchClass;
    }

    private void offer(int doc, int matchClass) {
        if (!query.acceptsYear(documents.year(doc)) || (genreBit >= 0 && !documents.hasGenre(doc, genreBit, query.genre()))) {
            return;
        }
        if (after != null && compareToCursor(matchClass, doc) <= 0) {
            return;
        }
        top.offer(matchClass, doc);
    }

    private boolean isWholeTitle(int doc) {
        Movie movie = documents.movie(doc);
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

    private int compareToCursor(int matchClass, int doc) {
        if (matchClass != after.matchClass()) {
            return Integer.compare(matchClass, after.matchClass());
        }
        if (documents.votes(doc) != after.numVotes()) {
            return Long.compare(after.numVotes(), documents.votes(doc));
        }
        return documents.movie(doc).tconst().compareTo(after.tconst());
    }
}
