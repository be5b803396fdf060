package org.imdbetl.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Writes synthetic, full-size IMDb dumps (title.basics.tsv.gz and title.ratings.tsv.gz) for
 * benchmarks. SCALE=1 mimics the 2026 dumps: ~12.7M titles, ~1.7M ratings.
 *
 * <pre>java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java SCALE DIR</pre>
 *
 * or, from a day-N dump, the next day's (see {@link NextDay}):
 *
 * <pre>java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...</pre>
 *
 * The output depends only on SCALE: one seeded generator produces every row on the main thread,
 * in tconst order; background threads only compress and write. Rows are assembled as UTF-8 bytes
 * in reusable 1 MiB chunks, without a String per row.
 *
 * <p>A single-file source program: bench/generate.sh and the tests start it in a JVM of its own, from
 * this file, without a build. So it uses the JDK only, never another class of the project.
 */
public final class DumpGenerator {

    static final long FULL_SCALE_TITLES = 12_700_000L;
    static final long MAX_TITLES = 1_000_000_000L;
    static final long SEED = 0x1DB_2026_5EEDL;

    static final String BASICS_FILE = "title.basics.tsv.gz";
    static final String RATINGS_FILE = "title.ratings.tsv.gz";
    static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
    static final String RATINGS_HEADER = "tconst\taverageRating\tnumVotes\n";
    static final String NEXT_DAY = "next-day";

