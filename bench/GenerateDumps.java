import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes synthetic, full-size IMDb dumps (title.basics.tsv.gz and title.ratings.tsv.gz) for
 * benchmarks. SCALE=1 mimics the 2026 dumps: ~12.7M titles, ~1.7M ratings.
 *
 * <pre>java bench/GenerateDumps.java SCALE DIR</pre>
 *
 * The output depends only on SCALE: one seeded generator produces every row on the main thread,
 * in tconst order; background threads only compress and write. Rows are assembled as UTF-8 bytes
 * in reusable 1 MiB chunks, without a String per row.
 */
public final class GenerateDumps {

    static final long FULL_SCALE_TITLES = 12_700_000L;
    static final long MAX_TITLES = 1_000_000_000L;
    static final long SEED = 0x1DB_2026_5EEDL;

    static final String BASICS_FILE = "title.basics.tsv.gz";
    static final String RATINGS_FILE = "title.ratings.tsv.gz";
    static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
    static final String RATINGS_HEADER = "tconst\taverageRating\tnumVotes\n";

    private GenerateDumps() {
    }

    public static void main(String[] args) throws Exception {
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
        Files.createDirectories(dir);

        Generator generator = new Generator(new SplittableRandom(SEED));
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService deflaters = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "deflater");
            thread.setDaemon(true);
            return thread;
        });
        int chunksInFlight = 2 * threads + 2;
        try (GzipRows basics = new GzipRows(dir.resolve(BASICS_FILE), deflaters, chunksInFlight);
                GzipRows ratings = new GzipRows(dir.resolve(RATINGS_FILE), deflaters, chunksInFlight)) {
            generator.run(titles, basics, ratings);
        } finally {
            deflaters.shutdown();
        }
        System.err.println("GenerateDumps: scale " + scale + ": " + titles + " titles (" + generator.movies
                + " movies), " + generator.rated + " ratings written to " + dir);
    }

    private static void usage(String problem) {
        System.err.println("GenerateDumps: " + problem);
        System.err.println("usage: java bench/GenerateDumps.java SCALE DIR   (SCALE 1 = ~12.7M titles)");
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
            if (pos > CHUNK_BYTES - MAX_ROW_BYTES) {
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

        /** A non-negative int in decimal. */
        void number(int value) {
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
