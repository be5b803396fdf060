package org.imdbetl.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code capacity} hits of a query seen so far, in the search order of {@link TitleDocuments#compare}:
 * a bounded heap whose head is the worst of them. A hit is its match class and document in one long.
 */
final class TopHits {

    private final TitleDocuments documents;
    private final int capacity;
    private final PriorityQueue<Long> worstFirst;

    TopHits(TitleDocuments documents, int capacity) {
        this.documents = documents;
        this.capacity = capacity;
        this.worstFirst = new PriorityQueue<>(capacity + 1, (a, b) -> compare(b, a));
    }

    void offer(int matchClass, int doc) {
        long hit = hit(matchClass, doc);
        if (worstFirst.size() < capacity) {
            worstFirst.add(hit);
        } else if (compare(hit, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(hit);
        }
    }

    boolean isFull() {
        return worstFirst.size() == capacity;
    }

    int worstClass() {
        return matchClass(worstFirst.peek());
    }

    long worstVotes() {
        return documents.votes(doc(worstFirst.peek()));
    }

    /** The first {@code limit} hits in order, and a cursor when there were more. */
    TitleIndex.Page page(int limit) {
        long[] sorted = worstFirst.stream().mapToLong(Long::longValue).toArray();
        // Sorted as boxes for the comparator; a page is at most a few hundred hits.
        Long[] boxed = Arrays.stream(sorted).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, this::compare);
        int shown = Math.min(limit, boxed.length);
        List<TitleIndex.Hit> hits = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            int doc = doc(boxed[i]);
            hits.add(new TitleIndex.Hit(documents.movie(doc), matchClass(boxed[i]), documents.votes(doc)));
        }
        String next = null;
        if (boxed.length > limit) {
            TitleIndex.Hit last = hits.get(shown - 1);
            next = new SearchCursor(last.matchClass(), last.numVotes(), last.tconst()).encode();
        }
        return new TitleIndex.Page(List.copyOf(hits), next);
    }

    private int compare(long a, long b) {
        return documents.compare(matchClass(a), doc(a), matchClass(b), doc(b));
    }

    private static long hit(int matchClass, int doc) {
        return (long) matchClass << 32 | doc;
    }

    private static int matchClass(long hit) {
        return (int) (hit >>> 32);
    }

    private static int doc(long hit) {
        return (int) hit;
    }
}
