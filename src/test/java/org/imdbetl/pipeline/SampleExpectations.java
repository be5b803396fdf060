package org.imdbetl.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * What the service should answer for a well-formed pair of dumps, computed here from the files
 * with none of the service's code: the yardstick of the end-to-end tests.
 */
public final class SampleExpectations {

    public static final Path SAMPLE_DIR = Path.of("data/sample");

    /** One expected movie of {@code /movies/top}. */
    public record Expected(String tconst, String title, Integer year, List<String> genres, double rating, long votes,
            double weightedScore) {
    }

    private final Map<String, Long> genreCounts;
    private final List<Expected> ranking;
    private final int movieCount;
    private final Set<String> movieIds;

    private SampleExpectations(Map<String, Long> genreCounts, List<Expected> ranking, int movieCount,
            Set<String> movieIds) {
        this.genreCounts = genreCounts;
        this.ranking = ranking;
        this.movieCount = movieCount;
        this.movieIds = movieIds;
    }

    public static SampleExpectations compute(Path dir, double m, double c) throws IOException {
        Map<String, double[]> ratings = new HashMap<>();
        List<String[]> ratingRows = rows(dir.resolve("title.ratings.tsv.gz"));
        List<String> ratingColumns = Arrays.asList(ratingRows.get(0));
        for (String[] row : ratingRows.subList(1, ratingRows.size())) {
            ratings.put(row[ratingColumns.indexOf("tconst")], new double[] {
                    Double.parseDouble(row[ratingColumns.indexOf("averageRating")]),
                    Double.parseDouble(row[ratingColumns.indexOf("numVotes")])});
        }
        Map<String, Long> genres = new TreeMap<>();
        List<Expected> ranking = new ArrayList<>();
        int movies = 0;
        Set<String> ids = new TreeSet<>();
        List<String[]> basicRows = rows(dir.resolve("title.basics.tsv.gz"));
        List<String> columns = Arrays.asList(basicRows.get(0));
        int tconst = columns.indexOf("tconst");
        int genreColumn = columns.indexOf("genres");
        for (String[] row : basicRows.subList(1, basicRows.size())) {
            if (!row[columns.indexOf("titleType")].equals("movie")) {
                continue;
            }
            movies++;
            ids.add(row[tconst]);
            String genreField = row[genreColumn];
            List<String> movieGenres = genreField.equals("\\N") ? List.of() : Arrays.asList(genreField.split(","));
            for (String genre : movieGenres.isEmpty() ? List.of("(unknown)") : movieGenres) {
                genres.merge(genre, 1L, Long::sum);
            }
            double[] rating = ratings.get(row[tconst]);
            if (rating != null) {
                double r = rating[0];
                double v = rating[1];
                double score = v / (v + m) * r + m / (v + m) * c;
                String yearField = row[columns.indexOf("startYear")];
                Integer year = yearField.equals("\\N") ? null : Integer.valueOf(yearField);
                ranking.add(new Expected(row[tconst], row[columns.indexOf("primaryTitle")], year, movieGenres, r,
                        (long) v, score));
            }
        }
        ranking.sort(Comparator.comparingDouble(Expected::weightedScore).reversed()
                .thenComparing(Comparator.comparingLong(Expected::votes).reversed())
                .thenComparing(Expected::tconst));
        Map<String, Long> ordered = new LinkedHashMap<>();
        genres.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new SampleExpectations(ordered, ranking, movies, ids);
    }

    /** Genre to movie count, in the order {@code /genres} must use. */
    public Map<String, Long> genreCounts() {
        return genreCounts;
    }

    /** Every rated movie, best first. */
    public List<Expected> ranking() {
        return ranking;
    }

    public int movieCount() {
        return movieCount;
    }

    /** Every movie's tconst, rated or not, in order. */
    public Set<String> movieIds() {
        return movieIds;
    }

    private static List<String[]> rows(Path gz) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> line.split("\t", -1)).toList();
        }
    }
}
