package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the title-search and pinned-ranking benchmarks tiny, so they keep working between full-size runs. */
class TitleSearchAndPinnedRankingBenchTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void titleSearchBenchReportsEveryFigureAndBothAnswerAlike() throws Exception {
        Path report = dir.resolve("title-search-bench.md");

        new TitleSearchBench(3000, 200, "both", out).run(report);

        assertThat(Files.readString(report))
                .contains("3000 synthetic movies", "200 queries per kind", "## TitleIndex", "## Lucene", "heap after build", "re-upserted",
                        "| one word |", "| two words, one with a typo |", "| worst case: 1-4 letters of very common words |",
                        "Same first page from both: 1400 of 1400 queries.")
                .isEqualTo(printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pinnedRankingHeapBenchReportsEveryFigure() throws Exception {
        Path report = dir.resolve("pinned-ranking-heap.md");

        new PinnedRankingHeapBench(3000, out).run(report);

        assertThat(Files.readString(report))
                .contains("rated movies (synthetic: 1-3 genres each)", "| only the version changed: its arrays |",
                        "| after 10% of the movies were re-rated: arrays + the old movie values only it holds |",
                        "Array entries of a kept ranking:")
                .isEqualTo(printed.toString(StandardCharsets.UTF_8));
    }
}
