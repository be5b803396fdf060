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
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Runs bench/java/org/imdbetl/bench/DumpGenerator.java at a small scale, as a separate JVM exactly the
 * way bench/generate.sh does (a single-file source program), and checks that what it writes looks like
 * the real IMDb dumps and that the project's own reader takes every row; then has it write the next day from that dump and checks, by comparing the
 * two days' files, that about the asked-for shares of movies were removed, re-typed, re-rated, retitled,
 * re-genred and added, and that nothing else changed.
 */
class DumpGeneratorTest {

    private static final String GENERATOR = "bench/java/org/imdbetl/bench/DumpGenerator.java";
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

    // next-day: the generator's default percentages, and the tolerance on each count: this many binomial
    // standard deviations (plus one) around the expected count. The output is deterministic, so a pass is
    // a pass; the tolerance only says how far from the asked-for share a correct generator may land.
    private static final double DEFAULT_REMOVE_PERCENT = 2;
    private static final double DEFAULT_RETYPE_PERCENT = 1;
    private static final double DEFAULT_RERATE_PERCENT = 10;
    private static final double DEFAULT_ADD_PERCENT = 1;
    private static final double DEFAULT_RETITLE_PERCENT = 0.2;
    private static final double DEFAULT_REGENRE_PERCENT = 0.2;
    private static final double TOLERANCE_SDS = 4;
    private static final double VOTES_GROW_SHARE = 0.7;
    private static final Percents DEFAULT_PERCENTS = new Percents(DEFAULT_REMOVE_PERCENT, DEFAULT_RETYPE_PERCENT,
            DEFAULT_RERATE_PERCENT, DEFAULT_ADD_PERCENT, DEFAULT_RETITLE_PERCENT, DEFAULT_REGENRE_PERCENT);
    private static final Percents LARGE_PERCENTS = new Percents(10, 5, 30, 5, 4, 3);
    private static final String OTHER_SEED = "42";

    @TempDir
    static Path tmp;

    private static Path first;
    private static List<String[]> basics;
    private static List<String[]> ratings;
    private static Map<String, String> typeById;
    private static Path day2;
    private static Day next;

    @BeforeAll
    static void generateOnce() throws Exception {
        first = generate("first");
        basics = readTsv(first.resolve(BASICS_FILE), BASICS_HEADER);
        ratings = readTsv(first.resolve(RATINGS_FILE), RATINGS_HEADER);
        typeById = types(basics);
        day2 = nextDay("day2", first);
        next = new Day(readTsv(day2.resolve(BASICS_FILE), BASICS_HEADER), readTsv(day2.resolve(RATINGS_FILE), RATINGS_HEADER));
    }

    @Test
    void writesTheScaledNumberOfWellFormedBasicsRows() {
        assertThat(basics).hasSize((int) EXPECTED_TITLES);
        assertWellFormedBasics(basics);
    }

