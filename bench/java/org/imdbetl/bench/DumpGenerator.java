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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Writes synthetic, full-size IMDb dumps for benchmarks: the seven files of IMDb's datasets, in their
 * real layouts and with their quirks. SCALE=1 mimics the 2026 dumps (~12.7M titles; bench/GENERATED-DUMPS.md
 * has the figures). --files writes only some of them; the basics are generated anyway.
 *
 * <pre>java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java SCALE DIR [--files basics,ratings,...]</pre>
 *
 * or, from a day-N dump, the next day's (see {@link NextDay}):
 *
 * <pre>java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...</pre>
 *
 * The output depends only on SCALE: one seeded generator produces the basics and ratings on the main
 * thread, in tconst order; each other file draws from a seeded stream of its own (see {@link Dump}), so
 * the basics and ratings are the same bytes whatever else is written. Background threads only compress
 * and write. Rows are assembled as UTF-8 bytes in reusable 1 MiB chunks, without a String per row.
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
    static final String FILES_FLAG = "--files";
    /** Title ids are kept as ints when the other files are written. */
    static final long MAX_TITLES_WITH_OTHER_FILES = 600_000_000L;

    static final String EPISODE_FILE = "title.episode.tsv.gz";
    static final String CREW_FILE = "title.crew.tsv.gz";
    static final String PRINCIPALS_FILE = "title.principals.tsv.gz";
    static final String AKAS_FILE = "title.akas.tsv.gz";
    static final String NAMES_FILE = "name.basics.tsv.gz";
    static final String EPISODE_HEADER = "tconst\tparentTconst\tseasonNumber\tepisodeNumber\n";
    static final String CREW_HEADER = "tconst\tdirectors\twriters\n";
    static final String PRINCIPALS_HEADER = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n";
    static final String AKAS_HEADER =
            "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n";
    static final String NAMES_HEADER =
            "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n";
    /** --files keys, in the order of FILE_NAMES. */
    static final List<String> FILE_KEYS = List.of("basics", "ratings", "episode", "crew", "principals", "akas", "names");
    static final List<String> FILE_NAMES = List.of(BASICS_FILE, RATINGS_FILE, EPISODE_FILE, CREW_FILE,
            PRINCIPALS_FILE, AKAS_FILE, NAMES_FILE);

    private DumpGenerator() {
    }

    /** The index a roll below {@code total} falls on in cumulative weights. */
    static int pick(SplittableRandom random, int[] cumulative, int total) {
        int roll = random.nextInt(total);
        int i = 0;
        while (roll >= cumulative[i]) {
            i++;
        }
        return i;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && NEXT_DAY.equals(args[0])) {
            NextDay.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<String> positional = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>(FILE_KEYS);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FILES_FLAG)) {
                if (i + 1 >= args.length) {
                    usage(FILES_FLAG + " needs a value");
                }
                files = parseFiles(args[++i]);
            } else if (args[i].startsWith("--")) {
                usage("unknown option " + args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            usage("expected SCALE and DIR, got " + positional.size() + " arguments");
        }
        double scale;
        try {
            scale = Double.parseDouble(positional.get(0));
        } catch (NumberFormatException e) {
            usage("SCALE '" + positional.get(0) + "' is not a number");
            return;
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            usage("SCALE must be a positive number, got " + positional.get(0));
        }
        long titles = Math.round(FULL_SCALE_TITLES * scale);
        if (titles < 1 || titles > MAX_TITLES) {
            usage("SCALE " + positional.get(0) + " gives " + titles + " titles; allowed 1.." + MAX_TITLES);
        }
        boolean others = files.stream().anyMatch(file -> !file.equals("basics") && !file.equals("ratings"));
        if (others && titles > MAX_TITLES_WITH_OTHER_FILES) {
            usage("SCALE " + positional.get(0) + " gives " + titles + " titles; files other than basics and ratings"
                    + " allow at most " + MAX_TITLES_WITH_OTHER_FILES);
        }
        Path dir = Path.of(positional.get(1));
        Dump dump = new Dump(titles, scale, files);
        try (Outputs outputs = new Outputs(dir)) {
            dump.run(outputs);
        }
        System.err.println("DumpGenerator: scale " + scale + ": " + titles + " titles (" + dump.generator.movies
                + " movies), " + dump.generator.rated + " ratings; wrote " + String.join(", ", files) + " to " + dir
                + dump.summary());
    }

    /** The --files list: a comma-separated subset of FILE_KEYS. */
    static Set<String> parseFiles(String list) {
        Set<String> files = new LinkedHashSet<>();
        for (String key : list.split(",", -1)) {
            String file = key.strip();
            if (!FILE_KEYS.contains(file)) {
                usage(FILES_FLAG + ": unknown file '" + file + "'; known: " + String.join(",", FILE_KEYS));
            }
            files.add(file);
        }
        return files;
    }

    /** What writes the rows of both files. */
    interface Rows {
        void write(GzipRows basics, GzipRows ratings) throws IOException, InterruptedException;
    }

    /** Opens both files in dir, lets rows fill them, and finishes them: deflated in parallel, written in order. */
    static void write(Path dir, Rows rows) throws IOException, InterruptedException {
        try (Outputs outputs = new Outputs(dir);
                GzipRows basics = outputs.open(BASICS_FILE, true);
                GzipRows ratings = outputs.open(RATINGS_FILE, true)) {
            rows.write(basics, ratings);
        }
    }

    /** The files of one dump directory, deflated by one shared pool of threads (one per core). */
    static final class Outputs implements AutoCloseable {

        private final Path dir;
        private final ExecutorService deflaters;
        private final int chunksInFlight;

        Outputs(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir);
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            deflaters = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "deflater");
                thread.setDaemon(true);
                return thread;
            });
            chunksInFlight = 2 * threads + 2;
        }

        /** The file, or a sink that drops its rows when it is not to be written. */
        GzipRows open(String file, boolean written) throws IOException {
            return written ? new GzipRows(dir.resolve(file), deflaters, chunksInFlight) : GzipRows.discard();
        }

        @Override
        public void close() {
            deflaters.shutdown();
        }
    }

    static void usage(String problem) {
        System.err.println("DumpGenerator: " + problem);
        System.err.println("usage: java bench/java/org/imdbetl/bench/DumpGenerator.java SCALE DIR [--files LIST]"
                + "   (SCALE 1 = ~12.7M titles; LIST: comma-separated " + String.join(",", FILE_KEYS) + ", default all)");
        System.err.println("       java bench/java/org/imdbetl/bench/DumpGenerator.java next-day IN_DIR OUT_DIR [--seed S] [--day N]"
                + " [--remove-percent P] [--retype-percent P] [--rerate-percent P] [--add-percent P]"
                + " [--retitle-percent P] [--regenre-percent P] [--add-episodes-percent P] [--recredit-percent P]"
                + " [--remove-names-percent P] [--reaka-percent P]");
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
        /** Where the last writeBasics put primaryTitle and originalTitle in its chunk: [from, to). */
        int titleFrom;
        int titleTo;
        int originalFrom;
        int originalTo;

        /** Told of every basics row right after it is written, while it is still in the chunk. */
        interface TitleSink {
            void title(long id, int type, GzipRows basics) throws IOException, InterruptedException;
        }

        Generator(SplittableRandom random) {
            this.random = random;
        }

        void run(long titles, GzipRows basics, GzipRows ratings) throws IOException, InterruptedException {
            run(titles, basics, ratings, null);
        }

        void run(long titles, GzipRows basics, GzipRows ratings, TitleSink sink)
                throws IOException, InterruptedException {
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
                if (sink != null) {
                    sink.title(id, type, basics);
                }
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
            titleFrom = titleStart;
            titleTo = titleEnd;
            originalFrom = out.position();
            if (random.nextInt(100) < ORIGINAL_DIFFERS_PERCENT) {
                words(out, pick(WORD_COUNT, 100) + 1, FOREIGN_NON_ASCII_PER_1000);
            } else {
                out.copy(titleStart, titleEnd);
            }
            originalTo = out.position();
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
            return DumpGenerator.pick(random, cumulative, total);
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

    /** The titles the basics got, in tconst order: what the other files refer to. */
    static final class Titles {

        final int[] ids;
        final byte[] types;
        int count;

        Titles(long capacity) {
            ids = new int[(int) capacity];
            types = new byte[(int) capacity];
        }

        void add(long id, int type) {
            ids[count] = Math.toIntExact(id);
            types[count] = (byte) type;
            count++;
        }
    }

    /**
     * Day 1 of all seven files. The basics and ratings come from Generator's one stream exactly as
     * before; every other file draws from a SplittableRandom of its own, seeded by SEED and the file,
     * so asking for fewer files changes none of the bytes of those written.
     */
    static final class Dump {

        static final long EPISODE_STREAM = 101;
        static final long CREDITS_STREAM = 102;
        static final long AKAS_STREAM = 103;
        static final long NAMES_STREAM = 104;
        /** name.basics rows per title, as in the real dumps. */
        static final double NAMES_PER_TITLE = 14.5 / 12.7;

        final long titleCount;
        final double scale;
        final Set<String> files;
        final Generator generator = new Generator(new SplittableRandom(SEED));
        final long nameCount;
        private Titles titles;
        private Episodes episodes;
        private final long[] rows = new long[FILE_KEYS.size()];

        Dump(long titleCount, double scale, Set<String> files) {
            this.titleCount = titleCount;
            this.scale = scale;
            this.files = files;
            nameCount = Math.max(1, Math.round(titleCount * NAMES_PER_TITLE));
        }

        static SplittableRandom stream(long file) {
            return new SplittableRandom(NextDay.mix64(SEED ^ file * NextDay.GOLDEN_GAMMA));
        }

        boolean wants(String key) {
            return files.contains(key);
        }

        void run(Outputs outputs) throws IOException, InterruptedException {
            boolean credits = wants("crew") || wants("principals");
            boolean needTitles = wants("episode") || credits || wants("akas") || wants("names");
            titles = needTitles ? new Titles(titleCount) : null;
            Akas akas = new Akas(stream(AKAS_STREAM));
            try (GzipRows basics = outputs.open(BASICS_FILE, wants("basics"));
                    GzipRows ratings = outputs.open(RATINGS_FILE, wants("ratings"));
                    GzipRows akasOut = outputs.open(AKAS_FILE, wants("akas"))) {
                if (wants("akas")) {
                    akasOut.reserve();
                    akasOut.put(utf8(AKAS_HEADER));
                }
                Generator.TitleSink sink = !needTitles ? null : (id, type, out) -> {
                    titles.add(id, type);
                    if (wants("akas")) {
                        rows[5] += akas.write(akasOut, id, type, out.buffer(), generator.titleFrom, generator.titleTo,
                                generator.originalFrom, generator.originalTo);
                    }
                };
                generator.run(titleCount, basics, ratings, sink);
            }
            if (wants("episode") || credits) {
                episodes = new Episodes(titles, scale, stream(EPISODE_STREAM));
                try (GzipRows out = outputs.open(EPISODE_FILE, wants("episode"))) {
                    rows[2] = episodes.run(out);
                }
            }
            if (credits) {
                Credits writer = new Credits(stream(CREDITS_STREAM), nameCount);
                try (GzipRows crew = outputs.open(CREW_FILE, wants("crew"));
                        GzipRows principals = outputs.open(PRINCIPALS_FILE, wants("principals"))) {
                    crew.reserve();
                    crew.put(utf8(CREW_HEADER));
                    principals.reserve();
                    principals.put(utf8(PRINCIPALS_HEADER));
                    int episode = 0;
                    for (int i = 0; i < titles.count; i++) {
                        int type = titles.types[i];
                        long parent = type == Generator.TV_EPISODE ? episodes.parents[episode++] : -1;
                        writer.position = (double) i / titles.count;
                        writer.write(crew, principals, titles.ids[i], type, parent);
                    }
                    rows[3] = titles.count;
                    rows[4] = writer.principalRows;
                }
            }
            if (wants("names")) {
                try (GzipRows out = outputs.open(NAMES_FILE, true)) {
                    rows[6] = new Names(stream(NAMES_STREAM), titles).write(out, nameCount);
                }
            }
        }

        String summary() {
            StringBuilder summary = new StringBuilder();
            for (int i = 2; i < FILE_KEYS.size(); i++) {
                if (wants(FILE_KEYS.get(i))) {
                    summary.append("; ").append(rows[i]).append(' ').append(FILE_KEYS.get(i)).append(" rows");
                }
            }
            return summary.toString();
        }
    }

    /** Uniform in [0, 1) from a hash of (salt, key): the same whenever it is asked. */
    static double hashDraw(long salt, long key) {
        return (NextDay.mix64(salt + key * NextDay.GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    }

    /**
     * title.episode: every tvEpisode gets a parent series, picked with a weight per series so that most
     * series have a few episodes and a few daily shows have thousands; episodes are numbered in tconst
     * order, so episode numbers ascend within a season.
     */
    static final class Episodes {

        /** One long-running daily show per this many series, at least one at any scale. */
        static final int SERIES_PER_LONG = 5_000;
        static final int LONG_MIN = 5_000;
        static final int LONG_MAX = 15_000;
        /** Small scales still get a long series (a test sees one of at least 300 episodes). */
        static final int SMALL_LONG_MIN = 400;
        static final int SMALL_LONG_MAX = 1_200;
        static final double WEIGHT_SIGMA = 1.6;
        static final double MINI_SERIES_WEIGHT = 0.25;
        /** Parents not in the basics, as in the real dumps. */
        static final int MISSING_PARENT_PER_100K = 100;
        static final int EPISODES_PER_MISSING_PARENT = 4;
        // Numbering styles: numbered seasons, all \N, or \N now and then.
        static final byte NUMBERED = 0;
        static final byte UNNUMBERED = 1;
        static final byte PARTLY_NUMBERED = 2;
        static final int LONG_UNNUMBERED_PERCENT = 40;
        static final int[] STYLE_PERCENT = cumulative(66, 15, 19);
        static final int PARTLY_NULL_PERCENT = 35;
        static final int SEASON_ONLY_PERCENT = 15;
        static final int MIN_SEASON = 4;
        static final int MAX_SEASON = 26;
        static final int LONG_MIN_SEASON = 150;
        static final int LONG_MAX_SEASON = 260;
        /** Episodes come in runs of consecutive tconsts of one series, as IMDb adds a season at once. */
        static final double RUN_MEAN = 8;
        static final double RUN_DIVISOR = 3;

        private final Titles titles;
        private final double scale;
        private final SplittableRandom random;
        /** The parent tconst of each tvEpisode, in tconst order. */
        int[] parents;
        int longest;

        Episodes(Titles titles, double scale, SplittableRandom random) {
            this.titles = titles;
            this.scale = scale;
            this.random = random;
        }

        long run(GzipRows out) throws IOException, InterruptedException {
            out.reserve();
            out.put(utf8(EPISODE_HEADER));
            int episodeCount = 0;
            int seriesCount = 0;
            for (int i = 0; i < titles.count; i++) {
                int type = titles.types[i];
                if (type == Generator.TV_EPISODE) {
                    episodeCount++;
                } else if (type == Generator.TV_SERIES || type == Generator.TV_MINI_SERIES) {
                    seriesCount++;
                }
            }
            parents = new int[episodeCount];
            int[] series = new int[seriesCount];
            for (int i = 0, s = 0; i < titles.count; i++) {
                int type = titles.types[i];
                if (type == Generator.TV_SERIES || type == Generator.TV_MINI_SERIES) {
                    series[s++] = i;
                }
            }
            double[] cumulative = new double[seriesCount];
            byte[] style = new byte[seriesCount];
            short[] seasonLength = new short[seriesCount];
            int[] season = new int[seriesCount];
            int[] episode = new int[seriesCount];
            int[] counts = new int[seriesCount];
            boolean[] isLong = new boolean[seriesCount];
            int longCount = seriesCount == 0 ? 0 : Math.max(1, Math.round((float) seriesCount / SERIES_PER_LONG));
            for (int n = 0, attempts = 0; n < longCount && attempts < 100 * longCount; attempts++) {
                int s = random.nextInt(seriesCount);
                if (!isLong[s] && (titles.types[series[s]] == Generator.TV_SERIES || attempts > 50 * longCount)) {
                    isLong[s] = true;
                    n++;
                }
            }
            double longSum = 0;
            double normalSum = 0;
            for (int s = 0; s < seriesCount; s++) {
                if (isLong[s]) {
                    double target = Math.max((LONG_MIN + random.nextDouble() * (LONG_MAX - LONG_MIN)) * scale,
                            SMALL_LONG_MIN + random.nextDouble() * (SMALL_LONG_MAX - SMALL_LONG_MIN));
                    cumulative[s] = target;
                    longSum += target;
                    style[s] = random.nextInt(100) < LONG_UNNUMBERED_PERCENT ? UNNUMBERED : NUMBERED;
                    seasonLength[s] = (short) (LONG_MIN_SEASON + random.nextInt(LONG_MAX_SEASON - LONG_MIN_SEASON + 1));
                } else {
                    double weight = Math.exp(WEIGHT_SIGMA * random.nextGaussian());
                    if (titles.types[series[s]] == Generator.TV_MINI_SERIES) {
                        weight *= MINI_SERIES_WEIGHT;
                    }
                    cumulative[s] = weight;
                    normalSum += weight;
                    style[s] = (byte) pick(STYLE_PERCENT, 100);
                    seasonLength[s] = (short) (MIN_SEASON + random.nextInt(MAX_SEASON - MIN_SEASON + 1));
                }
            }
            // Normal series share what the long ones leave, so the long ones keep their size at any scale.
            double normalTarget = Math.max(episodeCount - longSum, 0.3 * episodeCount);
            double factor = normalSum > 0 ? normalTarget / normalSum : 0;
            // A series expecting few episodes gets them one or two at a time; picks are weighted by the
            // expected episodes over the run length, so the counts follow the expectations.
            double total = 0;
            float[] runMean = new float[seriesCount];
            for (int s = 0; s < seriesCount; s++) {
                double expected = isLong[s] ? cumulative[s] : cumulative[s] * factor;
                runMean[s] = (float) Math.max(1, Math.min(RUN_MEAN, expected / RUN_DIVISOR));
                total += expected / runMean[s];
                cumulative[s] = total;
            }
            int[] missing = missingParents(Math.max(1,
                    (int) ((long) episodeCount * MISSING_PARENT_PER_100K / 100_000 / EPISODES_PER_MISSING_PARENT)));
            int[] missingEpisodes = new int[missing.length];
            int e = 0;
            int run = 0;
            int runSeries = 0;
            for (int i = 0; i < titles.count; i++) {
                if (titles.types[i] != Generator.TV_EPISODE) {
                    continue;
                }
                out.reserve();
                out.tconst(titles.ids[i]);
                out.tab();
                if (seriesCount == 0 || random.nextInt(100_000) < MISSING_PARENT_PER_100K) {
                    int m = random.nextInt(missing.length);
                    parents[e++] = missing[m];
                    out.tconst(missing[m]);
                    out.tab();
                    out.number(1);
                    out.tab();
                    out.number(++missingEpisodes[m]);
                    out.newline();
                    continue;
                }
                if (run == 0) {
                    runSeries = search(cumulative, random.nextDouble() * total);
                    run = geometric(runMean[runSeries]);
                }
                run--;
                int s = runSeries;
                parents[e++] = titles.ids[series[s]];
                counts[s]++;
                out.tconst(titles.ids[series[s]]);
                out.tab();
                boolean unnumbered = style[s] == UNNUMBERED
                        || style[s] == PARTLY_NUMBERED && random.nextInt(100) < PARTLY_NULL_PERCENT;
                if (unnumbered) {
                    if (random.nextInt(100) < SEASON_ONLY_PERCENT) {
                        out.number(Math.max(1, season[s]));
                        out.tab();
                    } else {
                        out.nullValue();
                        out.tab();
                    }
                    out.nullValue();
                } else {
                    if (season[s] == 0 || ++episode[s] > seasonLength[s]) {
                        season[s]++;
                        episode[s] = 1;
                    }
                    out.number(season[s]);
                    out.tab();
                    out.number(episode[s]);
                }
                out.newline();
            }
            for (int count : counts) {
                longest = Math.max(longest, count);
            }
            return episodeCount;
        }

        /** 1, 2, 3, ... with the given mean (at least 1). */
        private int geometric(double mean) {
            double u = random.nextDouble();
            return mean <= 1 ? 1 : 1 + (int) (Math.log(1.0 - u) / Math.log(1.0 - 1.0 / mean));
        }

        /** tconsts in the gaps between the basics' ids: parents that the basics do not have. */
        private int[] missingParents(int count) {
            int[] missing = new int[count];
            for (int m = 0; m < count; m++) {
                int i = titles.count == 0 ? 0 : random.nextInt(titles.count);
                while (i + 1 < titles.count && titles.ids[i + 1] == titles.ids[i] + 1) {
                    i++;
                }
                missing[m] = titles.count == 0 ? 1 : titles.ids[i] + 1;
            }
            return missing;
        }

        private int pick(int[] cumulative, int total) {
            return DumpGenerator.pick(random, cumulative, total);
        }

        /** The first index whose cumulative weight is above x. */
        static int search(double[] cumulative, double x) {
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] > x) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }
    }

    /**
     * title.crew and title.principals, one title at a time: the crew's first directors and writers are
     * also its principals. People are picked from a heavy head (a few with thousands of credits) and a
     * uniform rest; an episode mostly reuses its series' cast and crew, derived from a hash of the
     * parent tconst, so the same series has the same people on any day.
     */
    static final class Credits {

        static final byte[][] CATEGORIES = utf8("actor", "actress", "self", "director", "writer", "producer",
                "composer", "cinematographer", "editor", "production_designer", "casting_director",
                "archive_footage", "archive_sound");
        static final int ACTOR = 0;
        static final int ACTRESS = 1;
        static final int SELF = 2;
        static final int DIRECTOR = 3;
        static final int WRITER = 4;
        static final int PRODUCER = 5;
        static final int COMPOSER = 6;
        static final int CINEMATOGRAPHER = 7;
        static final int EDITOR = 8;
        static final int PRODUCTION_DESIGNER = 9;
        static final int CASTING_DIRECTOR = 10;
        static final int ARCHIVE_FOOTAGE = 11;
        static final int ARCHIVE_SOUND = 12;

        static final int HEAD_PERCENT = 30;
        static final int ERA_PERCENT = 45;
        static final double ERA_WIDTH = 0.04;
        static final int MAX_ATTEMPTS = 8;
        static final long SELF_SERIES_SALT = 0x53454C46L;
        static final int MAX_CREDITS = 24;
        // Crew list sizes by kind of title (0 = \N): films and the like, episodes, series, video games.
        static final int FILM = 0;
        static final int EPISODE = 1;
        static final int SERIES = 2;
        static final int GAME = 3;
        static final int[][] DIRECTOR_COUNT = {cumulative(6, 85, 7, 1, 1), cumulative(45, 50, 5),
                cumulative(65, 25, 7, 3), cumulative(85, 13, 2)};
        static final int[][] WRITER_COUNT = {cumulative(30, 35, 20, 8, 4, 2, 1), cumulative(55, 25, 12, 5, 3),
                cumulative(40, 30, 18, 8, 4), cumulative(85, 10, 5)};
        static final int POOL_PERCENT = 85;
        static final int CAST_POOL_PERCENT = 80;
        // Principals per title: at least MIN, then a uniform spread; films more, episodes fewer.
        static final int[] PRINCIPALS_MIN = {4, 3, 3, 1};
        static final int[] PRINCIPALS_SPREAD = {10, 10, 10, 7};
        static final int FILM_FULL_PERCENT = 35;
        static final int FULL_CAST = 10;
        static final int NO_PRINCIPALS_PERCENT = 4;
        static final int[] SELF_TITLE_PERCENT = {8, 22, 25, 2};
        static final int ARCHIVE_FOOTAGE_PER_1000 = 15;
        static final int ARCHIVE_SOUND_PER_1000 = 3;

        static final byte[][] PRODUCER_JOBS = utf8("producer", "executive producer", "co-producer",
                "associate producer", "line producer");
        static final int[] PRODUCER_JOB_WEIGHT = cumulative(45, 30, 10, 8, 4);
        static final byte[][] WRITER_JOBS = utf8("screenplay", "story", "novel", "written by", "created by",
                "teleplay", "characters", "play");
        static final int WRITER_JOB_PERCENT = 40;
        static final byte[] CO_DIRECTOR = utf8("co-director");
        static final byte[] DIRECTOR_OF_PHOTOGRAPHY = utf8("director of photography");

        static final byte[][] ROLES = utf8("Narrator", "Doctor", "Nurse", "Police Officer", "Waiter", "Mother",
                "Father", "Detective", "Reporter", "Bartender", "Guard", "Soldier", "Student", "Teacher",
                "Young Woman", "Old Man", "Girl", "Boy", "Hamlet", "Ophelia", "Dracula", "Sherlock Holmes",
                "Dr. Watson", "Santa Claus", "Various Characters", "Additional Voices", "Receptionist", "Driver",
                "Priest", "The Stranger", "Lawyer", "Judge", "Bride", "Groom", "Dancer", "Singer", "Cop #2",
                "Man in Bar", "Woman at Party", "Host");
        static final byte[][] FIRST_NAMES = utf8("John", "Mary", "James", "Anna", "Robert", "Linda", "Michael",
                "Sarah", "David", "Laura", "William", "Emma", "Richard", "Olivia", "Thomas", "Sophie", "Daniel",
                "Julia", "Paul", "Maria", "Mark", "Claire", "Peter", "Kate", "George", "Helen", "Jack", "Alice",
                "Frank", "Rose", "Henry", "Grace", "Pierre", "Marie", "Hans", "Greta", "Carlos", "Lucia", "Raj",
                "Priya", "Hiroshi", "Yuki", "Ivan", "Olga", "Ahmed", "Fatima", "Chen", "Mei", "Kim", "Lars");
        static final byte[][] NON_ASCII_FIRST_NAMES = utf8("José", "François", "Zoë", "Björn", "Łukasz", "Jiří",
                "Søren", "Renée", "Ángel", "Müller", "Çağla", "Ólafur", "健太", "さくら", "Юрий", "Наталья",
                "민준", "Δημήτρης", "Ximénez", "Noémie");
        static final byte[][] LAST_NAMES = utf8("Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson",
                "Moore", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia",
                "Martinez", "Robinson", "Clark", "Lewis", "Lee", "Walker", "Hall", "Allen", "Young", "King",
                "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
                "Carter", "Phillips", "Evans", "Turner", "Dubois", "Schmidt", "Rossi", "Fernández", "Kumar",
                "Sato", "Tanaka", "Ivanov", "Novak", "Kowalski", "Jensen", "O'Brien", "Murphy", "Kelly");
        static final byte[] NICKNAME_OPEN = utf8(" \\\"");
        static final byte[] NICKNAME_CLOSE = utf8("\\\"");
        static final byte[][] NICKNAMES = utf8("The Knife", "Lucky", "Doc", "Red", "Ace", "Kid", "Tiny", "Boss");
        static final byte[][] SELF_CHARACTERS = utf8("[\"Self\"]", "[\"Self - Host\"]", "[\"Self\",\"Host\"]",
                "[\"Himself\"]", "[\"Herself\"]", "[\"Self - Guest\"]", "[\"Self - Contestant\"]",
                "[\"Self - Presenter\"]", "[\"Self - Panelist\"]");
        static final int[] SELF_CHARACTER_WEIGHT = cumulative(55, 12, 5, 8, 6, 6, 5, 2, 1);
        static final byte[] SELF_ARCHIVE = utf8("[\"Self\"]");
        static final byte[] OPEN_CHARACTER = utf8("[\"");
        static final byte[] CLOSE_CHARACTER = utf8("\"]");
        static final int NO_CHARACTER_PERCENT = 6;
        static final int TWO_CHARACTERS_PERCENT = 5;
        static final int ROLE_PERCENT = 35;
        static final int NON_ASCII_NAME_PERCENT = 3;
        static final int NICKNAME_PER_1000 = 5;
        static final int VOICE_PERCENT = 3;
        static final int UNCREDITED_PERCENT = 3;
        static final byte[] VOICE = utf8(" (voice)");
        static final byte[] UNCREDITED = utf8(" (uncredited)");
        /** Unterminated arrays, a quirk of the real dumps. */
        static final int MALFORMED_PER_100K = 5;

        final SplittableRandom random;
        private final long nameCount;
        /** People not to credit (next day: the removed names); null for none. */
        java.util.function.LongPredicate excluded;
        private final long[] directors = new long[8];
        private final long[] writers = new long[8];
        private final long[] people = new long[MAX_CREDITS];
        private final int[] categories = new int[MAX_CREDITS];
        private final int[] regular = new int[MAX_CREDITS];
        private int directorCount;
        private int writerCount;
        long principalRows;
        /** Where the title stands in the basics, 0 to 1: its era. */
        double position = 1;

        Credits(SplittableRandom random, long nameCount) {
            this.random = random;
            this.nameCount = Math.max(1, nameCount);
        }

        static int kind(int type) {
            return switch (type) {
                case Generator.TV_EPISODE -> EPISODE;
                case Generator.TV_SERIES, Generator.TV_MINI_SERIES -> SERIES;
                case 8 -> GAME; // videoGame
                default -> FILM;
            };
        }

        /** Both rows of a title; parent is the series of an episode, -1 for other titles. */
        void write(GzipRows crew, GzipRows principals, long id, int type, long parent)
                throws IOException, InterruptedException {
            int kind = kind(type);
            directorCount = crewList(directors, DIRECTOR_COUNT[kind], parent, DIRECTOR);
            writerCount = crewList(writers, WRITER_COUNT[kind], parent, WRITER);
            crew.reserve();
            crew.tconst(id);
            crew.tab();
            nconsts(crew, directors, directorCount);
            crew.tab();
            nconsts(crew, writers, writerCount);
            crew.newline();
            writePrincipals(principals, id, kind, parent);
        }

        private int crewList(long[] list, int[] countWeights, long parent, int role) {
            int count = pick(countWeights);
            for (int i = 0; i < count; i++) {
                long person;
                int attempts = 0;
                do {
                    // Retries leave the pool: a small pool may be all duplicates or excluded people.
                    person = parent >= 0 && attempts < 2 && random.nextInt(100) < POOL_PERCENT
                            ? poolMember(parent, role, random.nextInt(poolSize(parent, role)))
                            : pickName();
                } while ((contains(list, i, person) || isExcluded(person)) && ++attempts < MAX_ATTEMPTS);
                list[i] = person;
            }
            return count;
        }

        /** A person of a series' regular cast or crew. */
        long poolMember(long series, int role, int index) {
            return 1 + Long.remainderUnsigned(NextDay.mix64(SEED + series * NextDay.GOLDEN_GAMMA
                    + role * 0x632BE59BD9B4E019L + index), nameCount);
        }

        static int poolSize(long series, int role) {
            int hash = (int) (NextDay.mix64(series * 31 + role) >>> 40);
            return role == ACTOR ? 3 + hash % 6 : 1 + hash % 3;
        }

        /**
         * A heavy head of prolific people; else mostly someone of the title's era (nconsts grow with
         * time, like tconsts), else anyone.
         */
        long pickName() {
            double u = random.nextDouble();
            int roll = random.nextInt(100);
            if (roll < HEAD_PERCENT) {
                return 1 + (long) (nameCount * u * u);
            }
            if (roll < HEAD_PERCENT + ERA_PERCENT) {
                // The window moves inside the range rather than piling the ends onto its first and last ids.
                double from = Math.max(0, Math.min(1 - ERA_WIDTH, position - ERA_WIDTH / 2));
                return 1 + Math.min(nameCount - 1, (long) (nameCount * (from + u * ERA_WIDTH)));
            }
            return 1 + (long) (nameCount * u);
        }

        private void writePrincipals(GzipRows out, long id, int kind, long parent)
                throws IOException, InterruptedException {
            if (random.nextInt(100) < NO_PRINCIPALS_PERCENT) {
                return;
            }
            int n = kind == FILM && random.nextInt(100) < FILM_FULL_PERCENT
                    ? FULL_CAST + random.nextInt(3) * random.nextInt(3)
                    : PRINCIPALS_MIN[kind] + random.nextInt(PRINCIPALS_SPREAD[kind]);
            int crewCount = 0;
            for (int i = 0; i < Math.min(2, directorCount); i++) {
                categories[crewCount] = DIRECTOR;
                people[crewCount++] = directors[i];
            }
            for (int i = 0; i < Math.min(2, writerCount); i++) {
                if (!contains(people, crewCount, writers[i])) {
                    categories[crewCount] = WRITER;
                    people[crewCount++] = writers[i];
                }
            }
            crewCount = extra(crewCount, PRODUCER, random.nextInt(3));
            crewCount = extra(crewCount, COMPOSER, random.nextInt(100) < 45 ? 1 : 0);
            crewCount = extra(crewCount, CINEMATOGRAPHER, random.nextInt(100) < 35 ? 1 : 0);
            crewCount = extra(crewCount, EDITOR, random.nextInt(100) < 35 ? 1 : 0);
            crewCount = extra(crewCount, CASTING_DIRECTOR, random.nextInt(100) < 5 ? 1 : 0);
            crewCount = extra(crewCount, PRODUCTION_DESIGNER, random.nextInt(100) < 5 ? 1 : 0);
            int castCount = n - Math.min(crewCount, n / 2);
            boolean selfTitle = parent >= 0 ? selfSeries(parent) : random.nextInt(100) < SELF_TITLE_PERCENT[kind];
            // Cast first, then the crew, as the real dumps mostly order them.
            System.arraycopy(people, 0, people, castCount, Math.min(crewCount, n - castCount));
            System.arraycopy(categories, 0, categories, castCount, Math.min(crewCount, n - castCount));
            // An episode's regulars come first, in the series' order, each always in the same part.
            int regulars = parent >= 0 ? Math.min(castCount, poolSize(parent, ACTOR)) : 0;
            int c = 0;
            for (int r = 0; r < regulars; r++) {
                long person = poolMember(parent, ACTOR, r);
                if (random.nextInt(100) < CAST_POOL_PERCENT && !isExcluded(person)
                        && !contains(people, castCount, n, person)) {
                    people[c] = person;
                    regular[c] = r;
                    categories[c++] = selfTitle ? SELF : (NextDay.mix64(person) & 1) == 0 ? ACTOR : ACTRESS;
                }
            }
            for (; c < castCount; c++) {
                long person;
                int attempts = 0;
                do {
                    person = pickName();
                } while ((contains(people, c, person) || contains(people, castCount, n, person) || isExcluded(person))
                        && ++attempts < MAX_ATTEMPTS);
                people[c] = person;
                regular[c] = -1;
                int roll = random.nextInt(1_000);
                categories[c] = roll < ARCHIVE_SOUND_PER_1000 ? ARCHIVE_SOUND
                        : roll < ARCHIVE_SOUND_PER_1000 + ARCHIVE_FOOTAGE_PER_1000 ? ARCHIVE_FOOTAGE
                        : selfTitle ? SELF : random.nextBoolean() ? ACTOR : ACTRESS;
            }
            for (int i = 0; i < n; i++) {
                if (i < castCount && regular[i] >= 0) {
                    regularRow(out, id, i + 1, people[i], categories[i], parent, regular[i]);
                } else {
                    principalRow(out, id, i + 1, people[i], categories[i]);
                }
            }
        }

        /** Talk shows, game shows and the like: their episodes' cast appear as themselves. */
        static boolean selfSeries(long series) {
            return hashDraw(SELF_SERIES_SALT, series) * 100 < SELF_TITLE_PERCENT[EPISODE];
        }

        /** A series regular's row: the same character in every episode. */
        private void regularRow(GzipRows out, long id, int ordering, long person, int category, long series, int index)
                throws IOException, InterruptedException {
            out.reserve();
            principalRows++;
            out.tconst(id);
            out.tab();
            out.number(ordering);
            out.tab();
            out.nconst(person);
            out.tab();
            out.put(CATEGORIES[category]);
            out.tab();
            out.nullValue();
            out.tab();
            long hash = NextDay.mix64(series * NextDay.GOLDEN_GAMMA + index);
            int pick = (int) ((hash >>> 8) & 0xFFFF);
            if (category == SELF) {
                out.put(SELF_CHARACTERS[pick % 3]);
            } else if ((hash & 0xFF) < 256 * ROLE_PERCENT / 100) {
                out.put(OPEN_CHARACTER);
                out.put(ROLES[pick % ROLES.length]);
                out.put(CLOSE_CHARACTER);
            } else {
                out.put(OPEN_CHARACTER);
                out.put(FIRST_NAMES[pick % FIRST_NAMES.length]);
                out.put((byte) ' ');
                out.put(LAST_NAMES[(int) ((hash >>> 24) & 0xFFFF) % LAST_NAMES.length]);
                out.put(CLOSE_CHARACTER);
            }
            out.newline();
        }

        private int extra(int count, int category, int how) {
            for (int i = 0; i < how && count < MAX_CREDITS; i++) {
                long person = pickName();
                for (int attempt = 1; isExcluded(person) && attempt < MAX_ATTEMPTS; attempt++) {
                    person = pickName();
                }
                categories[count] = category;
                people[count++] = person;
            }
            return count;
        }

        private boolean isExcluded(long person) {
            return excluded != null && excluded.test(person);
        }

        void principalRow(GzipRows out, long id, int ordering, long person, int category)
                throws IOException, InterruptedException {
            out.reserve();
            principalRows++;
            out.tconst(id);
            out.tab();
            out.number(ordering);
            out.tab();
            out.nconst(person);
            out.tab();
            out.put(CATEGORIES[category]);
            out.tab();
            job(out, category);
            out.tab();
            characters(out, category);
            out.newline();
        }

        private void job(GzipRows out, int category) {
            switch (category) {
                case PRODUCER -> {
                    if (random.nextInt(10) == 0) {
                        out.nullValue();
                    } else {
                        out.put(PRODUCER_JOBS[pick(PRODUCER_JOB_WEIGHT)]);
                    }
                }
                case WRITER -> {
                    if (random.nextInt(100) < WRITER_JOB_PERCENT) {
                        out.put(WRITER_JOBS[random.nextInt(WRITER_JOBS.length)]);
                    } else {
                        out.nullValue();
                    }
                }
                case DIRECTOR -> {
                    if (random.nextInt(100) < 3) {
                        out.put(CO_DIRECTOR);
                    } else {
                        out.nullValue();
                    }
                }
                case CINEMATOGRAPHER -> {
                    if (random.nextInt(100) < 20) {
                        out.put(DIRECTOR_OF_PHOTOGRAPHY);
                    } else {
                        out.nullValue();
                    }
                }
                default -> out.nullValue();
            }
        }

        /** A JSON array of strings as text for the cast, \N for the crew. */
        void characters(GzipRows out, int category) {
            if (category == ARCHIVE_SOUND || category > SELF && category != ARCHIVE_FOOTAGE) {
                out.nullValue();
                return;
            }
            if (random.nextInt(100) < NO_CHARACTER_PERCENT) {
                out.nullValue();
                return;
            }
            int start = out.position();
            if (category == ARCHIVE_FOOTAGE) {
                out.put(SELF_ARCHIVE);
            } else if (category == SELF) {
                out.put(SELF_CHARACTERS[pick(SELF_CHARACTER_WEIGHT)]);
            } else {
                out.put((byte) '[');
                int count = random.nextInt(100) < TWO_CHARACTERS_PERCENT ? 2 : 1;
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.put((byte) ',');
                    }
                    out.put((byte) '"');
                    character(out);
                    out.put((byte) '"');
                }
                out.put((byte) ']');
            }
            if (random.nextInt(100_000) < MALFORMED_PER_100K) {
                out.rewind(Math.max(start + 2, out.position() - 2)); // drop the closing quote and bracket
            }
        }

        private void character(GzipRows out) {
            if (random.nextInt(100) < ROLE_PERCENT) {
                out.put(ROLES[random.nextInt(ROLES.length)]);
            } else {
                firstName(out);
                if (random.nextInt(1_000) < NICKNAME_PER_1000) {
                    out.put(NICKNAME_OPEN);
                    out.put(NICKNAMES[random.nextInt(NICKNAMES.length)]);
                    out.put(NICKNAME_CLOSE);
                }
                out.put((byte) ' ');
                out.put(LAST_NAMES[random.nextInt(LAST_NAMES.length)]);
            }
            int roll = random.nextInt(100);
            if (roll < VOICE_PERCENT) {
                out.put(VOICE);
            } else if (roll < VOICE_PERCENT + UNCREDITED_PERCENT) {
                out.put(UNCREDITED);
            }
        }

        void firstName(GzipRows out) {
            if (random.nextInt(100) < NON_ASCII_NAME_PERCENT) {
                out.put(NON_ASCII_FIRST_NAMES[random.nextInt(NON_ASCII_FIRST_NAMES.length)]);
            } else {
                out.put(FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]);
            }
        }

        private static void nconsts(GzipRows out, long[] list, int count) {
            if (count == 0) {
                out.nullValue();
                return;
            }
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                out.nconst(list[i]);
            }
        }

        private int pick(int[] cumulative) {
            return DumpGenerator.pick(random, cumulative, cumulative[cumulative.length - 1]);
        }

        static boolean contains(long[] values, int count, long value) {
            return contains(values, 0, count, value);
        }

        static boolean contains(long[] values, int from, int to, long value) {
            for (int i = from; i < to; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * title.akas: for a title with akas, one original row (the basics' originalTitle, isOriginalTitle 1)
     * among regional rows that copy the primaryTitle or give a translated one.
     */
    static final class Akas {

        static final byte[][] REGIONS = utf8("US", "GB", "FR", "DE", "JP", "IN", "IT", "ES", "CA", "AU", "BR",
                "MX", "RU", "SE", "NL", "PL", "TR", "GR", "FI", "DK", "NO", "PT", "AR", "HU", "KR", "CN", "TW",
                "HK", "XWW", "UA", "RS", "CZ", "BG", "RO", "IL", "EG");
        static final byte[][] REGION_LANGUAGES = utf8("en", "en", "fr", "de", "ja", "hi", "it", "es", "fr", "en",
                "pt", "es", "ru", "sv", "nl", "pl", "tr", "el", "fi", "da", "no", "pt", "es", "hu", "ko", "cmn",
                "cmn", "yue", "en", "uk", "sr", "cs", "bg", "ro", "he", "ar");
        static final int[] REGION_WEIGHT = cumulative(12, 6, 6, 6, 5, 5, 5, 5, 4, 3, 4, 3, 3, 3, 2, 3, 2, 2, 2, 2,
                2, 3, 2, 2, 2, 2, 1, 1, 4, 2, 1, 1, 1, 1, 1, 1);
        static final byte[][] TYPES = utf8("\\N", "imdbDisplay", "alternative", "working", "dvd", "festival",
                "tv", "video");
        static final int[] TYPE_WEIGHT = cumulative(50, 35, 5, 3, 2, 2, 2, 1);
        static final byte[][] ATTRIBUTES = utf8("literal English title", "alternative spelling", "new title",
                "short title", "complete title", "informal title", "reissue title", "DVD box title",
                "8mm release title", "literal title");
        static final byte[] ORIGINAL_TAIL = utf8("\t\\N\t\\N\toriginal\t\\N\t1\n");
        static final int LANGUAGE_PERCENT = 15;
        static final int ATTRIBUTE_PERCENT = 3;
        static final int COPY_PRIMARY_PERCENT = 70;
        static final int COPY_ORIGINAL_PERCENT = 10;
        static final int UNBALANCED_QUOTE_PER_10K = 20;
        static final int TRANSLATED_NON_ASCII_PER_1000 = 250;
        // Titles with akas, and their regional rows: 1 + exponential(mean), by kind of title.
        static final int[] WITH_AKAS_PERCENT = {97, 70, 85, 70};
        static final double[] REGIONAL_MEAN = {14, 3.3, 4.5, 2.0};
        static final int[] MAX_REGIONAL = {80, 20, 40, 20};

        final SplittableRandom random;
        private final Generator words;

        Akas(SplittableRandom random) {
            this.random = random;
            words = new Generator(random);
        }

        static int kind(int type) {
            return switch (type) {
                case Generator.MOVIE, 5 -> 0; // movie, tvMovie
                case Generator.TV_EPISODE -> 1;
                case Generator.TV_SERIES, Generator.TV_MINI_SERIES -> 2;
                default -> 3;
            };
        }

        /** The aka rows of one title, its titles taken from b; returns how many. */
        int write(GzipRows out, long id, int type, byte[] b, int titleFrom, int titleTo, int originalFrom,
                int originalTo) throws IOException, InterruptedException {
            int kind = kind(type);
            if (random.nextInt(100) >= WITH_AKAS_PERCENT[kind]) {
                return 0;
            }
            int regional = 1 + Math.min(MAX_REGIONAL[kind], (int) (-Math.log(1.0 - random.nextDouble()) * REGIONAL_MEAN[kind]));
            int original = random.nextInt(regional + 1);
            for (int i = 0; i <= regional; i++) {
                out.reserve();
                out.tconst(id);
                out.tab();
                out.number(i + 1);
                out.tab();
                if (i == original) {
                    out.put(b, originalFrom, originalTo - originalFrom);
                    out.put(ORIGINAL_TAIL);
                } else {
                    regionalRow(out, b, titleFrom, titleTo, originalFrom, originalTo);
                }
            }
            return regional + 1;
        }

        /** title .. isOriginalTitle of a regional row. */
        void regionalRow(GzipRows out, byte[] b, int titleFrom, int titleTo, int originalFrom, int originalTo) {
            int roll = random.nextInt(100);
            if (roll < COPY_PRIMARY_PERCENT) {
                out.put(b, titleFrom, titleTo - titleFrom);
            } else if (roll < COPY_PRIMARY_PERCENT + COPY_ORIGINAL_PERCENT) {
                out.put(b, originalFrom, originalTo - originalFrom);
            } else {
                translated(out);
            }
            out.tab();
            int region = pick(REGION_WEIGHT);
            out.put(REGIONS[region]);
            out.tab();
            if (random.nextInt(100) < LANGUAGE_PERCENT) {
                out.put(REGION_LANGUAGES[region]);
            } else {
                out.nullValue();
            }
            out.tab();
            out.put(TYPES[pick(TYPE_WEIGHT)]);
            out.tab();
            if (random.nextInt(100) < ATTRIBUTE_PERCENT) {
                out.put(ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]);
            } else {
                out.nullValue();
            }
            out.tab();
            out.put((byte) '0');
            out.newline();
        }

        /** A made-up title in another language; now and then with an unbalanced quote. */
        void translated(GzipRows out) {
            if (random.nextInt(10_000) < UNBALANCED_QUOTE_PER_10K) {
                out.put((byte) '"');
            }
            words.words(out, 1 + random.nextInt(4), TRANSLATED_NON_ASCII_PER_1000);
        }

        private int pick(int[] cumulative) {
            return DumpGenerator.pick(random, cumulative, cumulative[cumulative.length - 1]);
        }
    }

    /**
     * name.basics: nm0000001 on, a few ids left out (credits still name them, as in the real dumps);
     * knownForTitles are titles of the basics.
     */
    static final class Names {

        static final byte[][] PROFESSIONS = utf8("actor", "actress", "miscellaneous", "producer", "writer",
                "director", "camera_department", "editor", "composer", "cinematographer", "sound_department",
                "art_department", "self", "stunts", "visual_effects", "make_up_department", "music_department",
                "casting_director", "production_designer", "animation_department", "assistant_director",
                "costume_designer", "editorial_department", "production_manager", "script_department",
                "special_effects", "archive_footage", "talent_agent", "executive", "publicist");
        static final int[] PROFESSION_WEIGHT = cumulative(22, 16, 8, 8, 6, 5, 4, 3, 3, 3, 4, 3, 5, 2, 2, 2, 2, 1,
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        static final int[] PROFESSION_COUNT = cumulative(8, 60, 22, 10);
        static final int[] KNOWN_FOR_COUNT = cumulative(12, 25, 20, 13, 30);
        static final int KNOWN_FOR_EPISODE_RETRIES = 2;
        static final double KNOWN_FOR_SPREAD = 0.002;
        static final int BIRTH_YEAR_PERCENT = 18;
        static final int DEATH_IF_OLD_PERCENT = 70;
        static final int DEATH_WITHOUT_BIRTH_PER_1000 = 15;
        static final int OLD_BIRTH = 1945;
        static final int MIDDLE_INITIAL_PERCENT = 6;
        static final byte[] INITIAL_DOT = utf8(". ");
        static final int MADE_UP_SURNAME_PERCENT = 15;
        /** Share of names left out of the file; ids up to KEEP_ALL are always there. */
        static final double HOLE_SHARE = 0.002;
        static final long KEEP_ALL = 1_000;
        static final long HOLE_SALT = 0x4E4D484F4C45L;

        private final SplittableRandom random;
        private final Titles titles;
        private final Generator syllables;
        private final Credits people;
        private final int[] professions = new int[3];

        Names(SplittableRandom random, Titles titles) {
            this.random = random;
            this.titles = titles;
            syllables = new Generator(random);
            people = new Credits(random, 1);
        }

        static boolean hole(long nconst) {
            return nconst > KEEP_ALL && hashDraw(HOLE_SALT, nconst) < HOLE_SHARE;
        }

        long write(GzipRows out, long count) throws IOException, InterruptedException {
            out.reserve();
            out.put(utf8(NAMES_HEADER));
            long rows = 0;
            for (long k = 1; k <= count; k++) {
                if (hole(k)) {
                    continue;
                }
                rows++;
                out.reserve();
                out.nconst(k);
                out.tab();
                people.firstName(out);
                out.put((byte) ' ');
                if (random.nextInt(100) < MIDDLE_INITIAL_PERCENT) {
                    out.put((byte) ('A' + random.nextInt(26)));
                    out.put(INITIAL_DOT);
                }
                if (random.nextInt(100) < MADE_UP_SURNAME_PERCENT) {
                    syllables.name(out);
                } else {
                    out.put(Credits.LAST_NAMES[random.nextInt(Credits.LAST_NAMES.length)]);
                }
                out.tab();
                int birth = -1;
                if (random.nextInt(100) < BIRTH_YEAR_PERCENT) {
                    birth = Generator.FIRST_YEAR - 40 + random.nextInt(Generator.LAST_YEAR - 18 - Generator.FIRST_YEAR + 40);
                    out.number(birth);
                } else {
                    out.nullValue();
                }
                out.tab();
                if (birth >= 0 && birth < OLD_BIRTH && random.nextInt(100) < DEATH_IF_OLD_PERCENT) {
                    out.number(Math.min(Generator.LAST_YEAR, birth + 30 + random.nextInt(70)));
                } else if (birth < 0 && random.nextInt(1_000) < DEATH_WITHOUT_BIRTH_PER_1000) {
                    out.number(Generator.FIRST_YEAR + 10 + random.nextInt(Generator.LAST_YEAR - Generator.FIRST_YEAR - 9));
                } else {
                    out.nullValue();
                }
                out.tab();
                int n = pick(PROFESSION_COUNT);
                for (int i = 0; i < n; i++) {
                    int profession;
                    do {
                        profession = pick(PROFESSION_WEIGHT);
                    } while (Generator.contains(professions, i, profession));
                    professions[i] = profession;
                    if (i > 0) {
                        out.put((byte) ',');
                    }
                    out.put(PROFESSIONS[profession]);
                }
                out.tab();
                knownFor(out);
                out.newline();
            }
            return rows;
        }

        private void knownFor(GzipRows out) {
            int n = titles == null || titles.count == 0 ? 0 : pick(KNOWN_FOR_COUNT);
            if (n == 0) {
                out.nullValue();
                return;
            }
            int first = out.position();
            // A career spans an era: the titles after the first are near it in tconst order.
            int center = random.nextInt(titles.count);
            int spread = Math.max(1, (int) (titles.count * KNOWN_FOR_SPREAD));
            for (int i = 0; i < n; i++) {
                int t = i == 0 ? center : near(center, spread);
                for (int retry = 0; retry < KNOWN_FOR_EPISODE_RETRIES && titles.types[t] == Generator.TV_EPISODE; retry++) {
                    t = near(center, spread);
                }
                if (out.position() > first) {
                    out.put((byte) ',');
                }
                out.tconst(titles.ids[t]);
            }
        }

        private int near(int center, int spread) {
            int t = center + random.nextInt(2 * spread + 1) - spread;
            return Math.max(0, Math.min(titles.count - 1, t));
        }

        private int pick(int[] cumulative) {
            return DumpGenerator.pick(random, cumulative, cumulative[cumulative.length - 1]);
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
     *
     * <p>The other five files, each written when IN_DIR has it, follow the basics: a removed movie's rows
     * go, new titles get rows (new movies credits and akas; one new episode for some series, numbered
     * after its last, appended to the basics after the new movies), re-typed movies keep theirs. Names
     * are removed by a hash of (seed, day, nconst) too, with their credits; some titles lose or gain one
     * principal, some get an aka changed or added. Title rows are streamed a title at a time.
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
        static final int ADD_EPISODE = 5;
        static final int RECREDIT = 6;
        static final int REMOVE_NAME = 7;
        static final int REAKA = 8;
        static final int LAST_DECISION = REAKA;
        // Content: each a SplittableRandom seeded by (seed, day, stream), drawn in row order.
        static final int CHANGED_CONTENT = 11;
        static final int NEW_BASICS = 12;
        static final int NEW_RATINGS = 13;
        static final int NEW_RATINGS_CONTENT = 14;
        static final int RERATED_CONTENT = 15;
        static final int NEW_EPISODES = 16;
        static final int NEW_CREDITS = 17;
        static final int NEW_AKAS = 18;
        static final int RECREDIT_CONTENT = 19;
        static final int REAKA_CONTENT = 20;
        static final int NAMES_TABS = 5;
        static final int AKAS_TABS = 7;
        static final int PRINCIPALS_TABS = 5;
        static final byte[] TV_SERIES = utf8("tvSeries");
        static final byte[] TV_MINI_SERIES = utf8("tvMiniSeries");

        // Re-rating: mostly more votes (and maybe the rating moves by a tenth), else the rating alone
        // moves, else a few votes are withdrawn.
        static final double VOTES_GROW_SHARE = 0.85;
        static final double RATING_ONLY_SHARE = 0.10;
        static final double VOTE_GROWTH_MEAN = 0.02;
        static final int MAX_RATING_STEP = 3;
        static final int MIN_TENTHS = 10;
        static final int MAX_TENTHS = 100;

        record Settings(long seed, int day, double removePercent, double retypePercent, double reratePercent,
                double addPercent, double retitlePercent, double regenrePercent, double addEpisodesPercent,
                double recreditPercent, double removeNamesPercent, double reakaPercent) {

            static final Settings DEFAULTS = new Settings(SEED, 1, 2, 1, 10, 1, 0.2, 0.2, 1, 1, 0.1, 0.5);

            String describePercents() {
                return "remove " + removePercent + ", retype " + retypePercent + ", rerate " + reratePercent
                        + ", add " + addPercent + ", retitle " + retitlePercent + ", regenre " + regenrePercent
                        + ", add-episodes " + addEpisodesPercent + ", recredit " + recreditPercent
                        + ", remove-names " + removeNamesPercent + ", reaka " + reakaPercent;
            }
        }

        private final Settings settings;
        private final int day;
        private final long[] decisionSeeds = new long[LAST_DECISION + 1];
        private final BitSet movieIds = new BitSet();
        private final Generator changes;
        private final SplittableRandom rerates;
        private long[] newRated = new long[0];
        private int newRatedCount;
        private long maxId;
        /** The last tconst written to the basics, new titles included. */
        private long lastId;
        private final Set<String> files = new LinkedHashSet<>();
        private final BitSet seriesCandidates = new BitSet();
        private final BitSet seriesConfirmed = new BitSet();
        /** Series drawn for a new episode: parent tconst -> {last season, last episode in it}. */
        private final Map<Long, long[]> seriesEnds = new HashMap<>();
        private final List<NewTitle> newTitles = new ArrayList<>();
        private long nameCount;
        private final BitSet namesPresent = new BitSet();
        private boolean namesRead;
        long newEpisodes;
        long namesRemoved;
        long recredited;
        long reakaed;

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
            for (int kind = FATE; kind <= LAST_DECISION; kind++) {
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
                    d.retitlePercent(), d.regenrePercent(), d.addEpisodesPercent(), d.recreditPercent(),
                    d.removeNamesPercent(), d.reakaPercent()};
            List<String> percentFlags = List.of("--remove-percent", "--retype-percent", "--rerate-percent",
                    "--add-percent", "--retitle-percent", "--regenre-percent", "--add-episodes-percent",
                    "--recredit-percent", "--remove-names-percent", "--reaka-percent");
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
                    percents[4], percents[5], percents[6], percents[7], percents[8], percents[9]);
            NextDay nextDay = new NextDay(settings);
            try (Outputs outputs = new Outputs(out)) {
                nextDay.run(in, outputs);
            }
            System.err.println(nextDay.summary(in, out));
        }

        String summary(Path in, Path out) {
            return "DumpGenerator: day " + settings.day() + " (" + in + ") -> day " + day + " (" + out + "), seed "
                    + settings.seed() + ": " + rows + " title rows read, " + moviesIn + " movies: " + removed
                    + " removed, " + retyped + " re-typed to tvMovie, " + retitled + " retitled, " + regenred
                    + " re-genred; " + ratedMoviesIn + " rated movies: " + ratingsRemoved + " ratings removed, "
                    + rerated + " re-rated; " + added + " new movies (" + newRatedCount + " rated)"
                    + (files.isEmpty() ? "" : "; " + newEpisodes + " new episodes; also wrote " + String.join(", ", files)
                    + ": " + namesRemoved + " names removed, " + recredited + " titles re-credited, "
                    + reakaed + " titles' akas changed");
        }

        /** Day N+1 of every file IN_DIR has: basics and ratings first, then the others follow them. */
        void run(Path in, Outputs outputs) throws IOException, InterruptedException {
            for (int i = 2; i < FILE_NAMES.size(); i++) {
                if (Files.isRegularFile(in.resolve(FILE_NAMES.get(i)))) {
                    files.add(FILE_KEYS.get(i));
                }
            }
            if (files.contains("episode")) {
                readSeries(in);
            }
            try (GzipRows basics = outputs.open(BASICS_FILE, true);
                    GzipRows ratings = outputs.open(RATINGS_FILE, true)) {
                run(in, basics, ratings);
            }
            nameCount = Math.max(1, Math.round(rows * Dump.NAMES_PER_TITLE));
            if (files.contains("names")) {
                try (GzipRows out = outputs.open(NAMES_FILE, true)) {
                    names(in, out);
                }
            }
            if (files.contains("episode")) {
                try (GzipRows out = outputs.open(EPISODE_FILE, true)) {
                    episodes(in, out);
                }
            }
            if (files.contains("crew")) {
                try (GzipRows out = outputs.open(CREW_FILE, true)) {
                    crew(in, out);
                }
            }
            if (files.contains("principals")) {
                try (GzipRows out = outputs.open(PRINCIPALS_FILE, true)) {
                    principals(in, out);
                }
            }
            if (files.contains("akas")) {
                try (GzipRows out = outputs.open(AKAS_FILE, true)) {
                    akas(in, out);
                }
            }
        }

        void run(Path in, GzipRows basics, GzipRows ratings) throws IOException, InterruptedException {
            try (Lines lines = Lines.gunzip(in.resolve(BASICS_FILE))) {
                copyHeader(lines, BASICS_HEADER, BASICS_FILE, basics);
                while (lines.next()) {
                    basicsRow(lines, basics);
                }
            }
            appendNewMovies(basics);
            appendNewEpisodes(basics);
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
            if (id >= 0 && id <= MAX_ID && tabs[1] > 0 && seriesCandidates.get((int) id)
                    && (Arrays.equals(b, tabs[0] + 1, tabs[1], TV_SERIES, 0, TV_SERIES.length)
                    || Arrays.equals(b, tabs[0] + 1, tabs[1], TV_MINI_SERIES, 0, TV_MINI_SERIES.length))) {
                seriesConfirmed.set((int) id);
            }
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
                keepNewTitle(id, Generator.MOVIE, -1, -1, -1, out, fresh);
                added++;
                if (ratedDraws.nextInt(10_000) < Generator.RATED_PER_10K[Generator.MOVIE]) {
                    if (newRatedCount == newRated.length) {
                        newRated = Arrays.copyOf(newRated, Math.max(16, 2 * newRated.length));
                    }
                    newRated[newRatedCount++] = id;
                }
            }
            lastId = id;
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

        /** A title new on day N+1, kept for the rows the other files give it. */
        record NewTitle(long id, int type, long parent, long season, long episode, byte[] titles, int titleLength) {
        }

        private void keepNewTitle(long id, int type, long parent, long season, long episode, GzipRows out,
                Generator from) {
            if (files.isEmpty()) {
                return;
            }
            byte[] b = out.buffer();
            int titleLength = from.titleTo - from.titleFrom;
            byte[] titles = new byte[titleLength + from.originalTo - from.originalFrom];
            System.arraycopy(b, from.titleFrom, titles, 0, titleLength);
            System.arraycopy(b, from.originalFrom, titles, titleLength, from.originalTo - from.originalFrom);
            newTitles.add(new NewTitle(id, type, parent, season, episode, titles, titleLength));
        }

        boolean removedTitle(long id) {
            return id >= 0 && id <= MAX_ID && movieIds.get((int) id) && draw(FATE, id) < settings.removePercent() / 100;
        }

        /** Only a name of name.basics can be removed (when IN_DIR has it): credits of others stay. */
        boolean removedName(long nconst) {
            return nconst >= 0 && nconst <= MAX_ID && (!namesRead || namesPresent.get((int) nconst))
                    && draw(REMOVE_NAME, nconst) < settings.removeNamesPercent() / 100;
        }

        /** Which series get a new episode, and where each one's numbering ends: from day N's episodes. */
        private void readSeries(Path in) throws IOException {
            double share = settings.addEpisodesPercent() / 100;
            try (Lines lines = Lines.gunzip(in.resolve(EPISODE_FILE))) {
                checkHeader(lines, EPISODE_HEADER, EPISODE_FILE);
                while (lines.next()) {
                    int[] tabs = lines.tabs(3);
                    if (tabs[2] < 0) {
                        continue;
                    }
                    long parent = tconst(lines.buf, tabs[0] + 1, tabs[1]);
                    if (parent < 0 || parent > MAX_ID || draw(ADD_EPISODE, parent) >= share) {
                        continue;
                    }
                    long season = digits(lines.buf, tabs[1] + 1, tabs[2]);
                    long episode = digits(lines.buf, tabs[2] + 1, lines.end);
                    seriesCandidates.set((int) parent);
                    long[] end = seriesEnds.computeIfAbsent(parent, p -> new long[] {-1, -1});
                    if (season > end[0]) {
                        end[0] = season;
                        end[1] = episode;
                    } else if (season == end[0] && episode > end[1]) {
                        end[1] = episode;
                    }
                }
            }
        }

        /** One new episode for each series drawn that the basics have, numbered after its last one. */
        private void appendNewEpisodes(GzipRows out) throws IOException, InterruptedException {
            if (seriesEnds.isEmpty()) {
                return;
            }
            Generator fresh = new Generator(new SplittableRandom(streamSeed(NEW_EPISODES)));
            long id = Math.max(lastId, maxId);
            for (int parent = seriesConfirmed.nextSetBit(0); parent >= 0; parent = seriesConfirmed.nextSetBit(parent + 1)) {
                long[] end = seriesEnds.get((long) parent);
                id += fresh.idStep();
                out.reserve();
                fresh.writeBasics(out, id, Generator.TV_EPISODE);
                long season = end[0] > 0 ? end[0] : -1;
                long episode = season > 0 && end[1] > 0 ? end[1] + 1 : -1;
                keepNewTitle(id, Generator.TV_EPISODE, parent, season, episode, out, fresh);
                newEpisodes++;
            }
            lastId = id;
        }

        private static void checkHeader(Lines lines, String header, String file) throws IOException {
            byte[] expected = utf8(header);
            if (!lines.next() || !Arrays.equals(lines.buf, lines.start, lines.end + 1, expected, 0, expected.length)) {
                throw new IOException(file + ": the first line is not the header " + header.strip());
            }
        }

        /** name.basics: removed names go; knownForTitles lose the removed titles. */
        private void names(Path in, GzipRows out) throws IOException, InterruptedException {
            long maxNconst = 0;
            try (Lines lines = Lines.gunzip(in.resolve(NAMES_FILE))) {
                copyHeader(lines, NAMES_HEADER, NAMES_FILE, out);
                while (lines.next()) {
                    byte[] b = lines.buf;
                    int end = lines.end;
                    out.reserve(end - lines.start + GzipRows.MAX_ROW_BYTES);
                    int[] tabs = lines.tabs(NAMES_TABS);
                    long nconst = tabs[0] < 0 ? -1 : nconst(b, lines.start, tabs[0]);
                    maxNconst = Math.max(maxNconst, nconst);
                    if (nconst >= 0 && nconst <= MAX_ID) {
                        namesPresent.set((int) nconst);
                    }
                    if (removedName(nconst)) {
                        namesRemoved++;
                        continue;
                    }
                    int last = tabs[NAMES_TABS - 1];
                    if (last < 0 || !anyRemoved(b, last + 1, end, false)) {
                        out.put(b, lines.start, end - lines.start + 1);
                        continue;
                    }
                    out.put(b, lines.start, last + 1 - lines.start);
                    kept(out, b, last + 1, end, false);
                    out.newline();
                }
            }
            namesRead = true;
            if (maxNconst > 0) {
                nameCount = maxNconst;
            }
        }

        /** Whether a comma-separated list of ids (nconsts when {@code names}, else tconsts) holds a removed one. */
        private boolean anyRemoved(byte[] b, int from, int to, boolean names) {
            for (int i = from; i < to; ) {
                int comma = indexOf(b, i, to, (byte) ',');
                if (removed(b, i, comma, names)) {
                    return true;
                }
                i = comma + 1;
            }
            return false;
        }

        /** Writes the ids of such a list that were not removed; \N when none is left. */
        private void kept(GzipRows out, byte[] b, int from, int to, boolean names) {
            int first = out.position();
            for (int i = from; i < to; ) {
                int comma = indexOf(b, i, to, (byte) ',');
                if (!removed(b, i, comma, names)) {
                    if (out.position() > first) {
                        out.put((byte) ',');
                    }
                    out.put(b, i, comma - i);
                }
                i = comma + 1;
            }
            if (out.position() == first) {
                out.nullValue();
            }
        }

        private boolean removed(byte[] b, int from, int to, boolean names) {
            return names ? removedName(nconst(b, from, to)) : removedTitle(tconst(b, from, to));
        }

        private static int indexOf(byte[] b, int from, int to, byte value) {
            for (int i = from; i < to; i++) {
                if (b[i] == value) {
                    return i;
                }
            }
            return to;
        }

        /** title.episode: rows of removed titles go; new episodes are appended. */
        private void episodes(Path in, GzipRows out) throws IOException, InterruptedException {
            try (Lines lines = Lines.gunzip(in.resolve(EPISODE_FILE))) {
                copyHeader(lines, EPISODE_HEADER, EPISODE_FILE, out);
                while (lines.next()) {
                    copyUnlessRemoved(lines, out);
                }
            }
            for (NewTitle title : newTitles) {
                if (title.type() != Generator.TV_EPISODE) {
                    continue;
                }
                out.reserve();
                out.tconst(title.id());
                out.tab();
                out.tconst(title.parent());
                out.tab();
                numberOrNull(out, title.season());
                out.tab();
                numberOrNull(out, title.episode());
                out.newline();
            }
        }

        private void copyUnlessRemoved(Lines lines, GzipRows out) throws IOException, InterruptedException {
            out.reserve(lines.end - lines.start + GzipRows.MAX_ROW_BYTES);
            int[] tabs = lines.tabs(1);
            long id = tabs[0] < 0 ? -1 : tconst(lines.buf, lines.start, tabs[0]);
            if (!removedTitle(id)) {
                out.put(lines.buf, lines.start, lines.end - lines.start + 1);
            }
        }

        private static void numberOrNull(GzipRows out, long value) {
            if (value < 0) {
                out.nullValue();
            } else {
                out.number(value);
            }
        }

        /** The credits of new titles: the same stream for crew and principals, so they agree. */
        private Credits newCredits() {
            Credits credits = new Credits(new SplittableRandom(streamSeed(NEW_CREDITS)), nameCount);
            credits.excluded = this::removedName;
            return credits;
        }

        private void appendNewCredits(GzipRows crew, GzipRows principals) throws IOException, InterruptedException {
            Credits credits = newCredits();
            for (NewTitle title : newTitles) {
                credits.write(crew, principals, title.id(), title.type(), title.parent());
            }
        }

        /** title.crew: rows of removed titles go, removed names leave the lists; new titles get rows. */
        private void crew(Path in, GzipRows out) throws IOException, InterruptedException {
            try (Lines lines = Lines.gunzip(in.resolve(CREW_FILE))) {
                copyHeader(lines, CREW_HEADER, CREW_FILE, out);
                while (lines.next()) {
                    byte[] b = lines.buf;
                    out.reserve(lines.end - lines.start + GzipRows.MAX_ROW_BYTES);
                    int[] tabs = lines.tabs(2);
                    long id = tabs[0] < 0 ? -1 : tconst(b, lines.start, tabs[0]);
                    if (removedTitle(id)) {
                        continue;
                    }
                    if (tabs[1] < 0 || !anyRemoved(b, tabs[0] + 1, tabs[1], true) && !anyRemoved(b, tabs[1] + 1, lines.end, true)) {
                        out.put(b, lines.start, lines.end - lines.start + 1);
                        continue;
                    }
                    out.put(b, lines.start, tabs[0] + 1 - lines.start);
                    kept(out, b, tabs[0] + 1, tabs[1], true);
                    out.tab();
                    kept(out, b, tabs[1] + 1, lines.end, true);
                    out.newline();
                }
            }
            try (GzipRows sink = GzipRows.discard()) {
                appendNewCredits(out, sink);
            }
        }


        /** A number taken from a row (its fields end at {@code tabs}) for {@link Group#add}. */
        @FunctionalInterface
        interface RowValue {
            long of(byte[] b, int[] tabs);
        }

        @FunctionalInterface
        interface GroupHandler {
            void accept(Group group) throws IOException, InterruptedException;
        }

        /** Hands a file's rows to the handler a title at a time: IMDb lists a title's rows together. */
        private static void forEachGroup(Lines lines, int tabCount, RowValue value, GroupHandler handler)
                throws IOException, InterruptedException {
            Group group = new Group();
            while (lines.next()) {
                int[] tabs = lines.tabs(tabCount);
                long id = tabs[0] < 0 ? -1 : tconst(lines.buf, lines.start, tabs[0]);
                if (id != group.id && group.size > 0) {
                    handler.accept(group);
                    group.clear();
                }
                group.id = id;
                group.add(lines, tabs[1], value.of(lines.buf, tabs));
            }
            if (group.size > 0) {
                handler.accept(group);
            }
        }

        /**
         * title.principals, a title's rows at a time: removed titles and removed names' credits go;
         * a re-credited title loses one credit or gains one; orderings are renumbered where rows changed.
         */
        private void principals(Path in, GzipRows out) throws IOException, InterruptedException {
            Credits recredits = new Credits(new SplittableRandom(streamSeed(RECREDIT_CONTENT)), nameCount);
            recredits.excluded = this::removedName;
            try (Lines lines = Lines.gunzip(in.resolve(PRINCIPALS_FILE))) {
                copyHeader(lines, PRINCIPALS_HEADER, PRINCIPALS_FILE, out);
                forEachGroup(lines, PRINCIPALS_TABS,
                        (b, tabs) -> tabs[2] < 0 ? -1 : nconst(b, tabs[1] + 1, tabs[2]),
                        group -> principalsGroup(group, out, recredits));
            }
            try (GzipRows sink = GzipRows.discard()) {
                appendNewCredits(sink, out);
            }
        }

        private void principalsGroup(Group group, GzipRows out, Credits recredits)
                throws IOException, InterruptedException {
            long id = group.id;
            if (removedTitle(id) || id < 0) {
                if (id < 0) {
                    group.copyAll(out);
                }
                return;
            }
            boolean changed = false;
            for (int i = 0; i < group.size; i++) {
                if (removedName(group.people[i])) {
                    group.dropped[i] = true;
                    changed = true;
                }
            }
            boolean recredit = draw(RECREDIT, id) < settings.recreditPercent() / 100;
            int kept = group.kept();
            boolean removeOne = recredit && kept >= 2 && recredits.random.nextBoolean();
            if (removeOne) {
                int drop = recredits.random.nextInt(kept);
                for (int i = 0; i < group.size; i++) {
                    if (!group.dropped[i] && drop-- == 0) {
                        group.dropped[i] = true;
                    }
                }
            }
            if (recredit) {
                recredited++;
            }
            if (!changed && !recredit) {
                group.copyAll(out);
                return;
            }
            int ordering = 0;
            for (int i = 0; i < group.size; i++) {
                if (!group.dropped[i]) {
                    out.reserve(group.length(i) + GzipRows.MAX_ROW_BYTES);
                    group.putRenumbered(out, i, ++ordering);
                }
            }
            if (recredit && !removeOne) {
                long person;
                int attempts = 0;
                do {
                    person = recredits.pickName();
                } while ((group.has(person) || removedName(person)) && ++attempts < MAX_ATTEMPTS);
                int category = recredits.random.nextBoolean() ? Credits.ACTOR : Credits.ACTRESS;
                recredits.principalRow(out, id, ordering + 1, person, category);
            }
        }

        /** The rows of one title, copied out of the reader's buffer. */
        static final class Group {
            long id = -1;
            int size;
            byte[] bytes = new byte[1 << 12];
            int used;
            int[] starts = new int[16];
            /** Where each row's fields after the ordering begin (its second tab), -1 if it has none. */
            int[] rests = new int[16];
            long[] people = new long[16];
            boolean[] dropped = new boolean[16];

            void add(Lines lines, int orderingEnd, long person) {
                int length = lines.end - lines.start + 1;
                if (size == starts.length) {
                    starts = Arrays.copyOf(starts, 2 * size);
                    rests = Arrays.copyOf(rests, 2 * size);
                    people = Arrays.copyOf(people, 2 * size);
                    dropped = Arrays.copyOf(dropped, 2 * size);
                }
                if (used + length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, used + length));
                }
                System.arraycopy(lines.buf, lines.start, bytes, used, length);
                starts[size] = used;
                rests[size] = orderingEnd < 0 ? -1 : used + orderingEnd - lines.start;
                people[size] = person;
                dropped[size] = false;
                used += length;
                size++;
            }

            int length(int i) {
                return (i + 1 < size ? starts[i + 1] : used) - starts[i];
            }

            int kept() {
                int kept = 0;
                for (int i = 0; i < size; i++) {
                    if (!dropped[i]) {
                        kept++;
                    }
                }
                return kept;
            }

            boolean has(long person) {
                for (int i = 0; i < size; i++) {
                    if (!dropped[i] && people[i] == person) {
                        return true;
                    }
                }
                return false;
            }

            void copyAll(GzipRows out) throws IOException, InterruptedException {
                for (int i = 0; i < size; i++) {
                    out.reserve(length(i) + GzipRows.MAX_ROW_BYTES);
                    out.put(bytes, starts[i], length(i));
                }
            }

            /** The row with a new ordering; a row without one is copied as it is. */
            void putRenumbered(GzipRows out, int i, int ordering) {
                int start = starts[i];
                int firstTab = indexOf(bytes, start, start + length(i), (byte) '\t');
                if (rests[i] < 0 || firstTab >= rests[i]) {
                    out.put(bytes, start, length(i));
                    return;
                }
                out.put(bytes, start, firstTab + 1 - start);
                out.number(ordering);
                out.put(bytes, rests[i], start + length(i) - rests[i]);
            }

            void clear() {
                size = 0;
                used = 0;
            }
        }

        /**
         * title.akas, a title's rows at a time: removed titles go; for a title drawn, one regional row
         * gets another title or a regional row is added; new titles get akas as on day 1.
         */
        private void akas(Path in, GzipRows out) throws IOException, InterruptedException {
            Akas changes = new Akas(new SplittableRandom(streamSeed(REAKA_CONTENT)));
            try (Lines lines = Lines.gunzip(in.resolve(AKAS_FILE))) {
                copyHeader(lines, AKAS_HEADER, AKAS_FILE, out);
                // people[] holds the ordering here; rests[] where the title starts.
                forEachGroup(lines, AKAS_TABS, (b, tabs) -> tabs[1] < 0 ? -1 : digits(b, tabs[0] + 1, tabs[1]),
                        group -> akasGroup(group, out, changes));
            }
            Akas fresh = new Akas(new SplittableRandom(streamSeed(NEW_AKAS)));
            for (NewTitle title : newTitles) {
                byte[] t = title.titles();
                fresh.write(out, title.id(), title.type(), t, 0, title.titleLength(), title.titleLength(), t.length);
            }
        }

        private void akasGroup(Group group, GzipRows out, Akas changes) throws IOException, InterruptedException {
            long id = group.id;
            if (removedTitle(id)) {
                return;
            }
            if (id < 0 || draw(REAKA, id) >= settings.reakaPercent() / 100) {
                group.copyAll(out);
                return;
            }
            reakaed++;
            // The title of the first row stands for both titles of a new regional row.
            int t0 = group.rests[0] + 1;
            int t1 = indexOf(group.bytes, t0, group.starts[0] + group.length(0), (byte) '\t');
            int regional = -1;
            for (int i = 0; i < group.size; i++) {
                int end = group.starts[i] + group.length(i) - 1;
                if (group.rests[i] >= 0 && group.bytes[end - 1] == '0') {
                    regional = i;
                }
            }
            boolean retitle = regional >= 0 && group.rests[0] >= 0 && changes.random.nextBoolean();
            long maxOrdering = 0;
            for (int i = 0; i < group.size; i++) {
                maxOrdering = Math.max(maxOrdering, group.people[i]);
                out.reserve(group.length(i) + GzipRows.MAX_ROW_BYTES);
                if (retitle && i == regional) {
                    int titleFrom = group.rests[i] + 1;
                    int rowEnd = group.starts[i] + group.length(i);
                    int titleTo = indexOf(group.bytes, titleFrom, rowEnd, (byte) '\t');
                    out.put(group.bytes, group.starts[i], titleFrom - group.starts[i]);
                    changes.translated(out);
                    out.put(group.bytes, titleTo, rowEnd - titleTo);
                } else {
                    out.put(group.bytes, group.starts[i], group.length(i));
                }
            }
            if (!retitle && group.rests[0] >= 0) {
                out.reserve();
                out.tconst(id);
                out.tab();
                out.number(maxOrdering + 1);
                out.tab();
                changes.regionalRow(out, group.bytes, t0, t1, t0, t1);
            }
        }

        /** "nm" and digits as a number; -1 if it is not. */
        static long nconst(byte[] b, int from, int to) {
            if (to - from < 3 || b[from] != 'n' || b[from + 1] != 'm') {
                return -1;
            }
            return digits(b, from + 2, to);
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
        /** A sink keeps reusing one chunk and never writes: for files generated but not asked for. */
        private final boolean sink;
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

        private GzipRows() {
            deflaters = null;
            sink = true;
            pieces = null;
            free = null;
            out = null;
            writer = null;
            chunk = new Chunk(CHUNK_BYTES);
            buf = chunk.bytes;
        }

        static GzipRows discard() {
            return new GzipRows();
        }

        GzipRows(Path file, ExecutorService deflaters, int chunksInFlight) throws IOException {
            this.deflaters = deflaters;
            sink = false;
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
                if (sink) {
                    pos = 0;
                    return;
                }
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
            if (sink) {
                return;
            }
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

        /** The current chunk: bytes written since the last reserve() stay where position() said. */
        byte[] buffer() {
            return buf;
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

        /** "nm" and the id zero-padded to 7 digits, more once the id needs them. */
        void nconst(long id) {
            buf[pos++] = 'n';
            buf[pos++] = 'm';
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
