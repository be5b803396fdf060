package org.imdbetl.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imdbetl.domain.Movie;
import org.imdbetl.search.TitleIndex.Hit;
import org.imdbetl.search.TitleIndex.Page;
import org.junit.jupiter.api.Test;

class TitleIndexTest {

    private final TitleIndex index = new TitleIndex();

    @Test
    void matchesEveryQueryWordAsAWordPrefixIgnoringCaseAndAccents() {
        index.upsert(movie("tt0000001", "Amélie", 2001, 700_000L, "Comedy"));
        index.upsert(movie("tt0000002", "The Godfather", 1972, 2_000_000L, "Crime"));

        assertThat(tconsts("amelie")).containsExactly("tt0000001");
        assertThat(tconsts("AMÉL")).containsExactly("tt0000001");
        assertThat(tconsts("godf the")).containsExactly("tt0000002");
        assertThat(tconsts("father")).as("a prefix of a word, not any substring").isEmpty();
        assertThat(tconsts("godfather amelie")).as("every word must match").isEmpty();
        assertThat(tconsts("?!")).isEmpty();
    }

    @Test
    void searchesTheOriginalTitleToo() {
        index.upsert(new Movie("tt0000001", "Tokyo Story", "Tôkyô monogatari", 1953, 136, List.of("Drama"), 8.1, 70_000L));
        index.upsert(new Movie("tt0000002", "Spirited Away", "千と千尋の神隠し", 2001, 125, List.of("Animation"), 8.6, 900_000L));

        assertThat(tconsts("monogatari")).containsExactly("tt0000001");
        assertThat(tconsts("tokyo")).containsExactly("tt0000001");
        assertThat(tconsts("千と千尋")).containsExactly("tt0000002");
        assertThat(tconsts("神隠し")).as("a CJK substring").containsExactly("tt0000002");
    }

    @Test
    void forgivesOneTypoInWordsOfFiveOrMoreLetters() {
        index.upsert(movie("tt0000001", "Crouching Tiger, Hidden Dragon", 2000, 300_000L, "Action"));
        index.upsert(movie("tt0000002", "Moon", 2009, 400_000L, "Sci-Fi"));

        assertThat(search("crouchng")).extracting(Hit::tconst, Hit::matchClass)
                .containsExactly(tuple("tt0000001", TitleIndex.TYPO));
        assertThat(tconsts("crouhcing")).as("transposition").containsExactly("tt0000001");
        assertThat(tconsts("crouchingg")).as("insertion").containsExactly("tt0000001");
        assertThat(tconsts("xrouching")).as("substitution of the first letter").containsExactly("tt0000001");
        assertThat(tconsts("tigre dragn")).containsExactly("tt0000001");
        assertThat(tconsts("croching tiger")).containsExactly("tt0000001");
        assertThat(tconsts("crchng")).as("two edits").isEmpty();
        assertThat(tconsts("mood")).as("no typo in a four-letter word").isEmpty();
        assertThat(tconsts("tigr")).as("no typo in a four-letter word").isEmpty();
    }

    @Test
    void ordersByMatchClassThenVotesThenTconst() {
        index.upsert(movie("tt0000001", "Star Wars: Episode IV", 1977, 1_500_000L, "Sci-Fi"));
        index.upsert(movie("tt0000002", "Star", 2001, 100L, "Drama"));
        index.upsert(movie("tt0000003", "Starship Troopers", 1997, 300_000L, "Sci-Fi"));
        index.upsert(movie("tt0000004", "A Star Is Born", 2018, 400_000L, "Drama"));
        index.upsert(movie("tt0000005", "Stat", 2020, 5_000_000L, "Drama"));
        index.upsert(movie("tt0000006", "The Start", 1999, 400_000L, "Drama"));
        index.upsert(movie("tt0000007", "Star", 1950, null, "Drama"));

        assertThat(search("star")).extracting(Hit::tconst, Hit::matchClass).containsExactly(
                tuple("tt0000002", TitleIndex.EXACT_TITLE),
                tuple("tt0000007", TitleIndex.EXACT_TITLE),
                tuple("tt0000001", TitleIndex.ALL_WORDS),
                tuple("tt0000004", TitleIndex.ALL_WORDS),
                tuple("tt0000006", TitleIndex.PREFIX),
                tuple("tt0000003", TitleIndex.PREFIX));
        assertThat(search("stars")).as("a prefix of starship, then typos of star and start; stat is two edits away")
                .extracting(Hit::tconst)
                .containsExactly("tt0000003", "tt0000001", "tt0000004", "tt0000006", "tt0000002", "tt0000007");
    }

