package org.imdbetl.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.imdbetl.domain.Movie;
import org.imdbetl.search.TitleIndex.Hit;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.RatingsIndex;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RowListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples of the search issue, on the bundled sample dump read the way an ingest reads it. */
class TitleIndexSampleTest {

    private static final Path SAMPLE = Path.of("data/sample");
    private static final TitleIndex INDEX = new TitleIndex();
    private static final Map<String, Movie> MOVIES = new HashMap<>();

    @BeforeAll
    static void indexTheSample() throws Exception {
        for (Movie movie : readSample()) {
            MOVIES.put(movie.tconst(), movie);
            INDEX.upsert(movie);
        }
        assertThat(INDEX.size()).isGreaterThan(150);
    }

    @Test
    void godfatherListsTheGodfatherFilmsFirst() {
        List<Hit> hits = search("godfather");
        assertThat(hits).extracting(Hit::tconst).startsWith("tt0068646", "tt0071562");
        assertThat(hits).extracting(Hit::matchClass).startsWith(TitleIndex.ALL_WORDS, TitleIndex.ALL_WORDS);
        assertThat(hits).allSatisfy(hit -> assertThat(title(hit)).containsIgnoringCase("godfather"));
    }

    @Test
    void crouchingTigerWithAndWithoutATypo() {
        assertThat(search("crouching tiger")).extracting(Hit::tconst).containsExactly("tt0190332");
        assertThat(search("crouchng")).extracting(Hit::tconst).containsExactly("tt0190332");
        assertThat(search("臥虎")).extracting(Hit::tconst).containsExactly("tt0190332");
    }

    @Test
    void amelieFindsAmelie() {
        List<Hit> hits = search("amelie");
        assertThat(hits).extracting(Hit::tconst).containsExactly("tt0211915");
        assertThat(hits.get(0).matchClass()).isEqualTo(TitleIndex.EXACT_TITLE);
        assertThat(search("fabuleux destin")).extracting(Hit::tconst).containsExactly("tt0211915");
    }

    @Test
    void findsTheOtherScriptsOfTheSample() {
        assertThat(search("tokyo")).extracting(Hit::tconst).contains("tt0046438");
        assertThat(search("神隠し")).extracting(Hit::tconst).containsExactly("tt0245429");
        assertThat(search("иваново")).extracting(Hit::tconst).containsExactly("tt0056111");
        assertThat(search("wall-e")).extracting(Hit::tconst).containsExactly("tt0910970");
        assertThat(search("walle")).as("then valley, a typo away").extracting(Hit::tconst).startsWith("tt0910970");
    }

    @Test
    void findsUnratedMovies() {
        Movie unrated = MOVIES.values().stream().filter(m -> !m.rated() && m.title() != null).findFirst().orElseThrow();
        assertThat(search(unrated.title())).extracting(Hit::tconst).contains(unrated.tconst());
    }

    private static String title(Hit hit) {
        Movie movie = MOVIES.get(hit.tconst());
        return movie.title() + " / " + movie.originalTitle();
    }

    private static List<Hit> search(String text) {
        return INDEX.search(SearchQuery.of(text, 20)).hits();
    }

    private static List<Movie> readSample() throws Exception {
        RowListener quiet = new RowListener() {
            @Override
            public void rowRead(String file) {
            }

            @Override
            public void rejected(String file, long line, RejectReason reason, String detail, String row) {
            }
        };
        ImdbReader reader = new ImdbReader(65_536, quiet);
        RatingsIndex ratings;
        try (InputStream in = gunzip(ImdbReader.RATINGS_FILE)) {
            ratings = reader.readRatings(in, ImdbReader.RATINGS_FILE);
        }
        List<Movie> movies = new ArrayList<>();
        try (InputStream in = gunzip(ImdbReader.BASICS_FILE)) {
            reader.readMovies(in, ImdbReader.BASICS_FILE, Set.of("movie"), ratings, movies::add);
        }
        return movies;
    }

    private static InputStream gunzip(String file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(SAMPLE.resolve(file)));
    }
}