    private DumpGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && NEXT_DAY.equals(args[0])) {
            NextDay.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length != 2) {
            usage("expected 2 arguments, got " + args.length);
        }
        double scale;
        try {
            scale = Double.parseDouble(args[0]);
        } catch (NumberFormatException e) {
            usage("SCALE '" + args[0] + "' is not a number");
            return;
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            usage("SCALE must be a positive number, got " + args[0]);
        }
        long titles = Math.round(FULL_SCALE_TITLES * scale);
        if (titles < 1 || titles > MAX_TITLES) {
            usage("SCALE " + args[0] + " gives " + titles + " titles; allowed 1.." + MAX_TITLES);
        }
        Path dir = Path.of(args[1]);
        Generator generator = new Generator(new SplittableRandom(SEED));
        write(dir, (basics, ratings) -> generator.run(titles, basics, ratings));
        System.err.println("DumpGenerator: scale " + scale + ": " + titles + " titles (" + generator.movies
                + " movies), " + generator.rated + " ratings written to " + dir);
    }

    /** What writes the rows of both files. */
    interface Rows {
        void write(GzipRows basics, GzipRows ratings) throws IOException, InterruptedException;
    }

    /** Opens both files in dir, lets rows fill them, and finishes them: deflated in parallel, written in order. */
    static void write(Path dir, Rows rows) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService deflaters = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "deflater");
            thread.setDaemon(true);
            return thread;
        });
        int chunksInFlight = 2 * threads + 2;
        try (GzipRows basics = new GzipRows(dir.resolve(BASICS_FILE), deflaters, chunksInFlight);
                GzipRows ratings = new GzipRows(dir.resolve(RATINGS_FILE), deflaters, chunksInFlight)) {
            rows.write(basics, ratings);
        } finally {
            deflaters.shutdown();
        }
    }

    static void usage(String problem) {
        System.err.println("DumpGenerator: " + problem);
        System.err.println("usage: java bench/java/org/imdbetl/bench/DumpGenerator.java SCALE DIR   (SCALE 1 = ~12.7M titles)");
        System.err.println("       java bench/java/org/imdbetl/bench/DumpGenerator.java next-day IN_DIR OUT_DIR [--seed S] [--day N]"
                + " [--remove-percent P] [--retype-percent P] [--rerate-percent P] [--add-percent P]"
                + " [--retitle-percent P] [--regenre-percent P]");
        System.err.println("       (IN_DIR holds day N, default 1; OUT_DIR gets day N+1; percentages default to "
                + NextDay.Settings.DEFAULTS.describePercents() + ")");
        System.exit(2);
    }

    /** Encodes once, at startup. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[][] utf8(String... texts) {
        byte[][] encoded = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            encoded[i] = utf8(texts[i]);
        }
        return encoded;
    }

    /** Cumulative weights for picking an index with probability weight/total. */
    static int[] cumulative(int... weights) {
        int[] sums = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    /** Produces every row; all randomness comes from one seeded SplittableRandom, in row order. */
    static final class Generator {

        // Title types: share of all titles (per 100,000), share rated (per 10,000), runtime shape.
        static final int TV_EPISODE = 0;
        static final int SHORT = 1;
        static final int MOVIE = 2;
        static final int TV_SERIES = 4;
        static final int TV_MINI_SERIES = 6;
        static final int TV_SHORT = 9;
        static final byte[][] TYPES = utf8("tvEpisode", "short", "movie", "video", "tvSeries", "tvMovie",
                "tvMiniSeries", "tvSpecial", "videoGame", "tvShort", "tvPilot");
        static final int[] TYPE_SHARE = cumulative(77_000, 8_000, 6_000, 2_500, 2_500, 1_500, 700, 600, 600, 500, 100);
        static final int TYPE_SHARE_TOTAL = 100_000;
        static final int[] RATED_PER_10K = {800, 1_700, 4_600, 2_600, 3_500, 4_000, 5_000, 3_000, 3_000, 2_000, 1_000};
        static final int[] RUNTIME_NULL_PERCENT = {67, 45, 25, 45, 50, 30, 50, 40, 97, 40, 50};
        static final int[] RUNTIME_MIN = {20, 1, 60, 5, 20, 45, 30, 30, 10, 1, 20};
        static final int[] RUNTIME_MODE = {25, 10, 90, 30, 30, 85, 50, 60, 60, 8, 30};
        static final int[] RUNTIME_MAX = {60, 40, 200, 120, 60, 120, 60, 180, 120, 30, 60};

        static final byte[][] GENRES = utf8("Action", "Adult", "Adventure", "Animation", "Biography", "Comedy",
                "Crime", "Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "Game-Show", "History", "Horror",
                "Music", "Musical", "Mystery", "News", "Reality-TV", "Romance", "Sci-Fi", "Short", "Sport",
                "Talk-Show", "Thriller", "War", "Western");
        static final int ADULT_GENRE = 1;
        static final int SHORT_GENRE = 22;
        // Adult is never drawn at random: it comes with isAdult=1.
        static final int[] GENRE_WEIGHT = cumulative(40, 0, 35, 45, 15, 180, 50, 140, 200, 40, 20, 1, 30, 20, 25,
                35, 8, 25, 40, 60, 45, 15, 20, 30, 70, 25, 8, 5);
        static final int[] GENRE_COUNT_PERCENT = cumulative(10, 50, 20, 20); // \N, 1, 2, 3 genres

        static final int ADULT_PER_1000 = 10;
        static final int START_YEAR_NULL_PERCENT = 10;
        static final int OLD_YEAR_PERCENT = 6;
        static final double YEAR_AGE_MEAN = 14.0;
        static final int FIRST_YEAR = 1890;
        static final int LAST_YEAR = 2026;
        static final int END_YEAR_PERCENT = 45;
        static final int MAX_SERIES_YEARS = 30;
        static final double SERIES_YEARS_MEAN = 4.0;
        static final int FIRST_DATED_YEAR = 1950;
        static final int MAX_SEASON = 60;
        static final double SEASON_MEAN = 2.5;
        static final int MAX_EPISODE = 500;
        static final double EPISODE_MEAN = 25.0;

        static final int EPISODE_NUMBERED_PERCENT = 45;
        static final int EPISODE_DATED_PERCENT = 5;
        static final int ORIGINAL_DIFFERS_PERCENT = 6;
        static final int UNBALANCED_QUOTE_PER_10K = 20;
        static final int[] WORD_COUNT = cumulative(20, 30, 25, 13, 7, 5);
        static final int[] EPISODE_WORD_COUNT = cumulative(35, 35, 20, 10);
        static final int NON_ASCII_PER_1000 = 25;
        static final int FOREIGN_NON_ASCII_PER_1000 = 450;
        static final int NAME_PERCENT = 25;
        static final int CONNECTOR_PERCENT = 15;

        static final int MIN_VOTES = 5;
        static final int MAX_VOTES = 3_000_000;
        static final double MOVIE_VOTES_ALPHA = 0.55;
        static final double OTHER_VOTES_ALPHA = 0.8;
        static final double RATING_MEAN = 6.8;
        static final double RATING_SD = 1.3;
        static final double FEW_VOTES_RATING_SD = 1.8;
        static final int FEW_VOTES = 20;

        static final byte[][] WORDS = utf8("Love", "Night", "Day", "Man", "Woman", "Girl", "Boy", "House", "World",
                "Life", "Death", "Time", "Story", "City", "Game", "Heart", "Dream", "Home", "War", "King", "Queen",
                "Blood", "Fire", "Water", "Road", "Sky", "Star", "Stars", "Moon", "Sun", "River", "Sea", "Island",
                "Secret", "Secrets", "Lost", "Last", "First", "New", "Old", "Black", "White", "Red", "Blue", "Green",
                "Golden", "Dark", "Little", "Big", "Wild", "Great", "Good", "Bad", "Dead", "Young", "American",
                "Christmas", "Summer", "Winter", "Family", "Friends", "Brother", "Sister", "Mother", "Father",
                "Daughter", "Son", "Children", "Ghost", "Devil", "Angel", "Shadow", "Shadows", "Light", "Mystery",
                "Murder", "Crime", "Justice", "Journey", "Return", "Revenge", "Escape", "Kiss", "Wedding", "School",
                "Show", "Live", "Special", "Tonight", "Hour", "Street", "Town", "Village", "Country", "Mountain",
                "Forest", "Garden", "Train", "Ship", "Road", "Money", "Power", "Truth", "Lies", "Hope", "Glory",
                "Music", "Song", "Dance", "Party", "Club", "Hotel", "Hospital", "Police", "Detective", "Doctor",
                "Teacher", "Soldier", "Hunter", "Killer", "Monster", "Dragon", "Wolf", "Tiger", "Horse", "Dog",
                "Cat", "Bird", "Chronicles", "Legend", "Adventures", "Tales", "Diary", "Files", "Project", "Zone",
                "Edge", "Point", "Line", "Circle", "Code", "Mission", "Operation", "Paradise", "Heaven", "Hell",
                "Storm", "Rain", "Snow", "Ice", "Stone", "Gold", "Silver", "Diamond", "Rose", "Flowers", "Part",
                "Chapter", "Season", "Special", "Finale", "Pilot", "Returns", "Begins", "Forever", "Again",
                "Tomorrow", "Yesterday", "Today", "Now", "Never", "Always", "Everything", "Nothing", "Somewhere",
                "Inside", "Outside", "Beyond", "Under", "Above", "Behind", "After", "Before", "Between", "2",
                "3", "II", "III", "Vol. 1", "Live!", "Uncut", "Reloaded", "Unplugged", "Rising", "Falling",
                "Run", "Fight", "Stay", "Wait", "Go", "Come", "Remember", "Forget", "Believe", "Kill", "Save",
                "Help", "Stop", "Don't", "I'm", "It's", "You're", "What's", "Who's", "Let's", "Mr.", "Mrs.", "Dr.",
                "Saint", "Lady", "Lord", "Captain", "General", "Professor", "Agent", "Baby", "Honey", "Sweet");
        static final byte[][] CONNECTORS = utf8("of", "the", "and", "in", "on", "at", "to", "for", "with", "from",
                "a", "&", "-", ":", "or", "vs.", "de", "la", "le", "der", "die", "el", "del", "di", "och");
        static final byte[][] NON_ASCII_WORDS = utf8("Café", "Über", "Niño", "Mañana", "Søren", "Ørsted",
                "Zürich", "Fräulein", "Straße", "Garçon", "Noël", "Señorita", "København", "Ça", "Être", "Été",
                "Göteborg", "Málaga", "São", "Ísland", "Żywot", "Łódź", "Čas", "Şarkı", "Ελλάδα", "Любовь",
                "Война", "Москва", "Ночь", "Жизнь", "東京", "愛", "夜", "物語", "映画", "新しい", "ありがとう",
                "사랑", "서울", "이야기", "밤", "北京", "龍", "天空", "सपना", "حب", "שלום", "Ángel", "Corazón",
                "Québec");
        static final byte[][] SYLLABLES = utf8("ka", "ri", "mo", "len", "dor", "vi", "tha", "nel", "sar", "bri",
                "lo", "ven", "mi", "ra", "zu", "gan", "tor", "el", "an", "is", "ber", "go", "shi", "ta", "ma", "ko",
                "ne", "val", "mar", "sen", "ho", "ya", "ru", "fin", "gal", "pe", "dra", "qui", "lu", "wen");
        static final byte[][] MONTHS = utf8("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.",
                "Oct.", "Nov.", "Dec.");
        static final byte[] EPISODE_NUMBER = utf8("Episode #");
        static final byte[] EPISODE_DATED = utf8("Episode dated ");

        private final SplittableRandom random;
        private final int[] genres = new int[3];
        long movies;
        long rated;

        Generator(SplittableRandom random) {
            this.random = random;
        }

        void run(long titles, GzipRows basics, GzipRows ratings) throws IOException, InterruptedException {
            basics.reserve();
            basics.put(utf8(BASICS_HEADER));
            ratings.reserve();
            ratings.put(utf8(RATINGS_HEADER));
            long id = 0;
            for (long row = 0; row < titles; row++) {
                id += idStep();
                int type = pick(TYPE_SHARE, TYPE_SHARE_TOTAL);
                if (type == MOVIE) {
                    movies++;
                }
                basics.reserve();
                writeBasics(basics, id, type);
                if (random.nextInt(10_000) < RATED_PER_10K[type]) {
                    rated++;
                    ratings.reserve();
                    writeRating(ratings, id, type);
                }
            }
        }

        /** Real ids are sparse: mostly consecutive, sometimes skipping one or two. */
        private int idStep() {
            int roll = random.nextInt(10);
            return roll < 6 ? 1 : roll < 9 ? 2 : 3;
        }

        private void writeBasics(GzipRows out, long id, int type) {
            out.tconst(id);
            out.tab();
            out.put(TYPES[type]);
            out.tab();
            int titleStart = out.position();
            title(out, type);
            int titleEnd = out.position();
            out.tab();
            if (random.nextInt(100) < ORIGINAL_DIFFERS_PERCENT) {
                words(out, pick(WORD_COUNT, 100) + 1, FOREIGN_NON_ASCII_PER_1000);
            } else {
                out.copy(titleStart, titleEnd);
            }
            out.tab();
            boolean adult = random.nextInt(1_000) < ADULT_PER_1000;
            out.put((byte) (adult ? '1' : '0'));
            out.tab();
            int startYear = startYear();
            yearOrNull(out, startYear);
            out.tab();
            yearOrNull(out, endYear(type, startYear));
            out.tab();
            runtime(out, type);
            out.tab();
            genres(out, type, adult);
            out.newline();
        }

        private void title(GzipRows out, int type) {
            if (random.nextInt(10_000) < UNBALANCED_QUOTE_PER_10K) {
                out.put((byte) '"');
            }
            if (type == TV_EPISODE) {
                int roll = random.nextInt(100);
                if (roll < EPISODE_NUMBERED_PERCENT) {
                    out.put(EPISODE_NUMBER);
                    out.number(1 + skewed(MAX_SEASON, SEASON_MEAN));
                    out.put((byte) '.');
                    out.number(1 + skewed(MAX_EPISODE, EPISODE_MEAN));
                    return;
                }
                if (roll < EPISODE_NUMBERED_PERCENT + EPISODE_DATED_PERCENT) {
                    out.put(EPISODE_DATED);
                    out.number(1 + random.nextInt(28));
                    out.put((byte) ' ');
                    out.put(MONTHS[random.nextInt(MONTHS.length)]);
                    out.put((byte) ' ');
                    out.number(LAST_YEAR - skewed(LAST_YEAR - FIRST_DATED_YEAR, YEAR_AGE_MEAN));
                    return;
                }
                words(out, pick(EPISODE_WORD_COUNT, 100) + 1, NON_ASCII_PER_1000);
                return;
            }
            words(out, pick(WORD_COUNT, 100) + 1, NON_ASCII_PER_1000);
        }

        private void words(GzipRows out, int count, int nonAsciiPer1000) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.put((byte) ' ');
                    if (random.nextInt(100) < CONNECTOR_PERCENT) {
                        out.put(CONNECTORS[random.nextInt(CONNECTORS.length)]);
                        out.put((byte) ' ');
                    }
                }
                if (random.nextInt(1_000) < nonAsciiPer1000) {
                    out.put(NON_ASCII_WORDS[random.nextInt(NON_ASCII_WORDS.length)]);
                } else if (random.nextInt(100) < NAME_PERCENT) {
                    name(out);
                } else {
                    out.put(WORDS[random.nextInt(WORDS.length)]);
                }
            }
        }

        /** A made-up proper name of 2-4 syllables, capitalised. */
        private void name(GzipRows out) {
            int syllables = 2 + random.nextInt(3);
            int start = out.position();
            for (int i = 0; i < syllables; i++) {
                out.put(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            out.capitalize(start);
        }

        private int startYear() {
            if (random.nextInt(100) < START_YEAR_NULL_PERCENT) {
                return -1;
            }
            if (random.nextInt(100) < OLD_YEAR_PERCENT) {
                return FIRST_YEAR + random.nextInt(LAST_YEAR - FIRST_YEAR + 1);
            }
            return LAST_YEAR - skewed(LAST_YEAR - FIRST_YEAR + 1, YEAR_AGE_MEAN);
        }

        /** 0..bound-1, exponentially distributed with about the given mean; uniform beyond the bound. */
        private int skewed(int bound, double mean) {
            int value = (int) (-Math.log(1.0 - random.nextDouble()) * mean);
            return value < bound ? value : random.nextInt(bound);
        }

        private int endYear(int type, int startYear) {
            if ((type != TV_SERIES && type != TV_MINI_SERIES) || startYear < 0
                    || random.nextInt(100) >= END_YEAR_PERCENT) {
                return -1;
            }
            int span = type == TV_MINI_SERIES ? random.nextInt(2) : skewed(MAX_SERIES_YEARS, SERIES_YEARS_MEAN);
            return Math.min(LAST_YEAR, startYear + span);
        }

        private void runtime(GzipRows out, int type) {
            if (random.nextInt(100) < RUNTIME_NULL_PERCENT[type]) {
                out.nullValue();
                return;
            }
            out.number(triangular(RUNTIME_MIN[type], RUNTIME_MODE[type], RUNTIME_MAX[type]));
        }

        private int triangular(int min, int mode, int max) {
            double u = random.nextDouble();
            double range = max - min;
            double split = (mode - min) / range;
            double value = u < split
                    ? min + Math.sqrt(u * range * (mode - min))
                    : max - Math.sqrt((1 - u) * range * (max - mode));
            return (int) Math.round(value);
        }

        private void genres(GzipRows out, int type, boolean adult) {
            int count = pick(GENRE_COUNT_PERCENT, 100);
            if (count == 0 && !adult) {
                out.nullValue();
                return;
            }
            int n = 0;
            if (adult) {
                genres[n++] = ADULT_GENRE;
            }
            if ((type == SHORT || type == TV_SHORT) && n < count) {
                genres[n++] = SHORT_GENRE;
            }
            while (n < count) {
                int genre = pick(GENRE_WEIGHT, GENRE_WEIGHT[GENRE_WEIGHT.length - 1]);
                if (!contains(genres, n, genre)) {
                    genres[n++] = genre;
                }
            }
            sort(genres, n);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                out.put(GENRES[genres[i]]);
            }
        }

        private void writeRating(GzipRows out, long id, int type) {
            double alpha = type == MOVIE ? MOVIE_VOTES_ALPHA : OTHER_VOTES_ALPHA;
            int votes = truncatedPareto(alpha);
            double sd = votes < FEW_VOTES ? FEW_VOTES_RATING_SD : RATING_SD;
            long tenths = Math.round((RATING_MEAN + sd * random.nextGaussian()) * 10);
            int rating = (int) Math.max(10, Math.min(100, tenths));
            out.tconst(id);
            out.tab();
            out.number(rating / 10);
            out.put((byte) '.');
            out.put((byte) ('0' + rating % 10));
            out.tab();
            out.number(votes);
            out.newline();
        }

        /** Inverse CDF of a Pareto(MIN_VOTES, alpha) cut at MAX_VOTES: heavy tail, no spike at the cap. */
        private int truncatedPareto(double alpha) {
            double tail = Math.pow((double) MIN_VOTES / MAX_VOTES, alpha);
            double u = random.nextDouble();
            double votes = MIN_VOTES / Math.pow(1 - u * (1 - tail), 1 / alpha);
            return (int) Math.min(MAX_VOTES, Math.max(MIN_VOTES, votes));
        }

        private int pick(int[] cumulative, int total) {
            int roll = random.nextInt(total);
            int i = 0;
            while (roll >= cumulative[i]) {
                i++;
            }
            return i;
        }

        private static void yearOrNull(GzipRows out, int year) {
            if (year < 0) {
                out.nullValue();
            } else {
                out.number(year);
            }
        }

        private static boolean contains(int[] values, int count, int value) {
            for (int i = 0; i < count; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        private static void sort(int[] values, int count) {
            for (int i = 1; i < count; i++) {
                int value = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > value) {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = value;
            }
        }
    }

    /**
     * Writes day N+1 of a dump from the day-N files, the way IMDb's daily dumps move: some movies
     * removed, some re-typed to tvMovie, some re-rated (votes mostly grow), a few retitled or re-genred,
     * new movies appended above the highest tconst, some of them rated. Every other row is copied as it
     * is, byte for byte.
     *
     * <p>Both files are streamed row by row. What happens to a movie is decided by a hash of (seed, day,
     * decision, tconst), so it is the same in both files and needs no memory; the only per-title state
     * is one bit per tconst saying "a movie on day N", kept while reading the basics so the ratings can
     * tell movies from other titles (~2.5 MB at full size). New content (titles, genres, ratings, new
     * rows) comes from SplittableRandoms seeded by (seed, day), drawn in row order. The output depends
     * only on the input files, the seed, the day and the percentages.
     *
     * <p>Rows keep their order. New rows go at the end of both files, above the highest tconst of the
     * basics; like the real dumps, the ratings must only rate titles that the basics have.
     */
    static final class NextDay {

        static final byte[] MOVIE = utf8("movie");
        static final byte[] TV_MOVIE = utf8("tvMovie");
        static final int BASICS_TABS = 8;
        static final int INPUT_BUFFER = 1 << 16;
        static final int MAX_ID = Integer.MAX_VALUE - 1;
        static final int MAX_ATTEMPTS = 10;

        // Decisions: each an independent uniform draw from a hash of (seed, day, decision, tconst).
        static final int FATE = 1;
        static final int RERATE = 2;
        static final int RETITLE = 3;
        static final int REGENRE = 4;
        // Content: each a SplittableRandom seeded by (seed, day, stream), drawn in row order.
        static final int CHANGED_CONTENT = 11;
        static final int NEW_BASICS = 12;
        static final int NEW_RATINGS = 13;
        static final int NEW_RATINGS_CONTENT = 14;
        static final int RERATED_CONTENT = 15;

        // Re-rating: mostly more votes (and maybe the rating moves by a tenth), else the rating alone
        // moves, else a few votes are withdrawn.
        static final double VOTES_GROW_SHARE = 0.85;
        static final double RATING_ONLY_SHARE = 0.10;
        static final double VOTE_GROWTH_MEAN = 0.02;
        static final int MAX_RATING_STEP = 3;
        static final int MIN_TENTHS = 10;
        static final int MAX_TENTHS = 100;

        record Settings(long seed, int day, double removePercent, double retypePercent, double reratePercent,
                double addPercent, double retitlePercent, double regenrePercent) {

            static final Settings DEFAULTS = new Settings(SEED, 1, 2, 1, 10, 1, 0.2, 0.2);

            String describePercents() {
                return "remove " + removePercent + ", retype " + retypePercent + ", rerate " + reratePercent
                        + ", add " + addPercent + ", retitle " + retitlePercent + ", regenre " + regenrePercent;
            }
        }

        private final Settings settings;
        private final int day;
        private final long[] decisionSeeds = new long[REGENRE + 1];
        private final BitSet movieIds = new BitSet();
        private final Generator changes;
        private final SplittableRandom rerates;
        private long[] newRated = new long[0];
        private int newRatedCount;
        private long maxId;

        long rows;
        long moviesIn;
        long removed;
        long retyped;
        long retitled;
        long regenred;
        long ratedMoviesIn;
        long ratingsRemoved;
        long rerated;
        long added;

        NextDay(Settings settings) {
            this.settings = settings;
            this.day = settings.day() + 1;
            for (int kind = FATE; kind <= REGENRE; kind++) {
                decisionSeeds[kind] = streamSeed(kind);
            }
            changes = new Generator(new SplittableRandom(streamSeed(CHANGED_CONTENT)));
            rerates = new SplittableRandom(streamSeed(RERATED_CONTENT));
        }

        static void main(String[] args) throws IOException, InterruptedException {
            List<String> positional = new ArrayList<>();
            Settings d = Settings.DEFAULTS;
            long seed = d.seed();
            int inputDay = d.day();
            double[] percents = {d.removePercent(), d.retypePercent(), d.reratePercent(), d.addPercent(),
                    d.retitlePercent(), d.regenrePercent()};
            List<String> percentFlags = List.of("--remove-percent", "--retype-percent", "--rerate-percent",
                    "--add-percent", "--retitle-percent", "--regenre-percent");
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    positional.add(arg);
                    continue;
                }
                if (i + 1 >= args.length) {
                    usage(arg + " needs a value");
                }
                String value = args[++i];
                try {
                    if (arg.equals("--seed")) {
                        seed = Long.decode(value);
                    } else if (arg.equals("--day")) {
                        inputDay = Integer.parseInt(value);
                        if (inputDay < 1) {
                            usage("--day must be 1 or more, got " + value);
                        }
                    } else if (percentFlags.contains(arg)) {
                        double percent = Double.parseDouble(value);
                        if (!(percent >= 0 && percent <= 100)) {
                            usage(arg + " must be between 0 and 100, got " + value);
                        }
                        percents[percentFlags.indexOf(arg)] = percent;
                    } else {
                        usage("unknown option " + arg);
                    }
                } catch (NumberFormatException e) {
                    usage(arg + " '" + value + "' is not a number");
                }
            }
            if (positional.size() != 2) {
                usage(NEXT_DAY + " expects IN_DIR and OUT_DIR, got " + positional.size() + " arguments");
            }
            if (percents[0] + percents[1] > 100) {
                usage("--remove-percent and --retype-percent add up to more than 100");
            }
            Path in = Path.of(positional.get(0));
            Path out = Path.of(positional.get(1));
            for (String file : List.of(BASICS_FILE, RATINGS_FILE)) {
                if (!Files.isRegularFile(in.resolve(file))) {
                    usage("no " + file + " in " + in);
                }
            }
            if (Files.exists(out) && Files.isSameFile(in, out)) {
                usage("OUT_DIR must not be IN_DIR");
            }
            Settings settings = new Settings(seed, inputDay, percents[0], percents[1], percents[2], percents[3],
                    percents[4], percents[5]);
            NextDay nextDay = new NextDay(settings);
            write(out, (basics, ratings) -> nextDay.run(in, basics, ratings));
            System.err.println(nextDay.summary(in, out));
        }

        String summary(Path in, Path out) {
            return "DumpGenerator: day " + settings.day() + " (" + in + ") -> day " + day + " (" + out + "), seed "
                    + settings.seed() + ": " + rows + " title rows read, " + moviesIn + " movies: " + removed
                    + " removed, " + retyped + " re-typed to tvMovie, " + retitled + " retitled, " + regenred
                    + " re-genred; " + ratedMoviesIn + " rated movies: " + ratingsRemoved + " ratings removed, "
                    + rerated + " re-rated; " + added + " new movies (" + newRatedCount + " rated)";
        }

        void run(Path in, GzipRows basics, GzipRows ratings) throws IOException, InterruptedException {
            try (Lines lines = Lines.gunzip(in.resolve(BASICS_FILE))) {
                copyHeader(lines, BASICS_HEADER, BASICS_FILE, basics);
                while (lines.next()) {
                    basicsRow(lines, basics);
                }
            }
            appendNewMovies(basics);
            try (Lines lines = Lines.gunzip(in.resolve(RATINGS_FILE))) {
                copyHeader(lines, RATINGS_HEADER, RATINGS_FILE, ratings);
                while (lines.next()) {
                    ratingsRow(lines, ratings);
                }
            }
            appendNewRatings(ratings);
        }

        private static void copyHeader(Lines lines, String header, String file, GzipRows out)
                throws IOException, InterruptedException {
            byte[] expected = utf8(header);
            if (!lines.next() || !Arrays.equals(lines.buf, lines.start, lines.end + 1, expected, 0, expected.length)) {
                throw new IOException(file + ": the first line is not the header " + header.strip());
            }
            out.reserve();
            out.put(expected);
        }

        private void basicsRow(Lines in, GzipRows out) throws IOException, InterruptedException {
            rows++;
            byte[] b = in.buf;
            int start = in.start;
            int end = in.end;
            out.reserve(end - start + GzipRows.MAX_ROW_BYTES);
            int[] tabs = in.tabs(BASICS_TABS);
            long id = tabs[0] < 0 ? -1 : tconst(b, start, tabs[0]);
            maxId = Math.max(maxId, id);
            if (tabs[1] < 0 || id < 0 || !Arrays.equals(b, tabs[0] + 1, tabs[1], MOVIE, 0, MOVIE.length)) {
                out.put(b, start, end - start + 1);
                return;
            }
            if (id > MAX_ID) {
                throw new IOException(BASICS_FILE + " line " + in.number + ": tconst above tt" + MAX_ID);
            }
            moviesIn++;
            movieIds.set((int) id);
            double fate = draw(FATE, id);
            if (fate < settings.removePercent() / 100) {
                removed++;
                return;
            }
            boolean retype = fate < (settings.removePercent() + settings.retypePercent()) / 100;
            boolean retitle = draw(RETITLE, id) < settings.retitlePercent() / 100;
            boolean regenre = draw(REGENRE, id) < settings.regenrePercent() / 100;
            if (tabs[BASICS_TABS - 1] < 0 || !(retype || retitle || regenre)) {
                out.put(b, start, end - start + 1);
                return;
            }
            out.put(b, start, tabs[0] + 1 - start);
            if (retype) {
                retyped++;
                out.put(TV_MOVIE);
            } else {
                out.put(MOVIE);
            }
            out.tab();
            int titleAt = out.position();
            int titleFrom = tabs[1] + 1;
            int titleLength = tabs[2] - titleFrom;
            for (int attempt = 1; ; attempt++) {
                if (retitle) {
                    changes.title(out, Generator.MOVIE);
                } else {
                    out.put(b, titleFrom, titleLength);
                }
                if (!retitle || !out.sameSince(titleAt, b, titleFrom, titleLength) || attempt == MAX_ATTEMPTS) {
                    break;
                }
                out.rewind(titleAt);
            }
            if (retitle && !out.sameSince(titleAt, b, titleFrom, titleLength)) {
                retitled++;
            }
            // originalTitle .. runtimeMinutes, with the tabs around them
            out.put(b, tabs[2], tabs[BASICS_TABS - 1] + 1 - tabs[2]);
            int genresAt = out.position();
            int genresFrom = tabs[BASICS_TABS - 1] + 1;
            boolean adult = b[tabs[3] + 1] == '1';
            for (int attempt = 1; ; attempt++) {
                if (regenre) {
                    changes.genres(out, Generator.MOVIE, adult);
                } else {
                    out.put(b, genresFrom, end - genresFrom);
                }
                if (!regenre || !out.sameSince(genresAt, b, genresFrom, end - genresFrom) || attempt == MAX_ATTEMPTS) {
                    break;
                }
                out.rewind(genresAt);
            }
            if (regenre && !out.sameSince(genresAt, b, genresFrom, end - genresFrom)) {
                regenred++;
            }
            out.newline();
        }

        /** New movies above the highest tconst, as the generator writes movies; some get a rating. */
        private void appendNewMovies(GzipRows out) throws IOException, InterruptedException {
            long count = Math.round(moviesIn * settings.addPercent() / 100);
            Generator fresh = new Generator(new SplittableRandom(streamSeed(NEW_BASICS)));
            SplittableRandom ratedDraws = new SplittableRandom(streamSeed(NEW_RATINGS));
            long id = maxId;
            for (long i = 0; i < count; i++) {
                id += fresh.idStep();
                out.reserve();
                fresh.writeBasics(out, id, Generator.MOVIE);
                added++;
                if (ratedDraws.nextInt(10_000) < Generator.RATED_PER_10K[Generator.MOVIE]) {
                    if (newRatedCount == newRated.length) {
                        newRated = Arrays.copyOf(newRated, Math.max(16, 2 * newRated.length));
                    }
                    newRated[newRatedCount++] = id;
                }
            }
        }

        private void ratingsRow(Lines in, GzipRows out) throws IOException, InterruptedException {
            byte[] b = in.buf;
            int start = in.start;
            int end = in.end;
            out.reserve(end - start + GzipRows.MAX_ROW_BYTES);
            int[] tabs = in.tabs(2);
            long id = tabs[0] < 0 ? -1 : tconst(b, start, tabs[0]);
            if (id < 0 || id > MAX_ID || !movieIds.get((int) id)) {
                out.put(b, start, end - start + 1);
                return;
            }
            ratedMoviesIn++;
            if (draw(FATE, id) < settings.removePercent() / 100) {
                ratingsRemoved++;
                return;
            }
            int tenths = tabs[1] < 0 ? -1 : tenths(b, tabs[0] + 1, tabs[1]);
            long votes = tabs[1] < 0 ? -1 : digits(b, tabs[1] + 1, end);
            if (draw(RERATE, id) >= settings.reratePercent() / 100 || tenths < 0 || votes < 0) {
                out.put(b, start, end - start + 1);
                return;
            }
            rerated++;
            long[] rating = rerate(tenths, votes);
            out.put(b, start, tabs[0] + 1 - start);
            out.number((int) rating[0] / 10);
            out.put((byte) '.');
            out.put((byte) ('0' + rating[0] % 10));
            out.tab();
            out.number(rating[1]);
            out.newline();
        }

        /** A new (tenths, votes), never equal to the old one. */
        private long[] rerate(int tenths, long votes) {
            long newTenths = tenths;
            long newVotes = votes;
            double roll = rerates.nextDouble();
            if (roll < VOTES_GROW_SHARE) {
                double growth = -Math.log(1.0 - rerates.nextDouble()) * VOTE_GROWTH_MEAN;
                newVotes = Math.min(Math.max(Generator.MAX_VOTES, votes), votes + 1 + (long) (votes * growth));
                if (rerates.nextBoolean()) {
                    newTenths += rerates.nextBoolean() ? 1 : -1;
                }
            } else if (roll < VOTES_GROW_SHARE + RATING_ONLY_SHARE) {
                newTenths += (rerates.nextBoolean() ? 1 : -1) * (1 + rerates.nextInt(MAX_RATING_STEP));
            } else {
                newVotes = Math.max(Generator.MIN_VOTES, votes - 1 - rerates.nextLong(Math.max(1, votes / 100)));
            }
            newTenths = Math.max(MIN_TENTHS, Math.min(MAX_TENTHS, newTenths));
            if (newTenths == tenths && newVotes == votes) {
                newTenths = tenths < MAX_TENTHS ? tenths + 1 : tenths - 1;
            }
            return new long[] {newTenths, newVotes};
        }

        private void appendNewRatings(GzipRows out) throws IOException, InterruptedException {
            Generator fresh = new Generator(new SplittableRandom(streamSeed(NEW_RATINGS_CONTENT)));
            for (int i = 0; i < newRatedCount; i++) {
                out.reserve();
                fresh.writeRating(out, newRated[i], Generator.MOVIE);
            }
        }

        /** Uniform in [0, 1), the same for the same (seed, day, kind, tconst). */
        private double draw(int kind, long id) {
            return (mix64(decisionSeeds[kind] + id * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
        }

        private long streamSeed(int kind) {
            return mix64(mix64(settings.seed() ^ kind * GOLDEN_GAMMA) + day);
        }

        static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

        /** SplitMix64's finalizer. */
        static long mix64(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** "tt" and digits as a number; -1 if it is not. */
        static long tconst(byte[] b, int from, int to) {
            if (to - from < 3 || b[from] != 't' || b[from + 1] != 't') {
                return -1;
            }
            return digits(b, from + 2, to);
        }

        /** Decimal digits as a number (at most 18 of them); -1 if it is not. */
        static long digits(byte[] b, int from, int to) {
            if (to <= from || to - from > 18) {
                return -1;
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return value;
        }

        /** "6.8" as 68; -1 unless it is digits, a dot and one digit. */
        static int tenths(byte[] b, int from, int to) {
            if (to - from < 3 || b[to - 2] != '.') {
                return -1;
            }
            long units = digits(b, from, to - 2);
            long tenth = digits(b, to - 1, to);
            return units < 0 || tenth < 0 || units > 10 ? -1 : (int) (units * 10 + tenth);
        }
    }

    /** A gzip file read line by line into one reusable buffer; a line is buf[start, end), end at its '\n'. */
    static final class Lines implements AutoCloseable {

        static final int BUFFER = 1 << 20;

        private final InputStream in;
        private final int[] tabs = new int[NextDay.BASICS_TABS];
        final byte[] buf = new byte[BUFFER + 1];
        private int pos;
        private int limit;
        private boolean eof;
        int start;
        int end;
        long number;

        private Lines(InputStream in) {
            this.in = in;
        }

        static Lines gunzip(Path file) throws IOException {
            return new Lines(new GZIPInputStream(Files.newInputStream(file), NextDay.INPUT_BUFFER));
        }

        /**
         * The next line, or false at the end. buf[end] is always a '\n' (added to a last line without
         * one), so a whole row is buf[start, end + 1).
         */
        boolean next() throws IOException {
            while (true) {
                for (int i = pos; i < limit; i++) {
                    if (buf[i] == '\n') {
                        start = pos;
                        end = i;
                        pos = i + 1;
                        number++;
                        return true;
                    }
                }
                if (eof) {
                    if (pos == limit) {
                        return false;
                    }
                    buf[limit] = '\n';
                    start = pos;
                    end = limit;
                    pos = limit;
                    number++;
                    return true;
                }
                fill();
            }
        }

        private void fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == BUFFER) {
                throw new IOException("line " + (number + 1) + " is longer than " + BUFFER + " bytes");
            }
            int n = in.read(buf, limit, BUFFER - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }

        /** Where the first count tabs of the current line are; -1 for those it does not have. */
        int[] tabs(int count) {
            int found = 0;
            for (int i = start; i < end && found < count; i++) {
                if (buf[i] == '\t') {
                    tabs[found++] = i;
                }
            }
            Arrays.fill(tabs, found, tabs.length, -1);
            return tabs;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * A gzip file written row by row into 1 MiB byte chunks. Like pigz, full chunks are deflated in
     * parallel (level 6, each primed with the previous chunk's last 32 KiB as dictionary, ended with a
     * sync flush) and the pieces are written in order as ONE ordinary gzip member: one stream, like the
     * real dumps, so any gzip reader (GZIPInputStream, zcat) reads it. Chunk boundaries depend only on
     * the rows, so the bytes are the same whatever the thread timing.
     */
    static final class GzipRows implements AutoCloseable {

        static final int CHUNK_BYTES = 1 << 20;
        static final int MAX_ROW_BYTES = 8 << 10;
        static final int DICTIONARY_BYTES = 32 << 10;
        static final int LEVEL = 6;
        static final int STREAM_BUFFER = 1 << 16;
        static final int DEFLATE_BUFFER = 64 << 10;
        /** RFC 1952 header: deflate, no flags, no mtime (reproducible), OS 0 like java.util.zip. */
        static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

        private static final class Chunk {
            final byte[] bytes;
            int length;

            Chunk(int size) {
                bytes = new byte[size];
            }
        }

        /** A chunk on its way to the file, with its deflated form once a worker has made it. */
        private record Piece(Chunk chunk, Future<byte[]> deflated) {
        }

        private static final Piece END = new Piece(null, null);

        private final ExecutorService deflaters;
        private final BlockingQueue<Piece> pieces;
        private final BlockingQueue<Chunk> free;
        private final OutputStream out;
        private final Thread writer;
        private final byte[] dictionary = new byte[DICTIONARY_BYTES];
        private int dictionaryLength;
        private volatile Exception failure;
        private Chunk chunk;
        private byte[] buf;
        private int pos;

        GzipRows(Path file, ExecutorService deflaters, int chunksInFlight) throws IOException {
            this.deflaters = deflaters;
            pieces = new ArrayBlockingQueue<>(chunksInFlight + 1);
            free = new ArrayBlockingQueue<>(chunksInFlight + 1);
            for (int i = 0; i < chunksInFlight; i++) {
                free.add(new Chunk(CHUNK_BYTES));
            }
            chunk = new Chunk(CHUNK_BYTES);
            buf = chunk.bytes;
            out = new BufferedOutputStream(new FileOutputStream(file.toFile()), STREAM_BUFFER);
            writer = new Thread(this::writeInOrder, "gzip writer " + file.getFileName());
            writer.setDaemon(true);
            writer.start();
        }

        /** Call before each row: guarantees MAX_ROW_BYTES of room. */
        void reserve() throws IOException, InterruptedException {
            reserve(MAX_ROW_BYTES);
        }

        /** Call before a row that may need more than MAX_ROW_BYTES: guarantees bytes of room. */
        void reserve(int bytes) throws IOException, InterruptedException {
            if (bytes > CHUNK_BYTES / 2) {
                throw new IOException("a row of up to " + bytes + " bytes does not fit a " + CHUNK_BYTES + " byte chunk");
            }
            if (pos > CHUNK_BYTES - bytes) {
                handOff(false);
            }
        }

        private void handOff(boolean last) throws IOException, InterruptedException {
            checkFailure();
            Chunk full = chunk;
            full.length = pos;
            byte[] previousTail = Arrays.copyOf(dictionary, dictionaryLength);
            dictionaryLength = Math.min(DICTIONARY_BYTES, pos);
            System.arraycopy(full.bytes, pos - dictionaryLength, dictionary, 0, dictionaryLength);
            pieces.put(new Piece(full, deflaters.submit(() -> deflate(full, previousTail, last))));
            if (!last) {
                chunk = free.take();
                buf = chunk.bytes;
                pos = 0;
            }
        }

        private static byte[] deflate(Chunk chunk, byte[] dictionary, boolean last) {
            Deflater deflater = new Deflater(LEVEL, true);
            try {
                if (dictionary.length > 0) {
                    deflater.setDictionary(dictionary);
                }
                deflater.setInput(chunk.bytes, 0, chunk.length);
                ByteArrayOutputStream deflated = new ByteArrayOutputStream(chunk.length / 3 + DEFLATE_BUFFER);
                byte[] buffer = new byte[DEFLATE_BUFFER];
                if (last) {
                    deflater.finish();
                    while (!deflater.finished()) {
                        deflated.write(buffer, 0, deflater.deflate(buffer));
                    }
                } else {
                    // Sync flush: ends byte-aligned, so the next chunk's output can simply follow.
                    int n;
                    do {
                        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                        deflated.write(buffer, 0, n);
                    } while (n == buffer.length || !deflater.needsInput());
                }
                return deflated.toByteArray();
            } finally {
                deflater.end();
            }
        }

        /** Writer thread: header, every piece in order, then the CRC-32 and length trailer. */
        private void writeInOrder() {
            CRC32 crc = new CRC32();
            long size = 0;
            try {
                out.write(GZIP_HEADER);
                while (true) {
                    Piece piece = pieces.take();
                    if (piece == END) {
                        break;
                    }
                    if (failure == null) {
                        try {
                            out.write(piece.deflated().get());
                            crc.update(piece.chunk().bytes, 0, piece.chunk().length);
                            size += piece.chunk().length;
                        } catch (IOException | ExecutionException e) {
                            failure = e;
                        }
                    }
                    free.put(piece.chunk()); // keep recycling after a failure so the producer never blocks
                }
                if (failure == null) {
                    writeIntLittleEndian((int) crc.getValue());
                    writeIntLittleEndian((int) size);
                }
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            } catch (InterruptedException e) {
                failure = e;
                Thread.currentThread().interrupt();
            }
        }

        private void writeIntLittleEndian(int value) throws IOException {
            out.write(value);
            out.write(value >>> 8);
            out.write(value >>> 16);
            out.write(value >>> 24);
        }

        private void checkFailure() throws IOException {
            if (failure != null) {
                throw new IOException("writing failed: " + failure, failure);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                handOff(true);
                pieces.put(END);
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while finishing the file");
            }
            checkFailure();
        }

        int position() {
            return pos;
        }

        void put(byte b) {
            buf[pos++] = b;
        }

        void put(byte[] bytes) {
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        void put(byte[] bytes, int from, int length) {
            System.arraycopy(bytes, from, buf, pos, length);
            pos += length;
        }

        /** Drops what was written since position (in this row). */
        void rewind(int position) {
            pos = position;
        }

        /** Whether what was written since position (in this row) equals bytes[from, from + length). */
        boolean sameSince(int position, byte[] bytes, int from, int length) {
            return Arrays.equals(buf, position, pos, bytes, from, from + length);
        }

        /** Appends a copy of bytes already written in this row. */
        void copy(int from, int to) {
            System.arraycopy(buf, from, buf, pos, to - from);
            pos += to - from;
        }

        void capitalize(int at) {
            byte b = buf[at];
            if (b >= 'a' && b <= 'z') {
                buf[at] = (byte) (b - ('a' - 'A'));
            }
        }

        void tab() {
            buf[pos++] = '\t';
        }

        void newline() {
            buf[pos++] = '\n';
        }

        void nullValue() {
            buf[pos++] = '\\';
            buf[pos++] = 'N';
        }

        /** A non-negative number in decimal. */
        void number(long value) {
            digits(value, digitCount(value));
        }

        /** "tt" and the id zero-padded to 7 digits, more once the id needs them. */
        void tconst(long id) {
            buf[pos++] = 't';
            buf[pos++] = 't';
            digits(id, Math.max(7, digitCount(id)));
        }

        private void digits(long value, int width) {
            int end = pos + width;
            for (int i = end - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos = end;
        }

        private static int digitCount(long value) {
            int count = 1;
            while (value >= 10) {
                value /= 10;
                count++;
            }
            return count;
        }
    }
}