    @Test
    void wholeTitleMeansTheWordsInOrderOfEitherTitle() {
        index.upsert(new Movie("tt0000001", "Downfall", "Der Untergang", 2004, 156, List.of("Drama"), 8.2, 400_000L));
        index.upsert(movie("tt0000002", "Der Untergang des Hauses", 2010, 10L, "Drama"));
        index.upsert(movie("tt0000003", "Untergang der", 2011, 5L, "Drama"));

        assertThat(search("der untergang")).extracting(Hit::tconst, Hit::matchClass).containsExactly(
                tuple("tt0000001", TitleIndex.EXACT_TITLE),
                tuple("tt0000002", TitleIndex.ALL_WORDS),
                tuple("tt0000003", TitleIndex.ALL_WORDS));
    }

    @Test
    void findsUnratedMoviesAndFiltersByGenreAndYear() {
        index.upsert(movie("tt0000001", "Night Train", 1950, 1_000L, "Drama", "Thriller"));
        index.upsert(movie("tt0000002", "Night Train", 1990, null, "Comedy"));
        index.upsert(movie("tt0000003", "Night Train", null, 50L, "Drama"));
        index.upsert(movie("tt0000004", "Night Train", 2020, 10L, "Sci-Fi"));

        assertThat(tconsts("night train")).containsExactly("tt0000001", "tt0000003", "tt0000004", "tt0000002");
        assertThat(tconsts(new SearchQuery("night", 10, "Drama", null, null, null))).containsExactly("tt0000001", "tt0000003");
        assertThat(tconsts(new SearchQuery("night", 10, "Horror", null, null, null))).isEmpty();
        assertThat(tconsts(new SearchQuery("night", 10, null, 1960, null, null))).as("no year: out of any year range")
                .containsExactly("tt0000004", "tt0000002");
        assertThat(tconsts(new SearchQuery("night", 10, null, 1950, 1990, null))).containsExactly("tt0000001", "tt0000002");
        assertThat(tconsts(new SearchQuery("night", 10, "Comedy", null, 1990, null))).containsExactly("tt0000002");
    }

    @Test
    void filtersOnGenresBeyondTheFirstThirtyOneExactly() {
        for (int g = 0; g < 40; g++) {
            index.upsert(movie("tt%07d".formatted(g + 1), "Genre Film", 2000, (long) g, "Genre" + g));
        }
        assertThat(tconsts(new SearchQuery("genre", 50, "Genre35", null, null, null))).containsExactly("tt0000036");
        assertThat(tconsts(new SearchQuery("genre", 50, "Genre3", null, null, null))).containsExactly("tt0000004");
        assertThat(tconsts(new SearchQuery("genre", 50, "Nope", null, null, null))).isEmpty();
    }

    @Test
    void pagesWithCursorsThatSurviveChangesBetweenPages() {
        for (int i = 1; i <= 9; i++) {
            index.upsert(movie("tt%07d".formatted(i), "Love Story " + i, 2000, 1000L - i * 10, "Romance"));
        }
        Page first = index.search(SearchQuery.of("love", 4));
        assertThat(first.hits()).extracting(Hit::tconst).containsExactly("tt0000001", "tt0000002", "tt0000003", "tt0000004");
        assertThat(first.nextCursor()).isNotNull();

        // Between pages: a new best hit (before the cursor), one seen hit removed, one unseen hit moved up past
        // the cursor, one unseen hit removed, a new hit after the cursor.
        index.upsert(movie("tt0000100", "Love", 2000, 5_000L, "Romance"));
        index.remove("tt0000002");
        index.upsert(movie("tt0000008", "Love Story 8", 2000, 4_000L, "Romance"));
        index.remove("tt0000006");
        index.upsert(movie("tt0000101", "Love Actually", 2003, 945L, "Romance"));

        List<String> rest = new ArrayList<>();
        String cursor = first.nextCursor();
        while (cursor != null) {
            Page page = index.search(SearchQuery.of("love", 4).after(cursor));
            page.hits().forEach(hit -> rest.add(hit.tconst()));
            cursor = page.nextCursor();
        }
        assertThat(rest).containsExactly("tt0000005", "tt0000101", "tt0000007", "tt0000009");
    }

