package org.imdbetl.search;

import java.util.Arrays;

/**
 * What {@link TitleIndex} made of a list of movies' titles, saved with a {@link StoreCheckpoint} so a
 * restart fills the index from it instead of folding and cutting every title again, most of what
 * loading a checkpoint cost. Term ids are positions in the dictionary's sorted order.
 *
 * @param stamp the analysis it holds ({@link TitleIndex#ANALYSIS}); another one is not used
 * @param chars every term's characters, in sorted order, back to back
 * @param termEnds for term t, where its characters end in {@code chars} (term t starts at the end of t - 1)
 * @param bySecond the ids of the terms of two or more characters, ordered from their second character on
 * @param shapes for movie i of the list, its titles' shapes (see {@link TitleIndex})
 * @param movieTermEnds for movie i, where its term ids end in {@code movieTerms}
 * @param movieTerms the term ids of every movie, back to back, each movie's distinct
 */
public record SavedAnalysis(String stamp, char[] chars, int[] termEnds, int[] bySecond, int[] shapes,
        int[] movieTermEnds, int[] movieTerms) {

    public int termCount() {
        return termEnds.length;
    }

    public int movieCount() {
        return shapes.length;
    }

    /**
     * Why these arrays do not make an index of {@code movies} movies, if they do not: a file from a bug or
     * another build must never fill the index with term ids out of range.
     */
    public String defect(int movies) {
        if (shapes.length != movies || movieTermEnds.length != movies) {
            return "it covers " + shapes.length + " movies, the checkpoint " + movies;
        }
        int previous = 0;
        for (int end : termEnds) {
            if (end <= previous || end > chars.length) {
                return "a term's characters are out of order or range";
            }
            previous = end;
        }
        previous = 0;
        for (int end : movieTermEnds) {
            if (end < previous || end > movieTerms.length) {
                return "a movie's terms are out of order or range";
            }
            previous = end;
        }
        if (previous != movieTerms.length) {
            return "term ids follow the last movie's";
        }
        int terms = termEnds.length;
        if (Arrays.stream(movieTerms).anyMatch(id -> id < 0 || id >= terms)
                || Arrays.stream(bySecond).anyMatch(id -> id < 0 || id >= terms)) {
            return "a term id is out of range";
        }
        return null;
    }
}
