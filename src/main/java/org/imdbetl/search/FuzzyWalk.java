package org.imdbetl.search;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Finds the terms of a {@link TermDictionary} that have a prefix within one edit (substitution,
 * insertion, deletion or transposition of neighbours) of a word: walks the sorted terms as if they were
 * a trie, keeping one row of the edit-distance table per depth, and prunes a branch as soon as every
 * cell of its row is past one edit.
 */
final class FuzzyWalk {

    private final TermDictionary terms;
    private final String word;
    private final int n;
    private final IntConsumer sink;
    /** The word's distinct characters: after the one edit is spent, the only ones worth following. */
    private final char[] wordChars;
    /**
     * The table's row per depth of the walk, reused: a walk goes depth first, so the rows above the
     * current depth are never needed again (a new array per step was most of a search's garbage).
     */
    private int[][] rows;
    /** Three rows {@link #matches} rotates through. */
    private final int[][] lineRows;

    FuzzyWalk(TermDictionary terms, String word, IntConsumer sink) {
        this.terms = terms;
        this.word = word;
        this.n = word.length();
        this.sink = sink;
        this.wordChars = word.chars().distinct().sorted().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray();
        this.rows = new int[n + 3][];
        this.lineRows = new int[3][n + 1];
    }

    /** The first row of the table, the word against the empty string. */
    int[] firstRow() {
        return initial(row(0));
    }

    private int[] initial(int[] row) {
        for (int j = 0; j <= n; j++) {
            row[j] = j;
        }
        return row;
    }

    private int[] row(int depth) {
        if (depth >= rows.length) {
            rows = Arrays.copyOf(rows, depth * 2);
        }
        if (rows[depth] == null) {
            rows[depth] = new int[n + 1];
        }
        return rows[depth];
    }

    /** The sorted terms at positions [lo, hi) all start with the same {@code depth} characters, whose row is {@code row}. */
    void visit(int lo, int hi, int depth, int[] row, int[] previousRow, char last) {
        if (row[n] <= 1) {
            for (int i = lo; i < hi; i++) {
                sink.accept(terms.sorted(i));
            }
            return;
        }
        int pos = lo;
        if (pos < hi && terms.length(terms.sorted(pos)) == depth) {
            pos++; // the term that ends here: too far from the word
        }
        if (min(row) == 0) {
            // Still on the word's own path: any next character may be the one edit.
            while (pos < hi) {
                char c = terms.charAt(terms.sorted(pos), depth);
                int end = terms.childEnd(pos, hi, depth, c);
                child(pos, end, depth, row, previousRow, last, c);
                pos = end;
            }
        } else {
            // The edit is spent: a character not in the word can only push every cell past 1.
            if (pos == hi) {
                return;
            }
            char lowest = terms.charAt(terms.sorted(pos), depth);
            char highest = terms.charAt(terms.sorted(hi - 1), depth);
            for (char c : wordChars) {
                if (c < lowest || c > highest) {
                    continue;
                }
                int from = terms.childStart(pos, hi, depth, c);
                if (from == hi || terms.charAt(terms.sorted(from), depth) != c) {
                    continue;
                }
                int end = terms.childEnd(from, hi, depth, c);
                child(from, end, depth, row, previousRow, last, c);
                pos = end;
            }
        }
    }

    void child(int lo, int hi, int depth, int[] row, int[] previousRow, char last, char c) {
        int[] next = step(row, previousRow, last, c, row(depth + 1));
        if (min(next) <= 1) {
            visit(lo, hi, depth + 1, next, row, c);
        }
    }

    boolean matches(int term) {
        int[] previous = null;
        int[] row = initial(lineRows[0]);
        char last = 0;
        char[] chars = terms.chars();
        for (int i = terms.termStart(term), end = terms.termStart(term + 1); i < end; i++) {
            if (row[n] <= 1) {
                return true;
            }
            int[] next = step(row, previous, last, chars[i], unused(row, previous));
            if (min(next) > 1) {
                return false;
            }
            previous = row;
            row = next;
            last = chars[i];
        }
        return row[n] <= 1;
    }

    private int[] unused(int[] row, int[] previous) {
        for (int[] candidate : lineRows) {
            if (candidate != row && candidate != previous) {
                return candidate;
            }
        }
        throw new IllegalStateException("three rows, two in use");
    }

    private int[] step(int[] row, int[] previousRow, char last, char c, int[] next) {
        next[0] = row[0] + 1;
        for (int j = 1; j <= n; j++) {
            char w = word.charAt(j - 1);
            int value = Math.min(Math.min(row[j] + 1, next[j - 1] + 1), row[j - 1] + (w == c ? 0 : 1));
            if (j > 1 && previousRow != null && c == word.charAt(j - 2) && last == w) {
                value = Math.min(value, previousRow[j - 2] + 1);
            }
            next[j] = value;
        }
        return next;
    }

    private int min(int[] row) {
        int min = row[0];
        for (int v : row) {
            min = Math.min(min, v);
        }
        return min;
    }
}
