package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * the real IMDb dumps (all seven files: layouts, references between them, quirks, proportions) and that
 * the project's own reader takes every row; then has it write the next day from that dump and checks, by
 * comparing the two days' files, that about the asked-for shares of movies were removed, re-typed,
 * re-rated, retitled, re-genred and added, that nothing else changed, and that the other files follow.
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

    // The other five files.
    private static final String EPISODE_FILE = "title.episode.tsv.gz";
    private static final String CREW_FILE = "title.crew.tsv.gz";
    private static final String PRINCIPALS_FILE = "title.principals.tsv.gz";
    private static final String AKAS_FILE = "title.akas.tsv.gz";
    private static final String NAMES_FILE = "name.basics.tsv.gz";
    private static final String EPISODE_HEADER = "tconst\tparentTconst\tseasonNumber\tepisodeNumber";
    private static final String CREW_HEADER = "tconst\tdirectors\twriters";
    private static final String PRINCIPALS_HEADER = "tconst\tordering\tnconst\tcategory\tjob\tcharacters";
    private static final String AKAS_HEADER = "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle";
    private static final String NAMES_HEADER = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles";
    private static final List<String> ALL_FILES = List.of(BASICS_FILE, RATINGS_FILE, EPISODE_FILE, CREW_FILE,
            PRINCIPALS_FILE, AKAS_FILE, NAMES_FILE);
    private static final Pattern NCONST = Pattern.compile("nm\\d{7,8}");
    private static final Pattern NCONST_LIST = Pattern.compile("nm\\d{7,8}(,nm\\d{7,8})*");
    private static final Pattern TCONST_LIST = Pattern.compile("tt\\d{7,8}(,tt\\d{7,8}){0,3}");
    private static final Set<String> SERIES_TYPES = Set.of("tvSeries", "tvMiniSeries");
    private static final Set<String> CATEGORIES = Set.of("actor", "actress", "self", "director", "writer",
            "producer", "composer", "cinematographer", "editor", "production_designer", "casting_director",
            "archive_footage", "archive_sound");
    private static final Set<String> CAST = Set.of("actor", "actress", "self", "archive_footage");
    private static final Set<String> AKA_TYPES = Set.of("\\N", "imdbDisplay", "original", "alternative", "working",
            "dvd", "festival", "tv", "video");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}|XWW");
    private static final int LONG_SERIES_EPISODES = 300;
    private static final double MAX_MISSING_PARENT_SHARE = 0.005;
    private static final double MIN_NULL_NUMBER_SHARE = 0.12;
    private static final double MAX_NULL_NUMBER_SHARE = 0.35;
    private static final double MIN_PRINCIPALS_PER_TITLE = 6;
    private static final double MAX_PRINCIPALS_PER_TITLE = 9;
    private static final double MIN_AKAS_PER_TITLE = 3.3;
    private static final double MAX_AKAS_PER_TITLE = 5;
    private static final double NAMES_PER_TITLE = 14.5 / 12.7;
    private static final double NAMES_PER_TITLE_TOLERANCE = 0.05;
    private static final double MIN_KNOWN_NAME_SHARE = 0.99;
    private static final double MAX_MALFORMED_SHARE = 0.001;
    private static final int MIN_PROLIFIC_CREDITS = 100;
    private static final int FIRST_BIRTH_YEAR = 1800;
    private static final ObjectMapper JSON = new ObjectMapper();
    // next-day flags of the generator for the other files: defaults, and large shares to measure.
    private static final Extras LARGE_EXTRAS = new Extras(20, 10, 5, 5);

    @TempDir
    static Path tmp;

    private static Path first;
    private static List<String[]> basics;
    private static List<String[]> ratings;
    private static Map<String, String> typeById;
    private static Others others;
    private static Path day2;
    private static Day next;
    private static Others nextOthers;

    @BeforeAll
    static void generateOnce() throws Exception {
        first = generate("first");
        basics = readTsv(first.resolve(BASICS_FILE), BASICS_HEADER);
        ratings = readTsv(first.resolve(RATINGS_FILE), RATINGS_HEADER);
        typeById = types(basics);
        others = Others.read(first);
        day2 = nextDay("day2", first);
        next = new Day(readTsv(day2.resolve(BASICS_FILE), BASICS_HEADER), readTsv(day2.resolve(RATINGS_FILE), RATINGS_HEADER));
        nextOthers = Others.read(day2);
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
        for (String file : ALL_FILES) {
            assertThat(Files.mismatch(first.resolve(file), second.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void writesOneEpisodeRowPerTvEpisodeWithSeriesParents() {
        List<String[]> episodes = others.episode();
        assertThat(episodes).allSatisfy(row -> assertThat(row).hasSize(4));
        assertAscendingUniqueTconsts(episodes);
        List<String> tvEpisodes = basics.stream().filter(row -> "tvEpisode".equals(row[1])).map(row -> row[0]).toList();
        assertThat(episodes.stream().map(row -> row[0]).toList()).isEqualTo(tvEpisodes);

        long missingParents = 0;
        long nullNumbers = 0;
        Map<String, Integer> perParent = new HashMap<>();
        Map<String, Integer> lastNumber = new HashMap<>();
        for (String[] row : episodes) {
            assertThat(row[1]).matches(TCONST);
            String parentType = typeById.get(row[1]);
            if (parentType == null) {
                missingParents++;
            } else {
                assertThat(parentType).as(row[1]).isIn(SERIES_TYPES);
            }
            if (NULL.equals(row[2]) || NULL.equals(row[3])) {
                nullNumbers++;
            }
            for (int field = 2; field <= 3; field++) {
                if (!NULL.equals(row[field])) {
                    assertThat(row[field]).matches(POSITIVE_INT);
                }
            }
            perParent.merge(row[1], 1, Integer::sum);
            if (!NULL.equals(row[2]) && !NULL.equals(row[3])) {
                Integer previous = lastNumber.put(row[1] + "/" + row[2], Integer.parseInt(row[3]));
                if (previous != null) {
                    assertThat(Integer.parseInt(row[3])).as("episode of %s season %s", row[1], row[2]).isGreaterThan(previous);
                }
            }
        }
        assertThat(missingParents).as("episodes whose parent is not in the basics").isPositive();
        assertThat(share(missingParents, episodes.size())).isLessThan(MAX_MISSING_PARENT_SHARE);
        assertThat(share(nullNumbers, episodes.size())).as("share of \\N season or episode")
                .isBetween(MIN_NULL_NUMBER_SHARE, MAX_NULL_NUMBER_SHARE);
        assertThat(episodes).anySatisfy(row -> assertThat(row[2]).isEqualTo(NULL))
                .anySatisfy(row -> assertThat(row[3]).isEqualTo(NULL));
        assertThat(Collections.max(perParent.values())).as("episodes of the longest series")
                .isGreaterThanOrEqualTo(LONG_SERIES_EPISODES);
        assertThat(perParent.values().stream().filter(count -> count <= 5).count())
                .as("series with at most 5 episodes").isGreaterThan(perParent.size() / 4);
    }

    @Test
    void writesOneCrewRowPerTitleNamingKnownPeople() {
        List<String[]> crew = others.crew();
        assertThat(crew).allSatisfy(row -> {
            assertThat(row).hasSize(3);
            for (int field = 1; field <= 2; field++) {
                if (!NULL.equals(row[field])) {
                    assertThat(row[field]).matches(NCONST_LIST);
                }
            }
        });
        assertThat(crew.stream().map(row -> row[0]).toList()).isEqualTo(basics.stream().map(row -> row[0]).toList());
        assertThat(crew).anySatisfy(row -> assertThat(row[1]).isEqualTo(NULL))
                .anySatisfy(row -> assertThat(row[2]).contains(","));
        List<String> people = crew.stream().flatMap(row -> Stream.of(row[1], row[2])).filter(list -> !NULL.equals(list))
                .flatMap(list -> Stream.of(list.split(","))).toList();
        assertMostlyKnownNames(people);
    }

    @Test
    void writesPrincipalsWithRealCategoriesAndJsonCharacters() {
        List<String[]> principals = others.principals();
        assertThat(principals).allSatisfy(row -> {
            assertThat(row).hasSize(6);
            assertThat(row[0]).matches(TCONST);
            assertThat(typeById).containsKey(row[0]);
            assertThat(row[1]).matches(POSITIVE_INT);
            assertThat(row[2]).matches(NCONST);
            assertThat(row[3]).isIn(CATEGORIES);
            assertThat(row[4]).isNotEmpty();
            if (!CAST.contains(row[3])) {
                assertThat(row[5]).isEqualTo(NULL);
            }
        });
        // Orderings run 1..n within a title, titles in tconst order.
        String previous = "";
        int ordering = 0;
        for (String[] row : principals) {
            if (!row[0].equals(previous)) {
                assertThat(number(row[0])).as("title after %s", previous).isGreaterThan(previous.isEmpty() ? 0 : number(previous));
                previous = row[0];
                ordering = 0;
            }
            assertThat(Integer.parseInt(row[1])).as(row[0]).isEqualTo(++ordering);
        }
        List<String> characters = principals.stream().map(row -> row[5]).filter(text -> !NULL.equals(text)).toList();
        long malformed = characters.stream().filter(text -> !isJsonArrayOfStrings(text)).count();
        assertThat(malformed).as("malformed characters").isPositive();
        assertThat(share(malformed, characters.size())).isLessThan(MAX_MALFORMED_SHARE);
        assertThat(characters).anySatisfy(text -> assertThat(text).contains("\\\""))
                .anySatisfy(text -> assertThat(text.chars().anyMatch(c -> c > 127)).isTrue())
                .anySatisfy(text -> assertThat(text).isEqualTo("[\"Self\",\"Host\"]"));
        assertThat(share(principals.stream().filter(row -> NULL.equals(row[4])).count(), principals.size()))
                .as("share of \\N jobs").isGreaterThan(0.7);

        Map<String, Integer> perTitle = new HashMap<>();
        principals.forEach(row -> perTitle.merge(row[0], 1, Integer::sum));
        assertThat(share(principals.size(), basics.size())).as("principals per title")
                .isBetween(MIN_PRINCIPALS_PER_TITLE, MAX_PRINCIPALS_PER_TITLE);
        assertThat(averageOver(perTitle, "movie")).as("principals per movie").isGreaterThan(averageOver(perTitle, "tvEpisode"));
        Map<String, Integer> perPerson = new HashMap<>();
        principals.forEach(row -> perPerson.merge(row[2], 1, Integer::sum));
        assertThat(Collections.max(perPerson.values())).as("credits of the most prolific person")
                .isGreaterThanOrEqualTo(MIN_PROLIFIC_CREDITS);
        assertMostlyKnownNames(principals.stream().map(row -> row[2]).toList());
    }

    @Test
    void writesAkasWithOneOriginalTitlePerTitle() {
        List<String[]> akas = others.akas();
        Map<String, String[]> basicsById = new Day(basics, ratings).basicsById();
        Map<String, Integer> originals = new HashMap<>();
        assertThat(akas).allSatisfy(row -> {
            assertThat(row).hasSize(8);
            assertThat(basicsById).containsKey(row[0]);
            assertThat(row[1]).matches(POSITIVE_INT);
            assertThat(row[2]).isNotEmpty();
            assertThat(row[5]).isIn(AKA_TYPES);
            assertThat(row[7]).isIn("0", "1");
            if ("1".equals(row[7])) {
                assertThat(List.of(row).subList(3, 7)).containsExactly(NULL, NULL, "original", NULL);
                assertThat(row[2]).isEqualTo(basicsById.get(row[0])[3]);
            } else {
                assertThat(row[3]).matches(REGION);
            }
        });
        akas.stream().filter(row -> "1".equals(row[7])).forEach(row -> originals.merge(row[0], 1, Integer::sum));
        Set<String> titlesWithAkas = akas.stream().map(row -> row[0]).collect(Collectors.toSet());
        assertThat(originals.keySet()).isEqualTo(titlesWithAkas);
        assertThat(originals.values()).containsOnly(1);
        assertThat(share(akas.size(), basics.size())).as("akas per title").isBetween(MIN_AKAS_PER_TITLE, MAX_AKAS_PER_TITLE);
        assertThat(akas).anySatisfy(row -> assertThat(row[4]).isNotEqualTo(NULL))
                .anySatisfy(row -> assertThat(row[6]).isNotEqualTo(NULL))
                .anySatisfy(row -> assertThat(row[2].chars().anyMatch(c -> c > 127)).isTrue())
                .anySatisfy(row -> assertThat(row[2].chars().filter(c -> c == '"').count() % 2).isOne());
    }

    @Test
    void writesNamesKnownForTitlesOfTheBasics() {
        List<String[]> names = others.names();
        assertThat(names).allSatisfy(row -> {
            assertThat(row).hasSize(6);
            assertThat(row[1]).isNotEmpty();
            for (int field = 2; field <= 3; field++) {
                if (!NULL.equals(row[field])) {
                    assertThat(row[field]).matches(YEAR);
                    assertThat(Integer.parseInt(row[field])).isBetween(FIRST_BIRTH_YEAR, LAST_YEAR);
                }
            }
            assertThat(row[4].isEmpty() ? List.of() : List.of(row[4].split(",", -1))).hasSizeLessThanOrEqualTo(3);
            if (!NULL.equals(row[5])) {
                assertThat(row[5]).matches(TCONST_LIST);
                assertThat(typeById.keySet()).containsAll(List.of(row[5].split(",")));
            }
        });
        long previous = 0;
        for (String[] row : names) {
            assertThat(row[0]).matches(NCONST);
            assertThat(number(row[0])).isGreaterThan(previous);
            previous = number(row[0]);
        }
        assertThat(share(names.size(), basics.size())).as("names per title")
                .isCloseTo(NAMES_PER_TITLE, within(NAMES_PER_TITLE_TOLERANCE));
        assertThat(names).anySatisfy(row -> assertThat(row[4]).isEmpty())
                .anySatisfy(row -> assertThat(row[5]).isEqualTo(NULL));
    }

    @Test
    void filesFlagWritesOnlyTheListedFilesWithTheSameBytes() throws Exception {
        Path some = tmp.resolve("some");
        runGenerator("some", List.of(SCALE, some.toString(), "--files", "ratings,episode,names"));

        try (Stream<Path> files = Files.list(some)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(RATINGS_FILE, EPISODE_FILE, NAMES_FILE);
        }
        for (String file : List.of(RATINGS_FILE, EPISODE_FILE, NAMES_FILE)) {
            assertThat(Files.mismatch(first.resolve(file), some.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void nextDayOtherFilesFollowTheBasics() {
        Map<String, String[]> basicsAfter = next.basicsById();
        Set<String> before = new Day(basics, ratings).basicsById().keySet();
        Set<String> removed = before.stream().filter(id -> !basicsAfter.containsKey(id)).collect(Collectors.toSet());
        assertThat(removed).isNotEmpty();
        for (List<String[]> rows : List.of(nextOthers.episode(), nextOthers.crew(), nextOthers.principals(), nextOthers.akas())) {
            assertThat(rows).allSatisfy(row -> assertThat(basicsAfter).containsKey(row[0]));
        }
        // One crew row per title, new ones included; new movies have credits and akas.
        assertThat(nextOthers.crew().stream().map(row -> row[0]).toList())
                .isEqualTo(next.basics().stream().map(row -> row[0]).toList());
        List<String[]> added = next.basics().stream().filter(row -> !before.contains(row[0])).toList();
        Set<String> withPrincipals = nextOthers.principals().stream().map(row -> row[0]).collect(Collectors.toSet());
        Set<String> withAkas = nextOthers.akas().stream().map(row -> row[0]).collect(Collectors.toSet());
        List<String> addedMovies = added.stream().filter(row -> "movie".equals(row[1])).map(row -> row[0]).toList();
        assertThat(addedMovies.stream().filter(withPrincipals::contains).count()).isGreaterThan(addedMovies.size() / 2);
        assertThat(addedMovies.stream().filter(withAkas::contains).count()).isGreaterThan(addedMovies.size() / 2);
        // Re-typed movies keep their credits.
        Map<String, List<String>> creditsBefore = credits(others.principals());
        Map<String, List<String>> creditsAfter = credits(nextOthers.principals());
        Map<String, String[]> crewBefore = Day.byId(others.crew());
        Map<String, String[]> crewAfter = Day.byId(nextOthers.crew());
        List<String> retyped = basics.stream().filter(row -> "movie".equals(row[1]) && basicsAfter.containsKey(row[0])
                && "tvMovie".equals(basicsAfter.get(row[0])[1])).map(row -> row[0]).toList();
        assertThat(retyped).isNotEmpty().allSatisfy(id -> {
            assertThat(crewAfter.get(id)).containsExactly(crewBefore.get(id));
            assertThat(creditsAfter.getOrDefault(id, List.of()).size())
                    .isCloseTo(creditsBefore.getOrDefault(id, List.of()).size(), within(1));
        });
    }

    @Test
    void nextDayNewEpisodesContinueTheirSeries() {
        assertNewEpisodesContinueTheirSeries(basics, others, next, nextOthers);
    }

    @Test
    void nextDayFollowsTheFlagsForTheOtherFiles() throws Exception {
        Path dir = nextDay("large-extras", first, LARGE_EXTRAS.flags());
        Day after = Day.read(dir);
        Others afterOthers = Others.read(dir);

        long seriesWithEpisodes = others.episode().stream().map(row -> row[1]).filter(typeById::containsKey).distinct().count();
        long newEpisodes = assertNewEpisodesContinueTheirSeries(basics, others, after, afterOthers);
        assertAboutShare("series with a new episode", newEpisodes, seriesWithEpisodes, LARGE_EXTRAS.addEpisodes());

        Set<String> namesAfter = afterOthers.names().stream().map(row -> row[0]).collect(Collectors.toSet());
        Set<String> removedNames = others.names().stream().map(row -> row[0]).filter(id -> !namesAfter.contains(id))
                .collect(Collectors.toSet());
        assertAboutShare("removed names", removedNames.size(), others.names().size(), LARGE_EXTRAS.removeNames());
        assertThat(afterOthers.principals().stream().filter(row -> removedNames.contains(row[2])).map(row -> row[0]))
                .as("titles crediting removed names").isEmpty();
        assertThat(afterOthers.crew().stream()
                .filter(row -> Stream.of((row[1] + "," + row[2]).split(",")).anyMatch(removedNames::contains))
                .map(row -> row[0])).as("crews naming removed names").isEmpty();

        // A re-credited title has one credit more or less than before, once removed names are dropped.
        Map<String, List<String>> before = credits(others.principals());
        Map<String, List<String>> afterCredits = credits(afterOthers.principals());
        Set<String> kept = after.basicsById().keySet();
        long changed = 0;
        long compared = 0;
        for (Map.Entry<String, List<String>> entry : before.entrySet()) {
            if (!kept.contains(entry.getKey())) {
                continue;
            }
            compared++;
            List<String> expected = entry.getValue().stream().filter(p -> !removedNames.contains(p.split("/")[0])).toList();
            List<String> actual = afterCredits.getOrDefault(entry.getKey(), List.of());
            if (!actual.equals(expected)) {
                changed++;
                assertThat(Math.abs(actual.size() - expected.size())).as(entry.getKey()).isOne();
            }
        }
        assertAboutShare("re-credited titles", changed, compared, LARGE_EXTRAS.recredit());

        Map<String, List<String>> akasBefore = akaRows(others.akas());
        Map<String, List<String>> akasAfter = akaRows(afterOthers.akas());
        long akasCompared = akasBefore.keySet().stream().filter(kept::contains).count();
        long akasChanged = akasBefore.keySet().stream().filter(kept::contains)
                .filter(id -> !akasBefore.get(id).equals(akasAfter.get(id))).count();
        assertAboutShare("titles with changed akas", akasChanged, akasCompared, LARGE_EXTRAS.reaka());
    }

    @Test
    void nextDayOfABasicsAndRatingsDumpWritesOnlyThose() throws Exception {
        Path old = tmp.resolve("old-layout");
        runGenerator("old-layout", List.of(SCALE, old.toString(), "--files", "basics,ratings"));
        Path oldNext = nextDay("old-layout-next", old);

        try (Stream<Path> files = Files.list(oldNext)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(BASICS_FILE, RATINGS_FILE);
        }
        // And the basics and ratings do not depend on the other files: the same bytes as from all seven,
        // but for the new episodes that only a dump with episodes gets.
        Path noNewEpisodes = nextDay("no-new-episodes", first, List.of("--add-episodes-percent", "0"));
        for (String file : List.of(BASICS_FILE, RATINGS_FILE)) {
            assertThat(Files.mismatch(oldNext.resolve(file), noNewEpisodes.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    /** Checks the new episodes of a next day and returns how many there are. */
    private static long assertNewEpisodesContinueTheirSeries(List<String[]> basicsBefore, Others before, Day after,
            Others afterOthers) {
        Set<String> known = Day.byId(basicsBefore).keySet();
        Map<String, String> typesAfter = types(after.basics());
        List<String> newEpisodes = after.basics().stream().filter(row -> !known.contains(row[0]))
                .filter(row -> "tvEpisode".equals(row[1])).map(row -> row[0]).toList();
        assertThat(newEpisodes).isNotEmpty();
        Map<String, String[]> episodesAfter = Day.byId(afterOthers.episode());
        assertThat(afterOthers.episode().stream().filter(row -> !known.contains(row[0])).map(row -> row[0]).toList())
                .isEqualTo(newEpisodes);
        // The last numbered episode of each series before: the new one comes next in that season.
        Map<String, int[]> last = new HashMap<>();
        for (String[] row : before.episode()) {
            if (!NULL.equals(row[2]) && !NULL.equals(row[3])) {
                int season = Integer.parseInt(row[2]);
                int episode = Integer.parseInt(row[3]);
                last.merge(row[1], new int[] {season, episode}, (a, b) -> a[0] > b[0] || a[0] == b[0] && a[1] >= b[1] ? a : b);
            }
        }
        Set<String> parents = new java.util.HashSet<>();
        assertThat(newEpisodes).allSatisfy(id -> {
            String[] row = episodesAfter.get(id);
            assertThat(typesAfter.get(row[1])).as(id).isIn(SERIES_TYPES);
            assertThat(parents.add(row[1])).as("one new episode per series").isTrue();
            int[] end = last.get(row[1]);
            if (end != null && !NULL.equals(row[3])) {
                assertThat(row[2]).isEqualTo(String.valueOf(end[0]));
                assertThat(row[3]).isEqualTo(String.valueOf(end[1] + 1));
            }
        });
        assertThat(after.basics().stream().filter(row -> !known.contains(row[0]))).as("new titles")
                .allSatisfy(row -> assertThat(row[1]).isIn("movie", "tvEpisode"));
        return newEpisodes.size();
    }

    /** Each title's credits as nconst/category, in ordering order. */
    private static Map<String, List<String>> credits(List<String[]> principals) {
        Map<String, List<String>> credits = new LinkedHashMap<>();
        principals.forEach(row -> credits.computeIfAbsent(row[0], id -> new ArrayList<>()).add(row[2] + "/" + row[3]));
        return credits;
    }

    private static Map<String, List<String>> akaRows(List<String[]> akas) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        akas.forEach(row -> rows.computeIfAbsent(row[0], id -> new ArrayList<>()).add(String.join("\t", row)));
        return rows;
    }

    private static double averageOver(Map<String, Integer> perTitle, String type) {
        return basics.stream().filter(row -> type.equals(row[1]))
                .mapToInt(row -> perTitle.getOrDefault(row[0], 0)).average().orElseThrow();
    }

    private static void assertMostlyKnownNames(List<String> people) {
        Set<String> known = others.names().stream().map(row -> row[0]).collect(Collectors.toSet());
        long unknown = people.stream().filter(person -> !known.contains(person)).count();
        assertThat(people).isNotEmpty();
        assertThat(unknown).as("credits of people not in name.basics").isPositive();
        assertThat(share(people.size() - unknown, people.size())).isGreaterThan(MIN_KNOWN_NAME_SHARE);
    }

    /** Whether text is a JSON array of strings. */
    private static boolean isJsonArrayOfStrings(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return false;
            }
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The five files besides the basics and ratings, as rows. */
    private record Others(List<String[]> episode, List<String[]> crew, List<String[]> principals, List<String[]> akas,
            List<String[]> names) {

        static Others read(Path dir) throws IOException {
            return new Others(readTsv(dir.resolve(EPISODE_FILE), EPISODE_HEADER), readTsv(dir.resolve(CREW_FILE), CREW_HEADER),
                    readTsv(dir.resolve(PRINCIPALS_FILE), PRINCIPALS_HEADER), readTsv(dir.resolve(AKAS_FILE), AKAS_HEADER),
                    readTsv(dir.resolve(NAMES_FILE), NAMES_HEADER));
        }
    }

    /** The next-day percentages for the other files, in the order of the generator's flags. */
    private record Extras(double addEpisodes, double recredit, double removeNames, double reaka) {

        List<String> flags() {
            return List.of("--add-episodes-percent", String.valueOf(addEpisodes), "--recredit-percent",
                    String.valueOf(recredit), "--remove-names-percent", String.valueOf(removeNames),
                    "--reaka-percent", String.valueOf(reaka));
        }
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
        for (String file : ALL_FILES) {
            assertThat(Files.mismatch(day2.resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
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
        // New episodes come only with a dump that has title.episode; nextDayNewEpisodesContinueTheirSeries checks them.
        List<String[]> added = after.basics().stream().filter(row -> !known.contains(row[0]))
                .filter(row -> !"tvEpisode".equals(row[1])).toList();
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

        static Map<String, String[]> byId(List<String[]> rows) {
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
