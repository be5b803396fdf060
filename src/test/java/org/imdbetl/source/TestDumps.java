package org.imdbetl.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.files.AtomicFiles;

/** Small generated dumps: a "day" of title.basics and title.ratings, different from day to day. */
final class TestDumps {

    static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
    static final String RATINGS_HEADER = "tconst\taverageRating\tnumVotes\n";

    private TestDumps() {
    }

    /** title.basics for one day: {@code movies} movies whose titles name the day, random enough not to compress away. */
    static byte[] basics(int day, int movies) {
        Random random = new Random(day);
        StringBuilder tsv = new StringBuilder(BASICS_HEADER);
        for (int i = 1; i <= movies; i++) {
            String title = "Day " + day + " movie " + Long.toString(random.nextLong(), 36);
            tsv.append(String.format("tt%07d\tmovie\t%s\t%s\t0\t%d\t\\N\t%d\tDrama%n", i, title, title,
                    1900 + random.nextInt(120), 60 + random.nextInt(120)));
        }
        return gzip(tsv.toString());
    }

    static byte[] ratings(int day, int movies) {
        Random random = new Random(-day);
        StringBuilder tsv = new StringBuilder(RATINGS_HEADER);
        for (int i = 1; i <= movies; i++) {
            tsv.append(String.format("tt%07d\t%d.%d\t%d%n", i, 1 + random.nextInt(9), random.nextInt(10),
                    random.nextInt(100_000)));
        }
        return gzip(tsv.toString());
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Temp files (hidden, ending in .tmp) anywhere under the folder. */
    static List<Path> tempFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)
                    && file.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).toList();
        }
    }
}
