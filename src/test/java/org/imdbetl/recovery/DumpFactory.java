package org.imdbetl.recovery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes a deterministic pair of IMDb-format dumps with the given number of movies. */
final class DumpFactory {

    private static final List<String> GENRES = List.of("Action", "Comedy", "Crime", "Documentary", "Drama", "Horror",
            "Romance", "Sci-Fi", "Thriller", "Western");
    private static final String BASICS_HEADER =
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";

    private DumpFactory() {
    }

    static void write(Path dir, int movies) throws IOException {
        Files.createDirectories(dir);
        try (Writer basics = gzip(dir.resolve("title.basics.tsv.gz"));
                Writer ratings = gzip(dir.resolve("title.ratings.tsv.gz"))) {
            basics.write(BASICS_HEADER);
            ratings.write("tconst\taverageRating\tnumVotes\n");
            for (int i = 1; i <= movies; i++) {
                String tconst = String.format("tt%07d", i * 3);
                String type = i % 7 == 0 ? "tvEpisode" : "movie";
                String genres = i % 11 == 0 ? "\\N" : genres(i);
                String year = i % 13 == 0 ? "\\N" : String.valueOf(1920 + i % 100);
                basics.write(tconst + "\t" + type + "\tFilm " + i + "\tFilm " + i + "\t0\t" + year + "\t\\N\t"
                        + (60 + i % 120) + "\t" + genres + "\n");
                if (i % 3 != 0) {
                    double rating = 1 + (i * 37 % 90) / 10.0;
                    ratings.write(tconst + "\t" + rating + "\t" + (5 + (long) i * i % 250_000) + "\n");
                }
            }
        }
    }

    private static String genres(int i) {
        String first = GENRES.get(i % GENRES.size());
        String second = GENRES.get((i / 3) % GENRES.size());
        if (first.equals(second)) {
            return first;
        }
        return first.compareTo(second) < 0 ? first + "," + second : second + "," + first;
    }

    private static Writer gzip(Path file) throws IOException {
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }
}
