package org.imdbetl.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How titles and queries are cut into words for {@link TitleIndex}: NFKD-folded (accents dropped),
 * lower-cased, split on everything that is not a letter or digit.
 *
 * <p>Two kinds of extra index terms make common spellings findable without a heavier analyzer:
 * words joined by intra-word punctuation ("Spider-Man", "L'arrivée", "WALL·E") are also indexed
 * joined ("spiderman", "larrivee", "walle"); runs of Han, Hiragana or Katakana, which are written
 * without spaces, are also indexed by each of their suffixes, so prefix matching on those finds any
 * substring ("物語" finds "東京物語"). Other scripts without spaces (Thai, ...) get no such help.
 */
public final class TitleAnalyzer {

    /** Longest CJK run whose suffixes are indexed; longer runs add only their first suffixes. */
    private static final int MAX_CJK_SUFFIXES = 32;

    private TitleAnalyzer() {
    }

    /** Case and accent folded text: what both sides of a match are compared as. */
    static String fold(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            String special = foldLetter(Character.toLowerCase(cp));
            if (special != null) {
                out.append(special);
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return out.toString();
    }

    /** The words of a title or query, in order, as a whole-title comparison sees them. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>(8);
        scan(fold(text), words, null);
        return words;
    }

    /**
     * Whether the text's words are exactly these, as {@code words(text).equals(words)}; an ASCII text is
     * compared in place, without folding or cutting it into strings (whole-title checks of a common
     * word met thousands of titles per query).
     */
    static boolean hasWords(String text, List<String> words) {
        if (!isAscii(text)) {
            return words(text).equals(words);
        }
        int n = text.length();
        int i = 0;
        for (String word : words) {
            while (i < n && !isAsciiLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int length = word.length();
            if (n - i < length) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                char c = text.charAt(i + k);
                if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != word.charAt(k)) {
                    return false;
                }
            }
            i += length;
            if (i < n && isAsciiLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        while (i < n && !isAsciiLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i == n;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Adds the distinct index terms of a title (its words and the extra terms above) to {@code terms}. */
    public static void indexTerms(String text, List<String> terms) {
        scan(fold(text), null, terms);
    }

    /** {@link #words} into {@code words} and {@link #indexTerms} into {@code terms}, folding the text once. */
    static void analyse(String text, List<String> words, List<String> terms) {
        scan(fold(text), words, terms);
    }

    /** A typo is forgiven in query words of 5 or more letters, but not in ideographic ones. */
    public static boolean typoAllowed(String word) {
        return word.codePointCount(0, word.length()) >= 5 && !hasCjk(word);
    }

    static boolean hasCjk(String word) {
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (isCjk(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static void scan(String folded, List<String> words, List<String> terms) {
        int n = folded.length();
        int i = 0;
        StringBuilder compound = new StringBuilder();
        int parts = 0;
        while (i < n) {
            int start = i;
            while (i < n && Character.isLetterOrDigit(folded.codePointAt(i))) {
                i += Character.charCount(folded.codePointAt(i));
            }
            if (i > start) {
                String word = folded.substring(start, i);
                if (words != null) {
                    words.add(word);
                }
                if (terms != null) {
                    addTerm(terms, word);
                    if (hasCjk(word)) {
                        addSuffixes(terms, word);
                    }
                }
                compound.append(word);
                parts++;
            }
            boolean joined = i + 1 < n && isJoiner(folded.charAt(i)) && i > start
                    && Character.isLetterOrDigit(folded.codePointAt(i + 1));
            if (!joined) {
                if (terms != null && parts > 1) {
                    addTerm(terms, compound.toString());
                }
                compound.setLength(0);
                parts = 0;
            }
            if (i < n) {
                i += Character.charCount(folded.codePointAt(i));
            }
        }
        if (terms != null && parts > 1) {
            addTerm(terms, compound.toString());
        }
    }

    private static void addSuffixes(List<String> terms, String word) {
        int count = 0;
        for (int i = word.offsetByCodePoints(0, 1); i < word.length() && count < MAX_CJK_SUFFIXES;
                i += Character.charCount(word.codePointAt(i))) {
            addTerm(terms, word.substring(i));
            count++;
        }
    }

    private static void addTerm(List<String> terms, String term) {
        // Titles have few terms: a linear check beats hashing them.
        if (!terms.contains(term)) {
            terms.add(term);
        }
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '\u2019' || c == '-' || c == '\u2010' || c == '\u2011' || c == '.' || c == '\u00b7'
                || c == '`';
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /** Latin letters that NFKD leaves whole but readers type without their stroke or ligature. */
    private static String foldLetter(int lower) {
        switch (lower) {
            case 'ø':
                return "o";
            case 'ß':
                return "ss";
            case 'æ':
                return "ae";
            case 'œ':
                return "oe";
            case 'ł':
                return "l";
            case 'đ':
            case 'ð':
                return "d";
            case 'þ':
                return "th";
            case 'ı':
                return "i";
            default:
                return null;
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
