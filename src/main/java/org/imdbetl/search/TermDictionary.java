package org.imdbetl.search;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The term dictionary and postings of {@link TitleIndex}; not thread-safe (the index locks).
 *
 * <p>Sized for the whole catalogue's titles, with hundreds of thousands of distinct words, where a
 * {@code HashMap<String, int[]>} would cost an entry, a String and an array per term: term characters live in one {@code char[]}, a term is an
 * int id, lookup is an open-addressing table of ids, and postings are one sorted {@code int[]} of
 * document ids per term. Prefix and fuzzy lookups walk a sorted array of term ids as if it were a
 * trie; terms added since its last rebuild wait in a small unsorted tail that lookups scan, so an
 * ingest never pays a sorted insert per new word.
 */
final class TermDictionary {

    /** New terms kept unsorted before they are merged into {@link #sorted}: the scan cost per lookup. */
    private static final int MAX_TAIL = 1024;

    private char[] chars = new char[1 << 16];
    private int charsUsed;
    /** Term t is chars[start[t], start[t + 1]). */
    private int[] start = new int[1025];
    private int count;

    /** Open addressing, linear probing; slots hold term id + 1, 0 is empty. */
    private int[] table = new int[2048];

    private int[] sorted = new int[1024];
    private int sortedCount;
    /**
     * The sorted terms of two or more characters again, ordered from their second character on: finds
     * "any first letter, then this" with one binary search, where a typo in the first letter would
     * otherwise try every first letter of the dictionary.
     */
    private int[] bySecond = new int[1024];
    private int bySecondCount;
    private int[] tail = new int[MAX_TAIL];
    private int tailCount;
    /** During a bulk load the tail grows and is sorted in once at its end; see {@link #deferMerges}. */
    private boolean deferMerges;

    private int[][] postings = new int[1024][];
    private int[] postingCount = new int[1024];

    int termCount() {
        return count;
    }

    /** The id of the term, or -1. */
    int find(String term) {
        int mask = table.length - 1;
        for (int slot = hash(term) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (equals(entry - 1, term)) {
                return entry - 1;
            }
        }
    }