    private static void assertWellFormedBasics(List<String[]> rows) {
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(BASICS_FIELDS));
        assertAscendingUniqueTconsts(rows);
        assertThat(rows).allSatisfy(row -> {
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
        assertRealGenres(basics);
        assertThat(basics).anySatisfy(row -> assertThat(row[8]).isEqualTo(NULL));
        assertThat(basics).anySatisfy(row -> assertThat(row[8]).contains(","));
    }

    private static void assertRealGenres(List<String[]> rows) {
        assertThat(rows).allSatisfy(row -> {
            String genres = row[8];
            if (NULL.equals(genres)) {
                return;
            }
            List<String> list = List.of(genres.split(",", -1));
            assertThat(list).hasSizeBetween(1, MAX_GENRES);
            assertThat(REAL_GENRES).containsAll(list);
            assertThat(list).doesNotHaveDuplicates().isSorted();
        });
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
        assertWellFormedRatings(ratings, typeById);
        assertThat(share(ratings.size(), basics.size())).isCloseTo(RATED_SHARE, within(SHARE_TOLERANCE));

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
        assertReaderTakesEveryRow(first, new Day(basics, ratings));
    }

    @Test
    void nextDayRemovesRetypesReratesAndAddsAboutTheDefaultShares() {
        assertChangesMatch(new Day(basics, ratings), next, DEFAULT_PERCENTS);
    }

    @Test
    void nextDayFollowsThePercentageFlags() throws Exception {
        Path dir = nextDay("large", first, LARGE_PERCENTS.flags("--seed", OTHER_SEED));

        assertChangesMatch(new Day(basics, ratings), Day.read(dir), LARGE_PERCENTS);
    }

    @Test
    void nextDayFilesAreInTheRealFormat() throws Exception {
        // readTsv has checked the header and, reading to the end, the gzip trailer (CRC-32 and length).
        assertWellFormedBasics(next.basics());
        assertRealGenres(next.basics());
        assertWellFormedRatings(next.ratings(), types(next.basics()));
        assertReaderTakesEveryRow(day2, next);
    }

    @Test
    void nextDayLeavesNonMovieRowsAndUnchangedFieldsAsTheyWere() {
        Day before = new Day(basics, ratings);
        Map<String, String[]> after = next.basicsById();
        Map<String, String[]> ratedAfter = next.ratingsById();
        Map<String, String[]> ratedBefore = before.ratingsById();
        List<String[]> nonMovies = basics.stream().filter(row -> !"movie".equals(row[1])).toList();

        assertThat(nonMovies).isNotEmpty().allSatisfy(row -> {
            assertThat(after.get(row[0])).as(row[0]).containsExactly(row);
            if (ratedBefore.containsKey(row[0])) {
                assertThat(ratedAfter.get(row[0])).as(row[0]).containsExactly(ratedBefore.get(row[0]));
            } else {
                assertThat(ratedAfter).doesNotContainKey(row[0]);
            }
        });
        // A movie that stays keeps its originalTitle, isAdult, years and runtime; only the unrated stay unrated.
        assertThat(basics).filteredOn(row -> "movie".equals(row[1]) && after.containsKey(row[0])).allSatisfy(row -> {
            assertThat(List.of(after.get(row[0])).subList(3, 8)).as(row[0]).isEqualTo(List.of(row).subList(3, 8));
            assertThat(ratedAfter.containsKey(row[0])).as(row[0]).isEqualTo(ratedBefore.containsKey(row[0]));
        });
        // Nothing appears below the old highest tconst.
        long oldMax = number(basics.get(basics.size() - 1)[0]);
        Set<String> known = before.basicsById().keySet();
        assertThat(next.basics()).filteredOn(row -> !known.contains(row[0]))
                .allSatisfy(row -> assertThat(number(row[0])).isGreaterThan(oldMax));
    }

    @Test
    void nextDayIsByteIdenticalForTheSameInputAndSeed() throws Exception {
        Path again = nextDay("day2-again", first);
        Path otherSeed = nextDay("day2-other-seed", first, List.of("--seed", OTHER_SEED));

        assertThat(Files.mismatch(day2.resolve(BASICS_FILE), again.resolve(BASICS_FILE))).isEqualTo(-1L);
        assertThat(Files.mismatch(day2.resolve(RATINGS_FILE), again.resolve(RATINGS_FILE))).isEqualTo(-1L);
        assertThat(Files.mismatch(day2.resolve(BASICS_FILE), otherSeed.resolve(BASICS_FILE))).isNotEqualTo(-1L);
    }

    @Test
    void nextDayChainsIntoTheDayAfter() throws Exception {
        Path day3 = nextDay("day3", day2, List.of("--day", "2"));

        // Were the changes not seeded by the day, day 3 would remove and re-type nothing: every movie
        // that day 2's draws removed or re-typed is already gone or a tvMovie.
        assertChangesMatch(next, Day.read(day3), DEFAULT_PERCENTS);
    }

    /** Compares two consecutive days' files and checks each kind of change against its percentage. */
    private static void assertChangesMatch(Day before, Day after, Percents percents) {
        Map<String, String[]> basicsAfter = after.basicsById();
        Map<String, String[]> ratingsBefore = before.ratingsById();
        Map<String, String[]> ratingsAfter = after.ratingsById();
        List<String[]> movies = before.basics().stream().filter(row -> "movie".equals(row[1])).toList();
        List<String[]> kept = movies.stream().filter(row -> basicsAfter.containsKey(row[0])).toList();
        long removed = movies.size() - kept.size();
        long retyped = kept.stream().filter(row -> "tvMovie".equals(basicsAfter.get(row[0])[1])).count();
        long retitled = kept.stream().filter(row -> !row[2].equals(basicsAfter.get(row[0])[2])).count();
        long regenred = kept.stream().filter(row -> !row[8].equals(basicsAfter.get(row[0])[8])).count();
        List<String> keptRated = kept.stream().map(row -> row[0]).filter(ratingsBefore::containsKey).toList();
        List<String> rerated = keptRated.stream()
                .filter(id -> !List.of(ratingsBefore.get(id)).equals(List.of(ratingsAfter.get(id)))).toList();
        long votesGrew = rerated.stream()
                .filter(id -> Long.parseLong(ratingsAfter.get(id)[2]) > Long.parseLong(ratingsBefore.get(id)[2])).count();
        Set<String> known = before.basicsById().keySet();
        List<String[]> added = after.basics().stream().filter(row -> !known.contains(row[0])).toList();
        long addedRated = added.stream().filter(row -> ratingsAfter.containsKey(row[0])).count();

        assertThat(kept).allSatisfy(row -> assertThat(basicsAfter.get(row[0])[1]).isIn("movie", "tvMovie"));
        assertAboutShare("removed movies", removed, movies.size(), percents.remove());
        assertAboutShare("movies re-typed to tvMovie", retyped, movies.size(), percents.retype());
        assertAboutShare("retitled movies", retitled, kept.size(), percents.retitle());
        assertAboutShare("re-genred movies", regenred, kept.size(), percents.regenre());
        assertAboutShare("re-rated movies", rerated.size(), keptRated.size(), percents.rerate());
        assertThat(share(votesGrew, rerated.size())).as("share of re-rated movies with more votes")
                .isGreaterThan(VOTES_GROW_SHARE);
        assertThat(movies.stream().filter(row -> !basicsAfter.containsKey(row[0])))
                .as("removed movies keep no rating")
                .allSatisfy(row -> assertThat(ratingsAfter).doesNotContainKey(row[0]));
        assertThat((double) added.size()).as("new movies").isCloseTo(movies.size() * percents.add() / 100, within(1.0));
        assertThat(added).allSatisfy(row -> assertThat(row[1]).isEqualTo("movie"));
        assertThat(addedRated).as("new movies rated").isPositive().isLessThan(added.size());
        assertThat(ratingsAfter.keySet()).as("every rating is of a title in the basics").isSubsetOf(basicsAfter.keySet());
    }

    private static void assertAboutShare(String what, long count, long of, double percent) {
        double p = percent / 100;
        double expected = of * p;
        double tolerance = TOLERANCE_SDS * Math.sqrt(of * p * (1 - p)) + 1;
        assertThat((double) count).as("%s: %d of %d, asked for %s%%", what, count, of, percent)
                .isCloseTo(expected, within(tolerance));
    }

    private static void assertWellFormedRatings(List<String[]> rows, Map<String, String> types) {
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(RATINGS_FIELDS));
        assertAscendingUniqueTconsts(rows);
        assertThat(rows).allSatisfy(row -> {
            assertThat(types).containsKey(row[0]);
            assertThat(row[1]).matches(ONE_DECIMAL);
            assertThat(Double.parseDouble(row[1])).isBetween(MIN_RATING, MAX_RATING);
            assertThat(row[2]).matches(POSITIVE_INT);
            assertThat(Long.parseLong(row[2])).isBetween(MIN_VOTES, MAX_VOTES);
        });
    }