    @Test
    void pagingThroughEveryClassAndVoteBandGivesTheSameOrderAsOneBigPage() {
        Random random = new Random(3);
        String[] vocabulary = {"star", "stars", "start", "starship", "stat", "war", "wars", "night", "story"};
        long[] votes = {0, 1, 3, 7, 50, 500, 5_000, 50_000, 500_000};
        for (int i = 1; i <= 3000; i++) {
            StringBuilder title = new StringBuilder();
            for (int w = random.nextInt(3); w >= 0; w--) {
                title.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            Long v = random.nextInt(5) == 0 ? null : votes[random.nextInt(votes.length)] + random.nextInt(3);
            index.upsert(movie("tt%07d".formatted(i), title.toString().trim(), 2000, v, "Drama"));
        }
        for (String text : List.of("star", "stars", "star wars", "night")) {
            List<Hit> all = index.search(SearchQuery.of(text, SearchQuery.MAX_LIMIT)).hits();
            List<Hit> paged = new ArrayList<>();
            SearchQuery query = SearchQuery.of(text, 7);
            Page page = index.search(query);
            paged.addAll(page.hits());
            while (page.nextCursor() != null && paged.size() < all.size()) {
                page = index.search(query.after(page.nextCursor()));
                paged.addAll(page.hits());
            }
            // The big page stops at MAX_LIMIT hits; the last small page may go past it.
            assertThat(paged.subList(0, Math.min(paged.size(), all.size()))).as(text).isEqualTo(all);
            assertThat(all).as(text).isSortedAccordingTo(Comparator.comparingInt(Hit::matchClass)
                    .thenComparing(Hit::numVotes, Comparator.reverseOrder()).thenComparing(Hit::tconst));
        }
        assertThat(index.search(SearchQuery.of("star", SearchQuery.MAX_LIMIT)).hits()).extracting(Hit::matchClass)
                .contains(TitleIndex.EXACT_TITLE, TitleIndex.ALL_WORDS, TitleIndex.PREFIX);
    }

    /**
     * Classes of more and of fewer than 4,096 documents are read differently (band by band, or in one
     * pass); both must give the order an independent computation over the titles gives. Query words
     * have fewer than 5 letters, so there is no typo class to reproduce.
     */
    @Test
    void largeAndSmallClassesBothFollowTheSearchOrder() {
        Random random = new Random(11);
        String[] vocabulary = {"star", "stars", "start", "starship", "stat", "war", "wars", "night", "story", "dark"};
        long[] votes = {0, 1, 3, 7, 50, 500, 5_000, 50_000, 500_000};
        List<Movie> movies = new ArrayList<>();
        for (int i = 1; i <= 12_000; i++) {
            StringBuilder title = new StringBuilder();
            for (int w = random.nextInt(3); w >= 0; w--) {
                title.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            Long v = random.nextInt(5) == 0 ? null : votes[random.nextInt(votes.length)] + random.nextInt(3);
            Movie movie = movie("tt%07d".formatted(i), title.toString().trim(), 2000, v, "Drama");
            movies.add(movie);
            index.upsert(movie);
        }
        for (String text : List.of("star", "sta", "war", "dark war", "st night", "wars")) {
            List<String> queryWords = List.of(text.split(" "));
            List<Hit> expected = new ArrayList<>();
            for (Movie movie : movies) {
                List<String> titleWords = List.of(movie.title().split(" "));
                int matchClass;
                if (titleWords.equals(queryWords)) {
                    matchClass = TitleIndex.EXACT_TITLE;
                } else if (titleWords.containsAll(queryWords)) {
                    matchClass = TitleIndex.ALL_WORDS;
                } else if (queryWords.stream().allMatch(q -> titleWords.stream().anyMatch(t -> t.startsWith(q)))) {
                    matchClass = TitleIndex.PREFIX;
                } else {
                    continue;
                }
                expected.add(new Hit(movie, matchClass, movie.numVotes() == null ? 0 : movie.numVotes()));
            }
            expected.sort(Comparator.comparingInt(Hit::matchClass)
                    .thenComparing(Hit::numVotes, Comparator.reverseOrder()).thenComparing(Hit::tconst));

            assertThat(index.search(SearchQuery.of(text, SearchQuery.MAX_LIMIT)).hits()).as(text)
                    .isEqualTo(expected.subList(0, Math.min(expected.size(), SearchQuery.MAX_LIMIT)));
            List<Hit> paged = new ArrayList<>();
            SearchQuery query = SearchQuery.of(text, 500);
            Page page = index.search(query);
            paged.addAll(page.hits());
            while (page.nextCursor() != null) {
                page = index.search(query.after(page.nextCursor()));
                paged.addAll(page.hits());
            }
            assertThat(paged).as(text).isEqualTo(expected);
        }
    }

    @Test
    void lastPageHasNoCursor() {
        index.upsert(movie("tt0000001", "Heat", 1995, 700_000L, "Crime"));
        index.upsert(movie("tt0000002", "Heat", 1986, 7_000L, "Crime"));

        Page page = index.search(SearchQuery.of("heat", 2));
        assertThat(page.hits()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
        Page next = index.search(SearchQuery.of("heat", 1));
        assertThat(index.search(SearchQuery.of("heat", 1).after(next.nextCursor())).hits())
                .extracting(Hit::tconst).containsExactly("tt0000002");
    }

    @Test
    void rejectsMalformedCursorsWithAClearMessage() {
        index.upsert(movie("tt0000001", "Heat", 1995, 700_000L, "Crime"));
        for (String bad : List.of("not a cursor!", encode("2:1:5:tt0000001"), encode("1:9:5:tt0000001"),
                encode("1:1:-5:tt0000001"), encode("1:1:x:tt0000001"), encode("1:1:5:nm0000001"), encode("1:1:5"), "")) {
            assertThatThrownBy(() -> index.search(SearchQuery.of("heat", 5).after(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed cursor")
                    .hasMessageContaining("nextCursor");
        }
    }

    @Test
    void rejectsBadLimitsAndTooManyWords() {
        assertThatThrownBy(() -> SearchQuery.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.of("x", SearchQuery.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(SearchQuery.of("a b c d e f g h i j k", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10 words");
    }

    @Test
    void followsUpsertsAndRemovals() {
        index.upsert(movie("tt0000001", "Working Title", 2000, 10L, "Drama"));
        index.upsert(movie("tt0000002", "Other", 2000, 20L, "Drama"));
        assertThat(tconsts("working")).containsExactly("tt0000001");

        index.upsert(movie("tt0000001", "Final Title", 2001, 30L, "Comedy"));
        assertThat(tconsts("working")).isEmpty();
        assertThat(search("final")).extracting(Hit::tconst, Hit::numVotes)
                .containsExactly(tuple("tt0000001", 30L));
        assertThat(tconsts(new SearchQuery("title", 5, "Comedy", 2001, 2001, null))).containsExactly("tt0000001");

        assertThat(index.remove("tt0000001")).isTrue();
        assertThat(index.remove("tt0000001")).isFalse();
        assertThat(index.remove("bogus")).isFalse();
        assertThat(tconsts("final")).isEmpty();
        assertThat(index.size()).isEqualTo(1);

        index.upsert(movie("tt0000003", "Final Cut", 2002, 5L, "Drama"));
        assertThat(tconsts("final")).containsExactly("tt0000003");
        assertThat(tconsts("other")).containsExactly("tt0000002");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void survivesManyInsertionsAndRemovals() {
        for (int i = 1; i <= 5000; i++) {
            index.upsert(movie("tt%07d".formatted(i), "Word" + (i % 50) + " Title" + i, 2000, (long) i, "Drama"));
        }
        for (int i = 1; i <= 5000; i += 2) {
            index.remove("tt%07d".formatted(i));
        }
        assertThat(index.size()).isEqualTo(2500);
        assertThat(index.search(SearchQuery.of("word8", 1000)).hits()).filteredOn(hit -> hit.matchClass() == TitleIndex.ALL_WORDS)
                .hasSize(100);
        assertThat(index.search(SearchQuery.of("word7", 1000)).hits()).filteredOn(hit -> hit.matchClass() == TitleIndex.ALL_WORDS)
                .as("every one of them removed").isEmpty();
        assertThat(search("title4999")).filteredOn(hit -> hit.matchClass() < TitleIndex.TYPO).isEmpty();
        assertThat(search("title5000")).filteredOn(hit -> hit.matchClass() < TitleIndex.TYPO)
                .extracting(Hit::tconst).containsExactly("tt0005000");
        assertThat(index.approximateHeapBytes()).isPositive();
    }

    @Test
    void readersSearchWhileAWriterUpserts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= 20_000; i++) {
                    index.upsert(movie("tt%07d".formatted(i % 5000 + 1), "Night " + (i % 97) + " Story", 2000, (long) i, "Drama"));
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    while (!writer.isDone()) {
                        Page page = index.search(SearchQuery.of("night stor", 20));
                        assertThat(page.hits().size()).isLessThanOrEqualTo(20);
                    }
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            assertThat(index.search(SearchQuery.of("night", 1000)).hits()).hasSize(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Hit> search(String text) {
        return index.search(SearchQuery.of(text, 20)).hits();
    }

    private List<String> tconsts(String text) {
        return tconsts(SearchQuery.of(text, 20));
    }

    private List<String> tconsts(SearchQuery query) {
        return index.search(query).hits().stream().map(Hit::tconst).toList();
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Movie movie(String tconst, String title, Integer year, Long votes, String... genres) {
        return new Movie(tconst, title, title, year, 100, List.of(genres), votes == null ? null : 7.0, votes);
    }
}
