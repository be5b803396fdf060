package org.imdbetl.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TermDictionaryTest {

    @Test
    void fuzzyPrefixWalkFindsExactlyWhatABruteForceCheckFinds() {
        // A four-letter alphabet makes near misses common; more terms than the unsorted tail holds.
        Random random = new Random(42);
        TermDictionary terms = new TermDictionary();
        List<String> all = new ArrayList<>();
        internRandomWords(terms, all, random, 3000);
        assertLookupsMatchBruteForce(terms, all, random);
    }

    @Test
    void aBulkLoadFindsTheSameWhileItsNewTermsWaitAndAfterTheyAreMerged() {
        Random random = new Random(7);
        TermDictionary terms = new TermDictionary();
        List<String> all = new ArrayList<>();
        terms.deferMerges(true);
        internRandomWords(terms, all, random, 3000);
        assertLookupsMatchBruteForce(terms, all, random);
        terms.deferMerges(false);
        assertLookupsMatchBruteForce(terms, all, random);
        internRandomWords(terms, all, random, 1500);
        assertLookupsMatchBruteForce(terms, all, random);
    }

    private static void internRandomWords(TermDictionary terms, List<String> all, Random random, int count) {
        for (int i = 0; i < count; i++) {
            String term = randomWord(random, 1 + random.nextInt(9));
            if (terms.find(term) < 0) {
                all.add(term);
            }
            terms.intern(term);
        }
    }

    private static void assertLookupsMatchBruteForce(TermDictionary terms, List<String> all, Random random) {
        for (int q = 0; q < 100; q++) {
            String word = randomWord(random, 5 + random.nextInt(4));
            Set<String> found = new TreeSet<>();
            terms.forEachWithFuzzyPrefix(word, t -> found.add(all.get(t)));
            Set<String> expected = new TreeSet<>();
            for (String term : all) {
                if (fuzzyPrefix(term, word)) {
                    expected.add(term);
                }
            }
            assertThat(found).as(word).isEqualTo(expected);

            String prefix = word.substring(0, 2);
            Set<String> withPrefix = new TreeSet<>();
            terms.forEachWithPrefix(prefix, t -> withPrefix.add(all.get(t)));
            assertThat(withPrefix).as(prefix).isEqualTo(all.stream().filter(t -> t.startsWith(prefix))
                    .collect(TreeSet::new, Set::add, Set::addAll));
        }
    }

    @Test
    void keepsPostingsSortedAndUnique() {
        TermDictionary terms = new TermDictionary();
        int term = terms.intern("tiger");
        for (int doc : new int[] {5, 1, 9, 5, 3, 200}) {
            terms.addPosting(term, doc);
        }
        terms.removePosting(term, 9);
        terms.removePosting(term, 7);
        long[] bits = new long[4];
        terms.orPostings(term, bits);
        assertThat(terms.postingCount(term)).isEqualTo(4);
        assertThat(bits[0]).isEqualTo((1L << 1) | (1L << 3) | (1L << 5));
        assertThat(bits[3]).isEqualTo(1L << (200 - 192));
    }

    private static String randomWord(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append("abcd".charAt(random.nextInt(4)));
        }
        return word.toString();
    }

    /** Some prefix of term within optimal-string-alignment distance 1 of word. */
    private static boolean fuzzyPrefix(String term, String word) {
        for (int end = 0; end <= term.length(); end++) {
            if (osa(term.substring(0, end), word) <= 1) {
                return true;
            }
        }
        return false;
    }

    private static int osa(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
