package org.imdbetl.lake;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.GenreCount;
import org.imdbetl.scoring.ScoredMovie;

/** The CSV tables: RFC 4180, UTF-8, header line; genres joined with ',' inside one quoted field. */
final class CsvTables {

    private static final CSVFormat GENRE_COUNTS = CSVFormat.RFC4180.builder()
            .setHeader("genre", "movie_count").setRecordSeparator('\n').get();
    private static final CSVFormat TOP_MOVIES = CSVFormat.RFC4180.builder()
            .setHeader("rank", "tconst", "title", "year", "genres", "average_rating", "num_votes", "weighted_score")
            .setRecordSeparator('\n').get();

    private CsvTables() {
    }

    public static void writeGenreCounts(Path file, List<GenreCount> counts) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, GENRE_COUNTS)) {
            for (GenreCount count : counts) {
                csv.printRecord(count.genre(), count.movieCount());
            }
        }
    }

    public static void writeTopMovies(Path file, List<ScoredMovie> ranked) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, TOP_MOVIES)) {
            int rank = 1;
            for (ScoredMovie scored : ranked) {
                Movie m = scored.movie();
                csv.printRecord(rank++, m.tconst(), m.title(), m.year(), String.join(",", m.genres()),
                        m.averageRating(), m.numVotes(), scored.weightedScore());
            }
        }
    }
}
