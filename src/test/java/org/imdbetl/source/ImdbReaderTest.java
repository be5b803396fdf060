package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;

class ImdbReaderTest {

    private static final Set<String> MOVIES = Set.of("movie");
    private static final int MAX_LINE_BYTES = 1024;
    private static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";

    private final RecordingListener listener = new RecordingListener();
    private final ImdbReader reader = new ImdbReader(MAX_LINE_BYTES, listener);

    @Test
    void readsValidRatingsAndCountsEachBadOne() throws Exception {
        RatingsIndex ratings = reader.readRatings(fixture("edge-ratings.tsv"), "edge-ratings.tsv");

        assertThat(ratings.size()).isEqualTo(4);
        int shawshank = ratings.find("tt0111161");
        assertThat(ratings.ratingAt(shawshank)).isEqualTo(9.3);
        assertThat(ratings.votesAt(shawshank)).isEqualTo(3_000_000);
        assertThat(ratings.find("tt0700000")).isNegative();
        assertThat(listener.rejects).containsOnly(
                entry(RejectReason.INVALID_RATING, 1),
                entry(RejectReason.INVALID_VOTES, 1),
                entry(RejectReason.WRONG_FIELD_COUNT, 1));
        assertThat(listener.rowsRead).isEqualTo(7);
    }

    @Test
    void readsMoviesJoinedWithRatingsAndRejectsBadRows() throws Exception {
        RatingsIndex ratings = reader.readRatings(fixture("edge-ratings.tsv"), "edge-ratings.tsv");
        RecordingListener basicsListener = new RecordingListener();
        Map<String, Movie> movies = readMovies(new ImdbReader(MAX_LINE_BYTES, basicsListener),
                fixture("edge-basics.tsv"), ratings);

        assertThat(movies).containsOnlyKeys("tt0033122", "tt0111161", "tt0190332", "tt0200000");
        assertThat(basicsListener.rejects).containsOnly(
                entry(RejectReason.WRONG_FIELD_COUNT, 2),
                entry(RejectReason.INVALID_YEAR, 1),
                entry(RejectReason.INVALID_TCONST, 1));
        assertThat(basicsListener.rowsRead).isEqualTo(10);
    }

    @Test
    void keepsUnbalancedQuotesAsPartOfTheTitle() throws Exception {
        Movie movie = readFixtureMovies().get("tt0033122");

        assertThat(movie.title()).isEqualTo("\"Hello, Mrs Smith");
        assertThat(movie.originalTitle()).isEqualTo("\"Hello, Mrs Smith");
        assertThat(movie.genres()).containsExactly("Comedy");
        assertThat(movie.averageRating()).isEqualTo(6.2);
        assertThat(movie.numVotes()).isEqualTo(120L);
    }

    @Test
    void readsUnicodeTitlesAndSplitsGenresOnCommas() throws Exception {
        Movie movie = readFixtureMovies().get("tt0190332");

        assertThat(movie.title()).isEqualTo("Crouching Tiger, Hidden Dragon");
        assertThat(movie.originalTitle()).isEqualTo("臥虎藏龍");
        assertThat(movie.genres()).containsExactly("Action", "Adventure", "Drama");
        assertThat(movie.year()).isEqualTo(2000);
        assertThat(movie.runtimeMinutes()).isEqualTo(120);
    }

    @Test
    void turnsBackslashNIntoNullsAndEmptyGenres() throws Exception {
        Movie movie = readFixtureMovies().get("tt0200000");

        assertThat(movie.year()).isNull();
        assertThat(movie.runtimeMinutes()).isNull();
        assertThat(movie.genres()).isEmpty();
        assertThat(movie.averageRating()).isNull();
        assertThat(movie.numVotes()).isNull();
        assertThat(movie.rated()).isFalse();
    }

    @Test
    void mapsColumnsByHeaderName() throws Exception {
        String tsv = "genres\ttconst\tprimaryTitle\ttitleType\toriginalTitle\tstartYear\truntimeMinutes\n"
                + "Drama,Romance\ttt0000009\tMiss Jerry\tmovie\tMiss Jerry\t1894\t45\n";
        Map<String, Movie> movies = readMovies(reader, utf8(tsv), new RatingsIndex());

        assertThat(movies.get("tt0000009")).isEqualTo(
                new Movie("tt0000009", "Miss Jerry", "Miss Jerry", 1894, 45, List.of("Drama", "Romance"), null, null));
    }

