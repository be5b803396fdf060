package org.imdbetl.recovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the next day of a small dump, as IMDb's daily files change: some movies leave, some are
 * re-typed to tvMovie, some are re-rated (votes grow), some are new. Which ones depends on the day and
 * the tconst only, so the tests can reason about them; the expected answers are always computed from
 * the written files, never from these rules.
 */
final class DayDumps {

    private static final String BASICS = "title.basics.tsv.gz";
    private static final String RATINGS = "title.ratings.tsv.gz";

    private DayDumps() {
    }

    /**
     * @param removeEvery every n-th movie (by position) leaves the dump; 0 for none
     * @return the tconsts that left (removed or re-typed)
     */
    static List<String> nextDay(Path from, Path to, int day, int removeEvery) throws IOException {
        Files.createDirectories(to);
        List<String[]> basics = rows(from.resolve(BASICS));
        List<String[]> ratings = rows(from.resolve(RATINGS));
        Map<String, String[]> ratingByTconst = new LinkedHashMap<>();
        ratings.subList(1, ratings.size()).forEach(row -> ratingByTconst.put(row[0], row));
        List<String> gone = new ArrayList<>();
        List<String[]> newBasics = new ArrayList<>();
        newBasics.add(basics.get(0));
        int movieIndex = 0;
        int maxId = 0;
        for (String[] row : basics.subList(1, basics.size())) {
            maxId = Math.max(maxId, Integer.parseInt(row[0].substring(2)));
            if (!row[1].equals("movie")) {
                newBasics.add(row);
                continue;
            }
            movieIndex++;
            if (removeEvery > 0 && (movieIndex + day) % removeEvery == 0) {
                gone.add(row[0]);
                ratingByTconst.remove(row[0]);
                continue;
            }
            if ((movieIndex + day) % 41 == 0) {
                String[] retyped = row.clone();
                retyped[1] = "tvMovie";
                gone.add(row[0]);
                newBasics.add(retyped);
                continue;
            }
            String[] rating = ratingByTconst.get(row[0]);
            if (rating != null && (movieIndex + day) % 7 == 0) {
                long votes = Long.parseLong(rating[2]) + 1000L * day + movieIndex;
                double average = Math.min(10.0, Math.round((Double.parseDouble(rating[1]) + 0.1) * 10) / 10.0);
                ratingByTconst.put(row[0], new String[] {row[0], String.valueOf(average), String.valueOf(votes)});
            }
            newBasics.add(row);
        }
        for (int i = 1; i <= 5; i++) {
            String tconst = String.format("tt%07d", maxId + i);
            newBasics.add(new String[] {tconst, "movie", "New Day " + day + " Film " + i, "New Day " + day + " Film " + i,
                    "0", "2026", "\\N", "95", i % 2 == 0 ? "Drama" : "Comedy,Drama"});
            if (i != 5) {
                ratingByTconst.put(tconst, new String[] {tconst, String.valueOf(6.0 + i / 2.0), String.valueOf(4000 * i)});
            }
        }
        write(to.resolve(BASICS), newBasics);
        List<String[]> newRatings = new ArrayList<>();
        newRatings.add(ratings.get(0));
        newRatings.addAll(ratingByTconst.values());
        write(to.resolve(RATINGS), newRatings);
        return gone;
    }

    private static List<String[]> rows(Path gz) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> line.split("\t", -1)).toList();
        }
    }

    private static void write(Path gz, List<String[]> rows) throws IOException {
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.UTF_8)) {
            for (String[] row : rows) {
                out.write(String.join("\t", row));
                out.write('\n');
            }
        }
    }
}