    private static void assertReaderTakesEveryRow(Path dir, Day day) throws Exception {
        Map<String, String> types = types(day.basics());
        CountingListener listener = new CountingListener();
        ImdbReader reader = new ImdbReader(MAX_LINE_BYTES, listener);
        RatingsIndex index;
        try (InputStream in = gunzip(dir.resolve(RATINGS_FILE))) {
            index = reader.readRatings(in, RATINGS_FILE);
        }
        long[] movies = new long[2];
        try (InputStream in = gunzip(dir.resolve(BASICS_FILE))) {
            reader.readMovies(in, BASICS_FILE, Set.of("movie"), index, movie -> {
                movies[0]++;
                if (movie.rated()) {
                    movies[1]++;
                }
                return true;
            });
        }

        assertThat(listener.rejects).isEmpty();
        assertThat(listener.rows).containsEntry(RATINGS_FILE, (long) day.ratings().size())
                .containsEntry(BASICS_FILE, (long) day.basics().size());
        assertThat(index.size()).isEqualTo(day.ratings().size());
        assertThat(movies[0]).isEqualTo(day.basics().stream().filter(row -> "movie".equals(row[1])).count());
        assertThat(movies[1]).isEqualTo(day.ratings().stream().filter(row -> "movie".equals(types.get(row[0]))).count());
    }