    @Test
    void failsTheFileWhenTheHeaderIsMissingOrEmpty() {
        assertThatThrownBy(() -> readMovies(reader, utf8("tt0000009\tmovie\tMiss Jerry\n"), new RatingsIndex()))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("has no header with columns");
        assertThatThrownBy(() -> reader.readRatings(utf8(""), "empty.tsv"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("empty.tsv is empty");
    }

    @Test
    void rejectsInvalidUtf8AndOverlongLinesButKeepsTheRowsAround() throws Exception {
        byte[] good = row("tt0000009", "Miss Jerry").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = row("tt0000010", "Bad \u00ff").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLong = row("tt0000011", "x".repeat(MAX_LINE_BYTES)).getBytes(StandardCharsets.UTF_8);
        byte[] last = row("tt0000012", "Last").getBytes(StandardCharsets.UTF_8);
        InputStream in = concat(BASICS_HEADER.getBytes(StandardCharsets.UTF_8), good, invalid, tooLong, last);

        Map<String, Movie> movies = readMovies(reader, in, new RatingsIndex());

        assertThat(movies).containsOnlyKeys("tt0000009", "tt0000012");
        assertThat(listener.rejects).containsOnly(
                entry(RejectReason.INVALID_UTF8, 1), entry(RejectReason.LINE_TOO_LONG, 1));
    }

    @Test
    void rejectsALastLineWithoutTerminator() throws Exception {
        String tsv = BASICS_HEADER + row("tt0000009", "Miss Jerry") + row("tt0000010", "Cut").stripTrailing();

        Map<String, Movie> movies = readMovies(reader, utf8(tsv), new RatingsIndex());

        assertThat(movies).containsOnlyKeys("tt0000009");
        assertThat(listener.rejects).containsOnly(entry(RejectReason.TRUNCATED_LINE, 1));
    }

    @Test
    void keepsTheRowsBeforeATruncatedGzipAndCountsTheLoss() throws Exception {
        StringBuilder tsv = new StringBuilder(BASICS_HEADER);
        for (int i = 0; i < 2000; i++) {
            tsv.append(row(String.format("tt%07d", i + 1), "Movie number " + i));
        }
        byte[] gzip = gzip(tsv.toString());
        byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
        List<Movie> sent = new ArrayList<>();

        boolean complete = reader.readMovies(new GZIPInputStream(new ByteArrayInputStream(cut)), "cut.tsv.gz", MOVIES,
                new RatingsIndex(), sent::add);

        assertThat(complete).isFalse();
        assertThat(sent).hasSizeBetween(1, 1999);
        assertThat(sent).extracting(Movie::tconst).doesNotHaveDuplicates().allMatch(t -> t.matches("tt\\d{7}"));
        assertThat(listener.rejects).containsOnly(entry(RejectReason.TRUNCATED_FILE, 1));
    }

    @Test
    void refusesATruncatedRatingsFileRatherThanSendMoviesAsUnrated() throws Exception {
        StringBuilder tsv = new StringBuilder("tconst\taverageRating\tnumVotes\n");
        for (int i = 0; i < 2000; i++) {
            tsv.append(String.format("tt%07d\t7.5\t%d%n", i + 1, 100 + i));
        }
        byte[] gzip = gzip(tsv.toString());
        byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);

        assertThatThrownBy(() -> reader.readRatings(new GZIPInputStream(new ByteArrayInputStream(cut)), "r.tsv.gz"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("r.tsv.gz is truncated")
                .hasMessageContaining("no movie was sent");
    }

    @Test
    void sendsDuplicatesAndCountsThem() throws Exception {
        String tsv = BASICS_HEADER + row("tt0000009", "First") + row("tt0000009", "Second");
        List<Movie> sent = new ArrayList<>();

        boolean complete = reader.readMovies(utf8(tsv), "dup.tsv", MOVIES, new RatingsIndex(), sent::add);

        assertThat(complete).isTrue();
        assertThat(sent).extracting(Movie::title).containsExactly("First", "Second");
        assertThat(listener.rejects).containsOnly(entry(RejectReason.DUPLICATE_TCONST, 1));
    }

    @Test
    void stopsWhenTheSinkSaysSo() throws Exception {
        String tsv = BASICS_HEADER + row("tt0000009", "One") + row("tt0000010", "Two") + row("tt0000011", "Three");
        List<Movie> sent = new ArrayList<>();

        boolean complete = reader.readMovies(utf8(tsv), "limit.tsv", MOVIES, new RatingsIndex(),
                movie -> sent.add(movie) && sent.size() < 2);

        assertThat(complete).as("a stop by the sink is not the end of the file").isFalse();
        assertThat(sent).extracting(Movie::tconst).containsExactly("tt0000009", "tt0000010");
    }

    private Map<String, Movie> readFixtureMovies() throws Exception {
        RatingsIndex ratings = reader.readRatings(fixture("edge-ratings.tsv"), "edge-ratings.tsv");
        return readMovies(reader, fixture("edge-basics.tsv"), ratings);
    }

    private static Map<String, Movie> readMovies(ImdbReader reader, InputStream tsv, RatingsIndex ratings)
            throws Exception {
        List<Movie> movies = new ArrayList<>();
        reader.readMovies(tsv, "basics.tsv", MOVIES, ratings, movies::add);
        return movies.stream().collect(Collectors.toMap(Movie::tconst, Function.identity()));
    }

    private static String row(String tconst, String title) {
        return tconst + "\tmovie\t" + title + "\t" + title + "\t0\t1894\t\\N\t45\tRomance\n";
    }

    private static InputStream fixture(String name) throws IOException {
        InputStream in = ImdbReaderTest.class.getResourceAsStream("/fixtures/" + name);
        if (in == null) {
            throw new IOException("missing fixture " + name);
        }
        return in;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return new ByteArrayInputStream(all);
    }
}
