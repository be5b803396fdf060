package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the catalogue benchmarks tiny on the bundled sample (its title.episode file included), so they keep
 * working between full-size runs: the store alone, and the load through the embedded broker.
 */
class CatalogueBenchTest {

    private static final Path SAMPLE = Path.of("data/sample");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theStoreBenchLoadsComparesAndReadsTheSample() throws Exception {
        CatalogueStoreBench.run(SAMPLE, SAMPLE, dir.resolve("store"), 200, false, out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("read only", "first load", "table files", "heap after GC",
                "find(tconst)", "episodes(series, first page of 50)", "seasons(series)");
        // The same dump compared with the store it was loaded into: nothing changed.
        assertThat(report).containsPattern("next day's comparison \\(.*\\): [0-9,]+ unchanged, 0 added, 0 changed, 0 absent");
    }

    @Test
    void theStoreBenchLoadsTheSampleAsTableFiles() throws Exception {
        CatalogueStoreBench.run(SAMPLE, SAMPLE, dir.resolve("bulk"), 200, true, out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("as sorted table files (BulkLoad)");
        assertThat(report).containsPattern("next day's comparison \\(.*\\): [0-9,]+ unchanged, 0 added, 0 changed, 0 absent");
    }

    @Test
    void theTopicBenchPutsEveryTitleOfTheSampleInTheStore() throws Exception {
        CatalogueTopicBench.run(SAMPLE, "lz4", "consume", false, freePort(), dir.resolve("consume"), out);
        CatalogueTopicBench.run(SAMPLE, "lz4", "local-parallel", true, freePort(), dir.resolve("local"), out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("floor: zcat of", "mode consume, compression lz4",
                "mode local-parallel (store written as table files), compression lz4", "in the store after", "peak RSS");
    }

    private static int freePort() throws IOException {
        // The broker takes this port and the next one (its controller).
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                try (ServerSocket second = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // Try another pair.
                }
            }
        }
        throw new IOException("no two free ports in a row");
    }
}