    /** The id of the term, added if new. */
    int intern(String term) {
        int found = find(term);
        if (found >= 0) {
            return found;
        }
        int id = count;
        ensureTermCapacity(id + 1);
        if (charsUsed + term.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length + (chars.length >> 1), charsUsed + term.length()));
        }
        term.getChars(0, term.length(), chars, charsUsed);
        charsUsed += term.length();
        count++;
        start[count] = charsUsed;
        if (count * 4 > table.length * 3) {
            rehash(table.length << 1);
        } else {
            insertIntoTable(id);
        }
        if (tailCount == tail.length) {
            tail = Arrays.copyOf(tail, tail.length * 2);
        }
        tail[tailCount++] = id;
        if (tailCount >= MAX_TAIL && !deferMerges) {
            mergeTail();
        }
        return id;
    }

    /**
     * On: new terms wait in the tail, however many (lookups scan it meanwhile). Off: the tail is merged
     * in one sort, instead of once per {@link #MAX_TAIL} new terms, which dominated a bulk load.
     */
    void deferMerges(boolean defer) {
        deferMerges = defer;
        if (!defer && tailCount > 0) {
            mergeTail();
            tail = new int[MAX_TAIL];
        }
    }

    /**
     * The dictionary in sorted order (terms no document has any more left out) and, for each of
     * {@code docs}, its term ids in that order; see {@link SavedAnalysis}. Merges the tail first.
     */
    SavedAnalysis export(String stamp, int[] docs, int[] shapes, int docLimit) {
        if (tailCount > 0) {
            mergeTail();
        }
        int[] rank = new int[count];
        Arrays.fill(rank, -1);
        char[] outChars = new char[charsUsed];
        int[] ends = new int[count];
        int live = 0;
        int used = 0;
        for (int i = 0; i < sortedCount; i++) {
            int term = sorted[i];
            if (postingCount[term] != 0) {
                System.arraycopy(chars, start[term], outChars, used, length(term));
                used += length(term);
                ends[live] = used;
                rank[term] = live++;
            }
        }
        int[] bySecondOut = new int[bySecondCount];
        int longer = 0;
        for (int i = 0; i < bySecondCount; i++) {
            if (rank[bySecond[i]] >= 0) {
                bySecondOut[longer++] = rank[bySecond[i]];
            }
        }
        // Each document's terms, from the postings: counted, then placed (compressed rows).
        int[] docStart = new int[docLimit + 1];
        for (int term = 0; term < count; term++) {
            int size = postingCount[term];
            if (size < 0) {
                docStart[~size + 1]++;
            } else {
                for (int i = 0; i < size; i++) {
                    docStart[postings[term][i] + 1]++;
                }
            }
        }
        for (int doc = 0; doc < docLimit; doc++) {
            docStart[doc + 1] += docStart[doc];
        }
        int[] docTerms = new int[docStart[docLimit]];
        int[] filled = Arrays.copyOf(docStart, docLimit);
        for (int term = 0; term < count; term++) {
            int size = postingCount[term];
            if (size < 0) {
                docTerms[filled[~size]++] = rank[term];
            } else {
                for (int i = 0; i < size; i++) {
                    docTerms[filled[postings[term][i]]++] = rank[term];
                }
            }
        }
        int[] movieEnds = new int[docs.length];
        int total = 0;
        for (int i = 0; i < docs.length; i++) {
            total += docStart[docs[i] + 1] - docStart[docs[i]];
            movieEnds[i] = total;
        }
        int[] movieTerms = new int[total];
        int at = 0;
        for (int doc : docs) {
            int n = docStart[doc + 1] - docStart[doc];
            System.arraycopy(docTerms, docStart[doc], movieTerms, at, n);
            at += n;
        }
        return new SavedAnalysis(stamp, Arrays.copyOf(outChars, used), Arrays.copyOf(ends, live),
                Arrays.copyOf(bySecondOut, longer), shapes, movieEnds, movieTerms);
    }

    /**
     * Fills this empty dictionary from an analysis whose movie i is document i: no term is hashed from a
     * String, sorted, or found again; postings come out in document order, so each is filled in place.
     */
    void load(SavedAnalysis analysis) {
        if (count != 0) {
            throw new IllegalStateException("load needs an empty dictionary, it has " + count + " terms");
        }
        int terms = analysis.termCount();
        chars = analysis.chars().clone();
        charsUsed = chars.length;
        start = new int[terms + 1];
        System.arraycopy(analysis.termEnds(), 0, start, 1, terms);
        count = terms;
        postings = new int[terms + 1][];
        postingCount = new int[terms + 1];
        table = new int[Math.max(2048, Integer.highestOneBit(Math.max(1, terms * 4 / 3)) << 1)];
        for (int term = 0; term < terms; term++) {
            insertIntoTable(term);
        }
        sorted = new int[terms + 1];
        for (int term = 0; term < terms; term++) {
            sorted[term] = term;
        }
        sortedCount = terms;
        bySecond = Arrays.copyOf(analysis.bySecond(), analysis.bySecond().length + 1);
        bySecondCount = analysis.bySecond().length;
        int[] ends = analysis.movieTermEnds();
        int[] ids = analysis.movieTerms();
        int[] sizes = new int[terms];
        for (int id : ids) {
            sizes[id]++;
        }
        int from = 0;
        for (int doc = 0; doc < ends.length; doc++) {
            for (int i = from; i < ends[doc]; i++) {
                int term = ids[i];
                int size = postingCount[term];
                if (sizes[term] == 1) {
                    postingCount[term] = ~doc;
                } else if (size == 0 || postings[term][size - 1] != doc) {
                    if (size == 0) {
                        postings[term] = new int[sizes[term]];
                    }
                    postings[term][size] = doc;
                    postingCount[term] = size + 1;
                }
            }
            from = ends[doc];
        }
        for (int term = 0; term < terms; term++) {
            if (postingCount[term] == 1) {
                // A term listed twice for its one movie: kept as a single document is (see postingCount).
                postingCount[term] = ~postings[term][0];
                postings[term] = null;
            }
        }
    }

    void addPosting(int term, int doc) {
        int size = postingCount(term);
        if (size == 0) {
            postingCount[term] = ~doc;
            return;
        }
        int[] docs = postings[term];
        if (size == 1) {
            int single = ~postingCount[term];
            if (single == doc) {
                return;
            }
            docs = new int[2];
            docs[0] = single;
            size = 1;
        }
        int at = docs[size - 1] < doc ? size : Arrays.binarySearch(docs, 0, size, doc);
        if (at >= 0 && at < size) {
            return;
        }
        int insertAt = at < 0 ? -at - 1 : at;
        if (size == docs.length) {
            // Grow by half: most terms stay small, and slack on the few big lists stays bounded.
            docs = Arrays.copyOf(docs, size < 4 ? size + 1 : size + (size >> 1));
        }
        System.arraycopy(docs, insertAt, docs, insertAt + 1, size - insertAt);
        docs[insertAt] = doc;
        postings[term] = docs;
        postingCount[term] = size + 1;
    }

    void removePosting(int term, int doc) {
        int size = postingCount(term);
        if (size <= 1) {
            if (size == 1 && ~postingCount[term] == doc) {
                postingCount[term] = 0;
            }
            return;
        }
        int[] docs = postings[term];
        int at = Arrays.binarySearch(docs, 0, size, doc);
        if (at < 0) {
            return;
        }
        System.arraycopy(docs, at + 1, docs, at, size - at - 1);
        if (size - 1 == 1) {
            postingCount[term] = ~docs[0];
            postings[term] = null;
        } else {
            postingCount[term] = size - 1;
        }
    }

    /**
     * Sets the bit of every document that has the term.
     *
     * @return how many documents the term has (bits already set included)
     */
    int orPostings(int term, long[] bits) {
        int size = postingCount[term];
        if (size < 0) {
            int doc = ~size;
            bits[doc >>> 6] |= 1L << doc;
            return 1;
        }
        int[] docs = postings[term];
        for (int i = 0; i < size; i++) {
            int doc = docs[i];
            bits[doc >>> 6] |= 1L << doc;
        }
        return size;
    }

    /** A single document is kept in place of the count (as its complement), saving an array per rare word. */
    int postingCount(int term) {
        int size = postingCount[term];
        return size < 0 ? 1 : size;
    }

    /** Every term that starts with {@code prefix}. */
    void forEachWithPrefix(String prefix, IntConsumer sink) {
        forEachSorted(prefix, sink);
        for (int i = 0; i < tailCount; i++) {
            if (startsWith(tail[i], prefix)) {
                sink.accept(tail[i]);
            }
        }
    }

    /**
     * Every term that has a prefix within one edit (substitution, insertion, deletion or transposition
     * of neighbours) of {@code word}; so also every term that starts with it.
     */
    void forEachWithFuzzyPrefix(String word, IntConsumer sink) {
        FuzzyWalk walk = new FuzzyWalk(this, word, sink);
        int[] row = walk.firstRow();
        // Terms starting with the word's first letter: walk them with the full edit-distance table.
        char first = word.charAt(0);
        int lo = childStart(0, sortedCount, 0, first);
        if (lo < sortedCount && charAt(sorted[lo], 0) == first) {
            walk.child(lo, childEnd(lo, sortedCount, 0, first), 0, row, null, (char) 0, first);
        }
        // Any other first letter spends the one edit on it, which leaves four shapes to look up.
        String rest = word.substring(1);
        forEachSorted(rest, sink); // first letter dropped
        forEachSorted(word.charAt(1) + word.substring(0, 1) + word.substring(2), sink); // first two swapped
        forEachBySecond(rest, sink); // first letter replaced
        forEachBySecond(word, sink); // a letter typed before the first
        for (int i = 0; i < tailCount; i++) {
            if (walk.matches(tail[i])) {
                sink.accept(tail[i]);
            }
        }
    }

    private void forEachSorted(String prefix, IntConsumer sink) {
        int lo = lowerBound(prefix, 0, sortedCount, false);
        int hi = lowerBound(prefix, lo, sortedCount, true);
        for (int i = lo; i < hi; i++) {
            sink.accept(sorted[i]);
        }
    }

    /** Sorted terms whose text from the second character on starts with {@code prefix}. */
    private void forEachBySecond(String prefix, IntConsumer sink) {
        int lo = 0;
        int hi = bySecondCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (comparePrefix(bySecond[mid], 1, prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < bySecondCount && comparePrefix(bySecond[i], 1, prefix) == 0; i++) {
            sink.accept(bySecond[i]);
        }
    }

    /** Bytes held by the arrays here. */
    long heapBytes() {
        long bytes = 16L + 2L * chars.length + 4L * start.length + 4L * table.length + 4L * sorted.length
                + 4L * bySecond.length
                + 4L * tail.length + 4L * postingCount.length + 4L * postings.length;
        for (int t = 0; t < count; t++) {
            if (postings[t] != null) {
                bytes += 16 + 4L * postings[t].length;
            }
        }
        return bytes;
    }

    /** First index in [lo, hi) whose character at depth is at least c (all have a character there). */
    int childStart(int lo, int hi, int depth, char c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (charAt(sorted[mid], depth) < c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * First index in [lo, hi) whose character at depth is above c; gallops from lo first, since most
     * children are small and enumerating them one by one should not cost a search of the whole range.
     */
    int childEnd(int lo, int hi, int depth, char c) {
        int step = 1;
        while (lo + step < hi && charAt(sorted[lo + step], depth) <= c) {
            lo += step;
            step <<= 1;
        }
        hi = Math.min(hi, lo + step);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (charAt(sorted[mid], depth) <= c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * First index in sorted[lo, hi) whose term is not below {@code prefix}; with {@code past}, not
     * below nor starting with it.
     */
    private int lowerBound(String prefix, int lo, int hi, boolean past) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = comparePrefix(sorted[mid], prefix);
            if (cmp < 0 || (past && cmp == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The term's first prefix.length() characters against prefix: 0 when the term starts with it. */
    private int comparePrefix(int term, String prefix) {
        return comparePrefix(term, 0, prefix);
    }

    /** The same, for the term's text from {@code offset} on. */
    private int comparePrefix(int term, int offset, String prefix) {
        int from = start[term] + offset;
        int length = start[term + 1] - from;
        int n = Math.min(length, prefix.length());
        for (int i = 0; i < n; i++) {
            int diff = chars[from + i] - prefix.charAt(i);
            if (diff != 0) {
                return diff;
            }
        }
        return length < prefix.length() ? -1 : 0;
    }

    boolean startsWith(int term, String prefix) {
        return start[term + 1] - start[term] >= prefix.length() && comparePrefix(term, prefix) == 0;
    }

    private int compareTerms(int a, int b) {
        return compareTerms(a, b, 0);
    }

    private int compareTerms(int a, int b, int offset) {
        int fromA = start[a] + offset;
        int fromB = start[b] + offset;
        int lengthA = start[a + 1] - fromA;
        int lengthB = start[b + 1] - fromB;
        int n = Math.min(lengthA, lengthB);
        for (int i = 0; i < n; i++) {
            int diff = chars[fromA + i] - chars[fromB + i];
            if (diff != 0) {
                return diff;
            }
        }
        return lengthA - lengthB;
    }

    /** Terms in sorted order (the tail not included). */
    int sortedCount() {
        return sortedCount;
    }

    /** The term at position i of the sorted order. */
    int sorted(int i) {
        return sorted[i];
    }

    /** The term's characters are {@code chars()[termStart(t), termStart(t + 1))}. */
    int termStart(int term) {
        return start[term];
    }

    char[] chars() {
        return chars;
    }

    int length(int term) {
        return start[term + 1] - start[term];
    }

    char charAt(int term, int index) {
        return chars[start[term] + index];
    }

    private boolean equals(int term, String value) {
        int from = start[term];
        if (start[term + 1] - from != value.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (chars[from + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String term) {
        return mix(term.hashCode());
    }

    /** String hashes of similar words ("title1", "title2", ...) are close: spread them before probing. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private int hashOf(int term) {
        int h = 0;
        for (int i = start[term], end = start[term + 1]; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return mix(h);
    }

    private void insertIntoTable(int term) {
        int mask = table.length - 1;
        int slot = hashOf(term) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = term + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int t = 0; t < count; t++) {
            insertIntoTable(t);
        }
    }

    private void ensureTermCapacity(int needed) {
        if (needed + 1 > start.length) {
            int capacity = Math.max(needed + 1, start.length + (start.length >> 1));
            start = Arrays.copyOf(start, capacity);
            postings = Arrays.copyOf(postings, capacity);
            postingCount = Arrays.copyOf(postingCount, capacity);
        }
    }

    /** Sorts the tail and merges it into {@link #sorted} and {@link #bySecond}, one pass each. */
    private void mergeTail() {
        Integer[] boxed = sortedByText(tail, tailCount, 0);
        sorted = merge(sorted, sortedCount, boxed, 0);
        sortedCount += tailCount;
        int[] longerIds = Arrays.stream(boxed).filter(t -> length(t) >= 2).mapToInt(Integer::intValue).toArray();
        Integer[] longer = sortedByText(longerIds, longerIds.length, 1);
        bySecond = merge(bySecond, bySecondCount, longer, 1);
        bySecondCount += longer.length;
        tailCount = 0;
    }

    /**
     * The terms in {@link #compareTerms} order from {@code offset} on, sorted as Strings: their compare is
     * an intrinsic, faster than comparing the shared array term by term (docs/performance.md).
     */
    private Integer[] sortedByText(int[] ids, int count, int offset) {
        record Keyed(String text, int id) {
        }
        Keyed[] keyed = new Keyed[count];
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            keyed[i] = new Keyed(new String(chars, start[id] + offset, start[id + 1] - start[id] - offset), id);
        }
        Arrays.sort(keyed, (a, b) -> a.text().compareTo(b.text()));
        Integer[] result = new Integer[count];
        for (int i = 0; i < count; i++) {
            result[i] = keyed[i].id();
        }
        return result;
    }

    /**
     * Merges the sorted {@code added} into {@code into[0, count)}, in place from the end (each term's place
     * found by bisection, the terms above it moved up in one block); grows the array by half when full.
     * A new array per merge would be most of a bulk load's allocation.
     */
    private int[] merge(int[] into, int count, Integer[] added, int offset) {
        int[] merged = into;
        if (count + added.length > into.length) {
            merged = Arrays.copyOf(into, Math.max(count + added.length, into.length + (into.length >> 1)));
        }
        int top = count; // merged[0, top) still to place; merged[top + j + 1, ...) is done
        for (int j = added.length - 1; j >= 0; j--) {
            int term = added[j];
            int lo = 0;
            int hi = top;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compareTerms(merged[mid], term, offset) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(merged, lo, merged, lo + j + 1, top - lo);
            merged[lo + j] = term;
            top = lo;
        }
        return merged;
    }
}
