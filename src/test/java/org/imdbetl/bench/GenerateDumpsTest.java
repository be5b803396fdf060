package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.RatingsIndex;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RowListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs bench/GenerateDumps.java at a small scale, as a separate JVM exactly the way bench/generate.sh
 * does, and checks that what it writes looks like the real IMDb dumps and that the project's own
 * reader takes every row.
 */
class GenerateDumpsTest {

    private static final String GENERATOR = "bench/GenerateDumps.java";
    private static final String SCALE = "0.002";
    private static final long FULL_SCALE_TITLES = 12_700_000L;
    private static final long EXPECTED_TITLES = Math.round(FULL_SCALE_TITLES * Double.parseDouble(SCALE));
    private static final long GENERATOR_TIMEOUT_SECONDS = 300;

    private static final String BASICS_FILE = ImdbReader.BASICS_FILE;
    private static final String RATINGS_FILE = ImdbReader.RATINGS_FILE;
    private static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres";
    private static final String RATINGS_HEADER = "tconst\taverageRating\tnumVotes";
    private static final int BASICS_FIELDS = 9;
    private static final int RATINGS_FIELDS = 3;
    private static final int MAX_LINE_BYTES = 65_536;
    private static final String NULL = "\\N";

    private static final Set<String> TITLE_TYPES = Set.of("tvEpisode", "short", "movie", "video", "tvSeries",
            "tvMovie", "tvMiniSeries", "tvSpecial", "videoGame", "tvShort", "tvPilot");
    private static final Set<String> REAL_GENRES = Set.of("Action", "Adult", "Adventure", "Animation",
            "Biography", "Comedy", "Crime", "Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "Game-Show",
            "History", "Horror", "Music", "Musical", "Mystery", "News", "Reality-TV", "Romance", "Sci-Fi", "Short",
            "Sport", "Talk-Show", "Thriller", "War", "Western");
    private static final int MAX_GENRES = 3;

    private static final double EPISODE_SHARE = 0.77;
    private static final double MOVIE_SHARE = 0.06;
    private static final double RATED_SHARE = 0.13;
    private static final double RATED_MOVIE_SHARE = 0.46;
    private static final double SHARE_TOLERANCE = 0.02;
    private static final double MOVIE_SHARE_TOLERANCE = 0.01;
    private static final double RATED_MOVIE_TOLERANCE = 0.06;

    private static final Pattern TCONST = Pattern.compile("tt\\d{7,8}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9]\\d*");
    private static final Pattern ONE_DECIMAL = Pattern.compile("\\d{1,2}\\.\\d");
    private static final int FIRST_YEAR = 1890;
    private static final int LAST_YEAR = 2026;
    private static final long MIN_VOTES = 5;
    private static final long MAX_VOTES = 3_000_000;
    private static final double MIN_RATING = 1.0;
    private static final double MAX_RATING = 10.0;

    @TempDir
    static Path tmp;

    private static Path first;
    private static List<String[]> basics;
    private static List<String[]> ratings;
    private static Map<String, String> typeById;

    @BeforeAll
    static void generateOnce() throws Exception {
        first = generate("first");
        basics = readTsv(first.resolve(BASICS_FILE), BASICS_HEADER);
        ratings = readTsv(first.resolve(RATINGS_FILE), RATINGS_HEADER);
        typeById = new HashMap<>();
        for (String[] row : basics) {
            typeById.put(row[0], row[1]);
        }
    }

    @Test
    void writesTheScaledNumberOfWellFormedBasicsRows() {
        assertThat(basics).hasSize((int) EXPECTED_TITLES);
        assertThat(basics).allSatisfy(row -> assertThat(row).hasSize(BASICS_FIELDS));
        assertAscendingUniqueTconsts(basics);
        assertThat(basics).allSatisfy(row -> {
            assertThat(row[1]).isIn(TITLE_TYPES);
            assertThat(row[2]).isNotEmpty().isNotEqualTo(NULL);
            assertThat(row[3]).isNotEmpty().isNotEqualTo(NULL);
            assertThat(row[4]).isIn("0", "1");
            assertYearOrNull(row[5]);
            assertYearOrNull(row[6]);
            if (!NULL.equals(row[6])) {
                assertThat(row[1]).isIn("tvSeries", "tvMiniSeries");
                assertThat(Integer.parseInt(row[6])).isGreaterThanOrEqualTo(Integer.parseInt(row[5]));
            }
            if (!NULL.equals(row[7])) {
                assertThat(row[7]).matches(POSITIVE_INT);
            }
        });
    }

    @Test
    void mixesTitleTypesLikeTheRealDump() {
        Map<String, Integer> counts = new HashMap<>();
        basics.forEach(row -> counts.merge(row[1], 1, Integer::sum));

        assertThat(share(counts.get("tvEpisode"), basics.size())).isCloseTo(EPISODE_SHARE, within(SHARE_TOLERANCE));
        assertThat(share(counts.get("movie"), basics.size())).isCloseTo(MOVIE_SHARE, within(MOVIE_SHARE_TOLERANCE));
        assertThat(counts).containsKeys("short", "video", "tvSeries", "tvMovie");
    }

    @Test
    void usesZeroToThreeRealGenresInAlphabeticalOrder() {
        assertThat(basics).allSatisfy(row -> {
            String genres = row[8];
            if (NULL.equals(genres)) {
                return;
            }
            List<String> list = List.of(genres.split(",", -1));
            assertThat(list).hasSizeBetween(1, MAX_GENRES);
            assertThat(REAL_GENRES).containsAll(list);
            assertThat(list).doesNotHaveDuplicates().isSorted();
        });
        assertThat(basics).anySatisfy(row -> assertThat(row[8]).isEqualTo(NULL));
        assertThat(basics).anySatisfy(row -> assertThat(row[8]).contains(","));
    }

