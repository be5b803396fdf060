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
import java.util.TreeMap;
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

    private SampleExpectations(Map<String, Long> genreCounts, List<Expected> ranking, int movieCount) {
        this.genreCounts = genreCounts;
        this.ranking = ranking;
        this.movieCount = movieCount;
    }

    public static SampleExpectations compute(Path dir, double m, double c) throws IOException {
        Map<String, double[]> ratings = new HashMap<>();
        for (String[] row : rows(dir.resolve("title.ratings.tsv.gz"))) {
            ratings.put(row[0], new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])});
        }
        Map<String, Long> genres = new TreeMap<>();
        List<Expected> ranking = new ArrayList<>();
        int movies = 0;
        for (String[] row : rows(dir.resolve("title.basics.tsv.gz"))) {
            if (!row[1].equals("movie")) {
                continue;
            }
            movies++;
            List<String> movieGenres = row[8].equals("\\N") ? List.of() : Arrays.asList(row[8].split(","));
            for (String genre : movieGenres.isEmpty() ? List.of("(unknown)") : movieGenres) {
                genres.merge(genre, 1L, Long::sum);
            }
            double[] rating = ratings.get(row[0]);
            if (rating != null) {
                double r = rating[0];
                double v = rating[1];
                double score = v / (v + m) * r + m / (v + m) * c;
                Integer year = row[5].equals("\\N") ? null : Integer.valueOf(row[5]);
                ranking.add(new Expected(row[0], row[2], year, movieGenres, r, (long) v, score));
            }
        }
        ranking.sort(Comparator.comparingDouble(Expected::weightedScore).reversed()
                .thenComparing(Comparator.comparingLong(Expected::votes).reversed())
                .thenComparing(Expected::tconst));
        Map<String, Long> ordered = new LinkedHashMap<>();
        genres.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new SampleExpectations(ordered, ranking, movies);
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

    private static List<String[]> rows(Path gz) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(line -> line.split("\t", -1)).toList();
        }
    }
}