    private static Path generate(String name) throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        runGenerator(name, List.of(SCALE, out.toString()));
        return out;
    }

    private static Path nextDay(String name, Path in) throws IOException, InterruptedException {
        return nextDay(name, in, List.of());
    }

    private static Path nextDay(String name, Path in, List<String> flags) throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("next-day", in.toString(), out.toString()));
        args.addAll(flags);
        runGenerator(name, args);
        return out;
    }

    private static void runGenerator(String name, List<String> args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve(GENERATOR)).as("run from the project root").isRegularFile();
        Path log = tmp.resolve(name + ".log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), GENERATOR));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
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
    }

    private static Map<String, String> types(List<String[]> basics) {
        Map<String, String> types = new HashMap<>();
        for (String[] row : basics) {
            types.put(row[0], row[1]);
        }
        return types;
    }

    private static long number(String tconst) {
        return Long.parseLong(tconst.substring(2));
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

    /** One day's two files, as rows. */
    private record Day(List<String[]> basics, List<String[]> ratings) {

        static Day read(Path dir) throws IOException {
            return new Day(readTsv(dir.resolve(BASICS_FILE), BASICS_HEADER), readTsv(dir.resolve(RATINGS_FILE), RATINGS_HEADER));
        }

        Map<String, String[]> basicsById() {
            return byId(basics);
        }

        Map<String, String[]> ratingsById() {
            return byId(ratings);
        }

        private static Map<String, String[]> byId(List<String[]> rows) {
            Map<String, String[]> byId = new LinkedHashMap<>();
            rows.forEach(row -> byId.put(row[0], row));
            return Collections.unmodifiableMap(byId);
        }
    }

    /** The next-day percentages, in the order of the generator's flags. */
    private record Percents(double remove, double retype, double rerate, double add, double retitle, double regenre) {

        List<String> flags(String... more) {
            List<String> flags = new ArrayList<>(List.of("--remove-percent", String.valueOf(remove),
                    "--retype-percent", String.valueOf(retype), "--rerate-percent", String.valueOf(rerate),
                    "--add-percent", String.valueOf(add), "--retitle-percent", String.valueOf(retitle),
                    "--regenre-percent", String.valueOf(regenre)));
            flags.addAll(List.of(more));
            return flags;
        }
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
