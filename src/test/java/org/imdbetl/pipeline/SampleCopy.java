package org.imdbetl.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A copy of the bundled sample that a test may rewrite as the next day, and the gzip lines it is made of. */
public final class SampleCopy {

    public static final String BASICS = "title.basics.tsv.gz";
    public static final String RATINGS = "title.ratings.tsv.gz";

    private SampleCopy() {
    }

    /** Copies the sample into a new folder under target/ named after {@code prefix}, its files dated {@code dated}. */
    public static Path under(String prefix, Instant dated) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix);
        for (String file : List.of(BASICS, RATINGS)) {
            Path copy = Files.copy(SampleExpectations.SAMPLE_DIR.resolve(file), dir.resolve(file));
            Files.setLastModifiedTime(copy, FileTime.from(dated));
        }
        return dir;
    }

    public static List<String> readGzip(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    /** Writes the lines as a gzip, the file dated {@code modified}. */
    public static void writeGzip(Path file, List<String> lines, Instant modified) throws IOException {
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
