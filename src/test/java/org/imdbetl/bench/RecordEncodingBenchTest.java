package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the record encoding benchmark tiny on the bundled sample, so it keeps working between full-size
 * runs: with the sample's title.episode file, and without it (episode fields derived). The benchmark
 * itself fails if a decoder does not give back what was encoded.
 */
class RecordEncodingBenchTest {

    private static final Path SAMPLE = Path.of("data/sample");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void reportsEveryEncodingWithTheSampleEpisodes() throws Exception {
        Path report = dir.resolve("record-encoding-bench.md");

        new RecordEncodingBench(SAMPLE, 0, 1, 1, out).run(report);

        assertThat(Files.readString(report))
                .contains("episode fields from title.episode.tsv.gz", "| JSON, Jackson ObjectWriter; readTree (as MovieJson) |",
                        "| JSON, Jackson ObjectWriter; JsonParser into fields |", "| JSON without nulls",
                        "| Avro binary, Encoder calls; BinaryDecoder into fields |",
                        "| Avro binary, GenericRecord + GenericDatumWriter/Reader |", "| compact binary, hand-written |")
                .isEqualTo(printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void derivesEpisodeFieldsWhenTheDumpHasNoEpisodeFile() throws Exception {
        Path dump = Files.createDirectories(dir.resolve("dump"));
        for (String file : new String[] {"title.basics.tsv.gz", "title.ratings.tsv.gz"}) {
            Files.copy(SAMPLE.resolve(file), dump.resolve(file));
        }

        new RecordEncodingBench(dump, 100, 0, 1, out).run(dir.resolve("report.md"));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("100 titles", "derived (seeded",
                "| compact binary, hand-written |");
    }
}
