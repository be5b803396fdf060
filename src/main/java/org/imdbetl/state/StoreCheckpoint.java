package org.imdbetl.state;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.files.AtomicFiles;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.search.SavedAnalysis;

/**
 * Every movie of the store with the topic offsets it covers, in one local file: a restart loads it and
 * reads only the records after those offsets, instead of the whole topic (as Kafka Streams restores a
 * state store from its checkpoint and the changelog's tail). The file is a cache: whenever it cannot
 * be trusted ({@link #reasonNotToUse}) or read, the store is loaded from the topic as before.
 *
 * <p>Binary, big-endian, ending in a CRC-32 of everything before it. A hand-written format, not Parquet
 * or JSON: it is read on the start-up path and nothing outside this class reads it. Format 2 adds the
 * title index's analysis of the movies after them; format 1 files (without it) are still read.
 *
 * @param topicId the movies topic's id when written: a topic deleted and created again is another topic
 * @param offsets per partition, the next offset after the last record the movies reflect
 * @param writtenAt when the store was captured
 * @param titles the title index's analysis of the movies, in their order; null if the file has none
 */
public record StoreCheckpoint(String topicId, Map<Integer, Long> offsets, Instant writtenAt, List<Movie> movies,
        SavedAnalysis titles) {

    private static final int MAGIC = 0x494d4442; // "IMDB"
    static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_TITLES = 1;
    private static final int ORIGINAL_TITLE_NULL = 1;
    private static final int ORIGINAL_TITLE_SAME = 1 << 1;
    private static final int YEAR = 1 << 2;
    private static final int RUNTIME = 1 << 3;
    private static final int RATING = 1 << 4;
    private static final int VOTES = 1 << 5;

    public StoreCheckpoint {
        offsets = Map.copyOf(offsets);
    }

    /** Without a title analysis. */
    public StoreCheckpoint(String topicId, Map<Integer, Long> offsets, Instant writtenAt, List<Movie> movies) {
        this(topicId, offsets, writtenAt, movies, null);
    }

    /**
     * Writes the movies of a capture through {@link AtomicFiles}: a crash leaves the previous file or this one.
     *
     * @param titles the title index's analysis of {@code movies}, or null
     */
    public static void write(Path file, String topicId, Map<Integer, Long> offsets, Instant writtenAt,
            List<ScoredMovie> movies, SavedAnalysis titles) throws IOException {
        if (titles != null && titles.movieCount() != movies.size()) {
            throw new IllegalArgumentException("the title analysis covers " + titles.movieCount() + " movies, not " + movies.size());
        }
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream stream = Files.newOutputStream(temp);
                    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(stream, 1 << 16), crc))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                writeString(out, topicId);
                out.writeLong(writtenAt.toEpochMilli());
                Map<Integer, Long> sorted = new TreeMap<>(offsets);
                out.writeInt(sorted.size());
                for (Map.Entry<Integer, Long> offset : sorted.entrySet()) {
                    out.writeInt(offset.getKey());
                    out.writeLong(offset.getValue());
                }
                out.writeInt(movies.size());
                for (ScoredMovie scored : movies) {
                    writeMovie(out, scored.movie());
                }
                out.writeBoolean(titles != null);
                if (titles != null) {
                    writeTitles(out, titles);
                }
                out.flush();
                out.writeLong(crc.getValue());
            }
        });
    }

    /**
     * @return empty if there is no file
     * @throws IOException naming the file, if it cannot be read or is not a whole checkpoint
     */
    public static Optional<StoreCheckpoint> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            if (bytes.length < Long.BYTES) {
                throw new IOException("it is " + bytes.length + " bytes long");
            }
            int body = bytes.length - Long.BYTES;
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, body);
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
            if (ByteBuffer.wrap(bytes, body, Long.BYTES).getLong() != crc.getValue()) {
                throw new IOException("its checksum does not match (a torn or corrupted file)");
            }
            if (in.getInt() != MAGIC) {
                throw new IOException("it is not a store checkpoint");
            }
            int format = in.getInt();
            if (format != FORMAT && format != FORMAT_WITHOUT_TITLES) {
                throw new IOException("it has format " + format + "; this service reads formats "
                        + FORMAT_WITHOUT_TITLES + " and " + FORMAT);
            }
            String topicId = readString(in, bytes);
            Instant writtenAt = Instant.ofEpochMilli(in.getLong());
            int partitions = count(in);
            Map<Integer, Long> offsets = new TreeMap<>();
            for (int i = 0; i < partitions; i++) {
                offsets.put(in.getInt(), in.getLong());
            }
            int count = count(in);
            List<Movie> movies = new ArrayList<>(count);
            Map<List<String>, List<String>> genreLists = new HashMap<>();
            for (int i = 0; i < count; i++) {
                movies.add(readMovie(in, bytes, genreLists));
            }
            SavedAnalysis titles = format != FORMAT_WITHOUT_TITLES && in.get() != 0 ? readTitles(in, bytes) : null;
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " bytes follow the last movie");
            }
            return Optional.of(new StoreCheckpoint(topicId, offsets, writtenAt, movies, titles));
        } catch (IOException | BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("could not read the store checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the store must not start from this checkpoint, if anything stops it; every check errs towards
     * reading the whole topic, which is always correct.
     *
     * @param currentTopicId the movies topic's id now, or null while the broker is unreachable
     * @param endOffsets the topic's end offsets now
     * @param silverOffsets where the silver log resumes (the manifest's offsets), or null if it writes nothing:
     *                      the consumer starts at the checkpoint, so records between would never reach silver
     * @param deleteRetention the topic's delete.retention.ms: a tombstone written after the checkpoint may be
     *                        compacted away once older than that, and its movie would then never be deleted
     */
    public Optional<String> reasonNotToUse(String currentTopicId, Map<Integer, Long> endOffsets,
            Map<Integer, Long> silverOffsets, Duration deleteRetention, Instant now) {
        if (currentTopicId == null) {
            return Optional.of("the topic's id is not known yet (broker unreachable)");
        }
        if (!currentTopicId.equals(topicId)) {
            return Optional.of("it was written from another topic (id " + topicId + ", now " + currentTopicId + ")");
        }
        for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
            long end = endOffsets.getOrDefault(offset.getKey(), 0L);
            if (offset.getValue() > end) {
                return Optional.of("its offset " + offset.getValue() + " in partition " + offset.getKey()
                        + " is past the topic's end " + end);
            }
        }
        Optional<Integer> ahead = silverOffsets == null ? Optional.empty() : partitionAhead(offsets, silverOffsets);
        if (ahead.isPresent()) {
            int partition = ahead.get();
            return Optional.of("it is ahead of the silver log in partition " + partition + " (" + offsets.get(partition)
                    + " > " + silverOffsets.getOrDefault(partition, 0L) + ")");
        }
        Duration age = Duration.between(writtenAt, now);
        if (age.compareTo(deleteRetention) >= 0) {
            return Optional.of("it is " + age + " old, not younger than the topic's delete.retention.ms (" + deleteRetention
                    + "): deletions since may have been compacted away");
        }
        return Optional.empty();
    }

    /**
     * A partition where {@code offsets} are past {@code silverOffsets}, if any: a checkpoint there would make
     * a restart skip the silver rows in between. The writer checks it before writing, the reader again.
     */
    public static Optional<Integer> partitionAhead(Map<Integer, Long> offsets, Map<Integer, Long> silverOffsets) {
        return offsets.entrySet().stream()
                .filter(e -> e.getValue() > silverOffsets.getOrDefault(e.getKey(), 0L))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static void writeMovie(DataOutputStream out, Movie movie) throws IOException {
        int flags = (movie.originalTitle() == null ? ORIGINAL_TITLE_NULL : 0)
                | (movie.originalTitle() != null && movie.originalTitle().equals(movie.title()) ? ORIGINAL_TITLE_SAME : 0)
                | (movie.year() != null ? YEAR : 0)
                | (movie.runtimeMinutes() != null ? RUNTIME : 0)
                | (movie.averageRating() != null ? RATING : 0)
                | (movie.numVotes() != null ? VOTES : 0);
        out.writeByte(flags);
        out.writeLong(Tconst.number(movie.tconst()));
        writeString(out, movie.title());
        if ((flags & (ORIGINAL_TITLE_NULL | ORIGINAL_TITLE_SAME)) == 0) {
            writeString(out, movie.originalTitle());
        }
        if (movie.year() != null) {
            out.writeInt(movie.year());
        }
        if (movie.runtimeMinutes() != null) {
            out.writeInt(movie.runtimeMinutes());
        }
        if (movie.genres().size() > 0xff) {
            throw new IOException(movie.tconst() + " has " + movie.genres().size() + " genres; a checkpoint holds at most 255");
        }
        out.writeByte(movie.genres().size());
        for (String genre : movie.genres()) {
            writeString(out, genre);
        }
        if (movie.averageRating() != null) {
            out.writeDouble(movie.averageRating());
        }
        if (movie.numVotes() != null) {
            out.writeLong(movie.numVotes());
        }
    }

    /** @param genreLists one list per distinct genre list, so the movies share them (as {@link Movie} would make them) */
    private static Movie readMovie(ByteBuffer in, byte[] bytes, Map<List<String>, List<String>> genreLists) {
        int flags = in.get();
        String tconst = Tconst.fromNumber(in.getLong());
        String title = readString(in, bytes);
        String originalTitle = (flags & ORIGINAL_TITLE_NULL) != 0 ? null
                : (flags & ORIGINAL_TITLE_SAME) != 0 ? title : readString(in, bytes);
        Integer year = (flags & YEAR) != 0 ? in.getInt() : null;
        Integer runtime = (flags & RUNTIME) != 0 ? in.getInt() : null;
        int genreCount = in.get() & 0xff;
        List<String> read = new ArrayList<>(genreCount);
        for (int i = 0; i < genreCount; i++) {
            read.add(readString(in, bytes));
        }
        List<String> genres = genreLists.computeIfAbsent(read, List::copyOf);
        Double rating = (flags & RATING) != 0 ? in.getDouble() : null;
        Long votes = (flags & VOTES) != 0 ? in.getLong() : null;
        return new Movie(tconst, title, originalTitle, year, runtime, genres, rating, votes);
    }

    /** Ids and counts as unsigned varints: most term ids and every term's length fit in one to three bytes. */
    private static void writeTitles(DataOutputStream out, SavedAnalysis titles) throws IOException {
        writeString(out, titles.stamp());
        out.writeInt(titles.chars().length);
        for (char c : titles.chars()) {
            out.writeChar(c); // UTF-16 as is: exact for any term, where UTF-8 would turn a lone surrogate into "?"
        }
        writeInts(out, titles.termEnds(), true);
        writeInts(out, titles.bySecond(), false);
        out.writeInt(titles.shapes().length);
        for (int shape : titles.shapes()) {
            out.writeInt(shape);
        }
        writeInts(out, titles.movieTermEnds(), true);
        writeInts(out, titles.movieTerms(), false);
    }

    private static SavedAnalysis readTitles(ByteBuffer in, byte[] bytes) {
        String stamp = readString(in, bytes);
        int charCount = count(in);
        requireRemaining(in, Character.BYTES * (long) charCount, charCount + " characters of title terms");
        char[] chars = new char[charCount];
        in.asCharBuffer().get(chars);
        in.position(in.position() + Character.BYTES * chars.length);
        int[] termEnds = readInts(in, true);
        int[] bySecond = readInts(in, false);
        int movieCount = count(in);
        requireRemaining(in, Integer.BYTES * (long) movieCount, movieCount + " title shapes");
        int[] shapes = new int[movieCount];
        in.asIntBuffer().get(shapes);
        in.position(in.position() + Integer.BYTES * shapes.length);
        int[] movieTermEnds = readInts(in, true);
        int[] movieTerms = readInts(in, false);
        return new SavedAnalysis(stamp, chars, termEnds, bySecond, shapes, movieTermEnds, movieTerms);
    }

    /** @param ascending values that never decrease, written as the differences between neighbours */
    private static void writeInts(DataOutputStream out, int[] values, boolean ascending) throws IOException {
        out.writeInt(values.length);
        int previous = 0;
        for (int value : values) {
            writeVarint(out, ascending ? value - previous : value);
            previous = value;
        }
    }

    private static int[] readInts(ByteBuffer in, boolean ascending) {
        int length = count(in);
        requireRemaining(in, length, length + " numbers"); // a byte each at least
        int[] values = new int[length];
        int previous = 0;
        for (int i = 0; i < length; i++) {
            int value = readVarint(in);
            values[i] = ascending ? previous + value : value;
            previous = values[i];
        }
        return values;
    }

    private static void requireRemaining(ByteBuffer in, long bytes, String what) {
        if (bytes > in.remaining()) {
            throw new IllegalArgumentException(what + " run past the end");
        }
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("a negative number in the title analysis: " + value);
        }
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("a number out of range in the title analysis");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("a number of more than five bytes in the title analysis");
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in, byte[] bytes) {
        int length = count(in);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes runs past the end");
        }
        String value = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0) {
            throw new IllegalArgumentException("a negative count " + count);
        }
        return count;
    }
}
