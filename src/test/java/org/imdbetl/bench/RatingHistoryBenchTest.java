package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the rating history benchmark tiny, so it keeps working between full-size runs. */
class RatingHistoryBenchTest {

    @TempDir
    Path dir;

    @Test
    void runsAndReportsEveryFigure() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Map<String, String> args = Map.of("movies", "2000", "refreshes", "6", "changed", "0.2", "seconds", "0.2",
                "dir", dir.resolve("history").toString());

        new RatingHistoryBench(args, new PrintStream(report, true, StandardCharsets.UTF_8)).run();

        assertThat(report.toString(StandardCharsets.UTF_8))
                .contains("puts/s", "disk after close", "heap after GC", "history(tconst)", "movers, warm", "cold",
                        "queries/s", "under 2 querying threads");
    }
}