    @Test
    void includesTheAwkwardTitlesRealDumpsHave() {
        assertThat(basics).anySatisfy(row -> {
            assertThat(row[2]).startsWith("\"");
            assertThat(row[2].chars().filter(c -> c == '"').count() % 2).isOne();
        });
        assertThat(basics).anySatisfy(row -> assertThat(row[2].chars().anyMatch(c -> c > 127)).isTrue());
        assertThat(basics).anySatisfy(row -> assertThat(row[3]).isNotEqualTo(row[2]));
    }

    @Test
    void ratesAboutOneTitleInEightWithPlausibleVotesAndRatings() {
        assertThat(ratings).allSatisfy(row -> assertThat(row).hasSize(RATINGS_FIELDS));
        assertAscendingUniqueTconsts(ratings);
        assertThat(share(ratings.size(), basics.size())).isCloseTo(RATED_SHARE, within(SHARE_TOLERANCE));
        assertThat(ratings).allSatisfy(row -> {
            assertThat(typeById).containsKey(row[0]);
            assertThat(row[1]).matches(ONE_DECIMAL);
            assertThat(Double.parseDouble(row[1])).isBetween(MIN_RATING, MAX_RATING);
            assertThat(row[2]).matches(POSITIVE_INT);
            assertThat(Long.parseLong(row[2])).isBetween(MIN_VOTES, MAX_VOTES);
        });

        long movies = basics.stream().filter(row -> "movie".equals(row[1])).count();
        long ratedMovies = ratings.stream().filter(row -> "movie".equals(typeById.get(row[0]))).count();
        assertThat(share(ratedMovies, movies)).isCloseTo(RATED_MOVIE_SHARE, within(RATED_MOVIE_TOLERANCE));
    }

    @Test
    void sameArgumentsGiveByteIdenticalFiles() throws Exception {
        Path second = generate("second");

        assertThat(Files.mismatch(first.resolve(BASICS_FILE), second.resolve(BASICS_FILE))).isEqualTo(-1L);
        assertThat(Files.mismatch(first.resolve(RATINGS_FILE), second.resolve(RATINGS_FILE))).isEqualTo(-1L);
    }

    @Test
    void theProjectsReaderTakesEveryRow() throws Exception {
        CountingListener listener = new CountingListener();
        ImdbReader reader = new ImdbReader(MAX_LINE_BYTES, listener);
        RatingsIndex index;
        try (InputStream in = gunzip(first.resolve(RATINGS_FILE))) {
            index = reader.readRatings(in, RATINGS_FILE);
        }
        long[] movies = new long[2];
        try (InputStream in = gunzip(first.resolve(BASICS_FILE))) {
            reader.readMovies(in, BASICS_FILE, Set.of("movie"), index, movie -> {
                movies[0]++;
                if (movie.rated()) {
                    movies[1]++;
                }
                return true;
            });
        }

        assertThat(listener.rejects).isEmpty();
        assertThat(listener.rows).containsEntry(RATINGS_FILE, (long) ratings.size())
                .containsEntry(BASICS_FILE, (long) basics.size());
        assertThat(index.size()).isEqualTo(ratings.size());
        assertThat(movies[0]).isEqualTo(basics.stream().filter(row -> "movie".equals(row[1])).count());
        assertThat(movies[1]).isEqualTo(ratings.stream().filter(row -> "movie".equals(typeById.get(row[0]))).count());
    }

    private static Path generate(String name) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve(GENERATOR)).as("run from the project root").isRegularFile();
        Path out = tmp.resolve(name);
        Path log = tmp.resolve(name + ".log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), GENERATOR, SCALE, out.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(GENERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(finished).as("generator finished within %ss; output: %s", GENERATOR_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as("generator exit code; output: %s", output).isZero();
        return out;
    }

    private static List<String[]> readTsv(Path file, String header) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(gunzip(file), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo(header);
            String line;
            while ((line = reader.readLine()) != null) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), MAX_LINE_BYTES);
    }

    private static void assertAscendingUniqueTconsts(List<String[]> rows) {
        long previous = 0;
        for (String[] row : rows) {
            assertThat(row[0]).matches(TCONST);
            long number = Long.parseLong(row[0].substring(2));
            assertThat(number).as("tconst after tt%07d", previous).isGreaterThan(previous);
            previous = number;
        }
    }

    private static void assertYearOrNull(String value) {
        if (!NULL.equals(value)) {
            assertThat(value).matches(YEAR);
            assertThat(Integer.parseInt(value)).isBetween(FIRST_YEAR, LAST_YEAR);
        }
    }

    private static double share(long part, long whole) {
        return (double) part / whole;
    }

    private static final class CountingListener implements RowListener {

        final Map<String, Long> rows = new HashMap<>();
        final Map<RejectReason, List<String>> rejects = new EnumMap<>(RejectReason.class);

        @Override
        public void rowRead(String file) {
            rows.merge(file, 1L, Long::sum);
        }

        @Override
        public void rejected(String file, long line, RejectReason reason, String detail, String row) {
            rejects.computeIfAbsent(reason, r -> new ArrayList<>()).add(file + ":" + line + ": " + detail);
        }
    }
}
