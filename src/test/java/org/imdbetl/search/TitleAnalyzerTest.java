package org.imdbetl.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitleAnalyzerTest {

    @Test
    void foldsCaseAndAccents() {
        assertThat(TitleAnalyzer.fold("Amélie")).isEqualTo("amelie");
        assertThat(TitleAnalyzer.fold("AMÉLIE")).isEqualTo("amelie");
        assertThat(TitleAnalyzer.fold("Tôkyô monogatari")).isEqualTo("tokyo monogatari");
        assertThat(TitleAnalyzer.fold("Capharnaüm")).isEqualTo("capharnaum");
        assertThat(TitleAnalyzer.fold("Don Álvaro")).isEqualTo("don alvaro");
        assertThat(TitleAnalyzer.fold("Ｆｕｌｌｗｉｄｔｈ")).isEqualTo("fullwidth");
    }

    @Test
    void comparesATitlesWordsInPlaceAsCuttingItWould() {
        List<String> titles = List.of("Love", "LOVE!", "love story", "Love-Story", "Lovely", "A Love", "  love  ", "",
                "Amélie", "AMELIE", "12 Angry Men", "12 angry men.", "Spider-Man", "spider man", "Tôkyô monogatari",
                "tokyo monogatari", "The Godfather: Part II", "the godfather part ii", "the godfather part", "!!", "Straße");
        List<List<String>> queries = List.of(List.of("love"), List.of("love", "story"), List.of("amelie"),
                List.of("12", "angry", "men"), List.of("spider", "man"), List.of("tokyo", "monogatari"),
                List.of("the", "godfather", "part", "ii"), List.of(), List.of("strasse"), List.of("lov"));
        for (String title : titles) {
            for (List<String> words : queries) {
                assertThat(TitleAnalyzer.hasWords(title, words)).as("'%s' has %s", title, words)
                        .isEqualTo(TitleAnalyzer.words(title).equals(words));
            }
        }
        assertThat(TitleAnalyzer.hasWords("The Godfather: Part II", List.of("the", "godfather", "part", "ii"))).isTrue();
        assertThat(TitleAnalyzer.hasWords("Lovely", List.of("love"))).isFalse();
    }

    @Test
    void foldsLettersThatDecompositionLeavesWhole() {
        assertThat(TitleAnalyzer.words("Søren Ørsted")).containsExactly("soren", "orsted");
        assertThat(TitleAnalyzer.words("Straße")).containsExactly("strasse");
        assertThat(TitleAnalyzer.words("Łódź")).containsExactly("lodz");
        assertThat(TitleAnalyzer.words("Þór")).containsExactly("thor");
    }

    @Test
    void splitsOnPunctuationAndKeepsDigits() {
        assertThat(TitleAnalyzer.words("Crouching Tiger, Hidden Dragon")).containsExactly("crouching", "tiger", "hidden", "dragon");
        assertThat(TitleAnalyzer.words("Fantômas: In the Shadow")).containsExactly("fantomas", "in", "the", "shadow");
        assertThat(TitleAnalyzer.words("12 Years a Slave")).containsExactly("12", "years", "a", "slave");
        assertThat(TitleAnalyzer.words("  !!  ")).isEmpty();
    }

    @Test
    void indexesWordsJoinedByIntraWordPunctuationAlsoJoined() {
        assertThat(terms("Spider-Man")).containsExactly("spider", "man", "spiderman");
        assertThat(terms("L'arrivée d'un train")).containsExactly("l", "arrivee", "larrivee", "d", "un", "dun", "train");
        assertThat(terms("WALL·E")).containsExactly("wall", "e", "walle");
        assertThat(terms("Mr. Smith")).containsExactly("mr", "smith");
        assertThat(TitleAnalyzer.words("Spider-Man")).containsExactly("spider", "man");
    }

    @Test
    void indexesEverySuffixOfIdeographicRunsSoSubstringsMatchAsPrefixes() {
        assertThat(terms("千と千尋の神隠し")).contains("千と千尋の神隠し", "神隠し", "千尋の神隠し", "し");
        // Hangul is spaced, so no suffixes; NFKD splits its syllables into jamo, on both sides alike.
        assertThat(terms("올드보이")).containsExactly(TitleAnalyzer.fold("올드보이"));
        assertThat(terms("Иди и смотри")).containsExactly("иди", "и", "смотри");
    }

    @Test
    void forgivesTyposOnlyInLatinWordsOfFiveOrMoreLetters() {
        assertThat(TitleAnalyzer.typoAllowed("tiger")).isTrue();
        assertThat(TitleAnalyzer.typoAllowed("moon")).isFalse();
        assertThat(TitleAnalyzer.typoAllowed("千と千尋の")).isFalse();
    }

    private static List<String> terms(String title) {
        List<String> terms = new ArrayList<>();
        TitleAnalyzer.indexTerms(title, terms);
        return terms;
    }
}
