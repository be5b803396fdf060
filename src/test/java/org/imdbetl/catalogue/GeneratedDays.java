package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.source.ImdbReader;

/**
 * Two days of generated dumps for the catalogue's tests: day 1 from bench's DumpGenerator, day 2 written
 * from it here (a series and episodes deleted, episodes re-rated and renumbered, a series added), and the
 * files read back with a plain tab split, as the tests' yardstick.
 */
public final class GeneratedDays {

    private static final String GENERATOR = "bench/java/org/imdbetl/bench/DumpGenerator.java";
    private static final String NULL = "\\N";

    private GeneratedDays() {
    }

    /** Day 1: generated dumps (basics, ratings, episode) at a small scale; 25,400 titles. */
    public static void generate(Path dir, Path log) throws IOException, InterruptedException {
        runGenerator(List.of("0.002", dir.toString(), "--files", "basics,ratings,episode"), log);
    }

    private static void runGenerator(List<String> args, Path log) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve(GENERATOR)).as("run from the project root").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), GENERATOR));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        assertThat(finished).as("generator finished; output: %s", java.nio.file.Files.readString(log)).isTrue();
        assertThat(process.exitValue()).as("generator exit code; output: %s", java.nio.file.Files.readString(log)).isZero();
    }

    /**
     * Day 2 from day 1: the series with the fifth most episodes leaves with its episodes; 2% of the other
     * episodes leave, 10% of the rated ones are re-rated, 1% renumbered; a seventh of the rated series are
     * re-rated (half a point, 1,000 votes more); a new series with 12 episodes (tconsts above every other) arrives.
     */
    public static void writeNextDay(Path from, Path to) throws IOException {
        Files files = Files.read(from);
        SplittableRandom random = new SplittableRandom(28);
        Map<String, Long> count = files.episodes().values().stream()
                .collect(Collectors.groupingBy(r -> r[1], Collectors.counting()));
        String leaving = count.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .skip(4).findFirst().orElseThrow().getKey();
        Map<String, String[]> basics = new LinkedHashMap<>(files.basics());
        Map<String, String[]> ratings = new LinkedHashMap<>(files.ratings());
        Map<String, String[]> episodes = new LinkedHashMap<>();
        basics.remove(leaving);
        ratings.remove(leaving);
        for (String[] row : files.episodes().values()) {
            String tconst = row[0];
            if (row[1].equals(leaving) || random.nextInt(100) < 2) {
                basics.remove(tconst);
                ratings.remove(tconst);
                continue;
            }
            String[] copy = row.clone();
            if (random.nextInt(100) < 1) {
                copy[3] = Integer.toString(9000 + random.nextInt(100));
            }
            episodes.put(tconst, copy);
        }
        for (Map.Entry<String, String[]> rating : ratings.entrySet()) {
            String[] basicsRow = basics.get(rating.getKey());
            if (basicsRow != null && basicsRow[1].equals("tvEpisode") && random.nextInt(10) == 0) {
                rating.setValue(new String[] {rating.getKey(), Integer.toString(10 + random.nextInt(91)).replaceAll("(\\d)$", ".$1"),
                        Integer.toString(5 + random.nextInt(5000))});
            } else if (basicsRow != null && basicsRow[1].equals("tvSeries") && Long.parseLong(rating.getKey().substring(2)) % 7 == 0) {
                // A seventh of the rated series re-rated (no random draw: the episodes' changes stay as they were).
                int tenths = (int) Math.round(Double.parseDouble(rating.getValue()[1]) * 10);
                rating.setValue(new String[] {rating.getKey(), (tenths >= 95 ? tenths - 5 : tenths + 5) / 10 + "." + (tenths >= 95 ? tenths - 5 : tenths + 5) % 10,
                        Long.toString(Long.parseLong(rating.getValue()[2]) + 1000)});
            }
        }
        long last = files.basics().keySet().stream().mapToLong(t -> Long.parseLong(t.substring(2))).max().orElseThrow();
        String series = String.format("tt%08d", last + 10);
        basics.put(series, new String[] {series, "tvSeries", "A New Series", "A New Series", "0", "2026", NULL, "30", "Comedy,Drama"});
        ratings.put(series, new String[] {series, "8.8", "1234"});
        for (int e = 1; e <= 12; e++) {
            String episode = String.format("tt%08d", last + 10 + e);
            basics.put(episode, new String[] {episode, "tvEpisode", "Episode #1." + e, "Episode #1." + e, "0", "2026", NULL, "30", "Comedy"});
            episodes.put(episode, new String[] {episode, series, "1", Integer.toString(e)});
            if (e % 2 == 0) {
                ratings.put(episode, new String[] {episode, "7." + e % 10, Integer.toString(100 + e)});
            }
        }
        Files.write(to, ImdbReader.BASICS_FILE,
                "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n", basics.values());
        Files.write(to, ImdbReader.RATINGS_FILE, "tconst\taverageRating\tnumVotes\n", ratings.values());
        Files.write(to, ImdbReader.EPISODE_FILE, "tconst\tparentTconst\tseasonNumber\tepisodeNumber\n", episodes.values());
    }

    static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(java.nio.file.Files.newInputStream(file), 1 << 16);
    }

    /** The three files as rows by tconst, in file order. */
    public record Files(Map<String, String[]> basics, Map<String, String[]> ratings, Map<String, String[]> episodes) {

        public static Files read(Path dir) throws IOException {
            return new Files(rows(dir.resolve(ImdbReader.BASICS_FILE)), rows(dir.resolve(ImdbReader.RATINGS_FILE)),
                    rows(dir.resolve(ImdbReader.EPISODE_FILE)));
        }

        static Map<String, String[]> rows(Path file) throws IOException {
            Map<String, String[]> rows = new LinkedHashMap<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(gunzip(file), StandardCharsets.UTF_8))) {
                in.readLine();
                for (String line; (line = in.readLine()) != null; ) {
                    String[] fields = line.split("\t", -1);
                    rows.put(fields[0], fields);
                }
            }
            return rows;
        }

        public List<String> ofType(String type) {
            return basics.values().stream().filter(r -> r[1].equals(type)).map(r -> r[0]).toList();
        }

        static Path write(Path dir, String file, String header, Iterable<String[]> rows) throws IOException {
            java.nio.file.Files.createDirectories(dir);
            Path path = dir.resolve(file);
            try (OutputStream out = new GZIPOutputStream(java.nio.file.Files.newOutputStream(path));
                 Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(header);
                for (String[] row : rows) {
                    w.write(String.join("\t", row));
                    w.write('\n');
                }
            }
            return path;
        }
    }

}
