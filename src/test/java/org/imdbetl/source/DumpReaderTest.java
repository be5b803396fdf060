package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imdbetl.source.ImdbSourceDownloadTest.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both dumps of a source through {@link DumpReader}: complete only when title.basics was read to its end. */
class DumpReaderTest {

    private static final String BASICS = ImdbReader.BASICS_FILE;
    private static final String RATINGS = ImdbReader.RATINGS_FILE;

    @TempDir
    Path dir;

    private final IngestProgress progress = new IngestProgress();
    private final DumpReader reader = new DumpReader(
            new DumpReader.Settings(Set.of("movie"), 1 << 16, Duration.ofMinutes(1)), progress, new RejectSamples(1));

    @Test
    void readsTheSampleToItsEndAndCountsTheBytes() throws Exception {
        ImdbSource sample = new ImdbSource(ImdbSource.SAMPLE, Path.of("data/sample"), dir, Duration.ofSeconds(1));
        byte[] basics = Files.readAllBytes(Path.of("data/sample", BASICS));
        List<Movie> movies = new ArrayList<>();

        try (DumpFile ratingsFile = sample.open(RATINGS, Optional.empty());
                DumpFile basicsFile = sample.open(BASICS, Optional.empty())) {
            assertThat(reader.readInto(ratingsFile, basicsFile, movies::add)).isTrue();
            assertThat(basicsFile.commit().sha256()).as("what the gzip reader left is hashed too").isEqualTo(sha256(basics));
        }

        assertThat(movies).isNotEmpty();
        IngestProgress.Snapshot snapshot = progress.snapshot();
        assertThat(snapshot.currentFile()).isEqualTo(BASICS);
        assertThat(snapshot.bytesTotal()).isEqualTo(basics.length);
        assertThat(snapshot.bytesRead()).isEqualTo(basics.length);
        assertThat(snapshot.percentRead()).isEqualTo(100.0);
        assertThat(snapshot.megabytesPerSecond()).isNotNegative();
    }

    @Test
    void aSinkThatStopsMeansIncomplete() throws Exception {
        ImdbSource source = directoryWith(TestDumps.basics(1, 100));

        try (DumpFile ratingsFile = source.open(RATINGS, Optional.empty());
                DumpFile basicsFile = source.open(BASICS, Optional.empty())) {
            assertThat(reader.readInto(ratingsFile, basicsFile, movie -> false)).isFalse();
        }
    }

    @Test
    void aTruncatedBasicsFileIsIncomplete() throws Exception {
        byte[] basics = TestDumps.basics(1, 3000);
        ImdbSource source = directoryWith(Arrays.copyOf(basics, basics.length / 2));
        List<Movie> movies = new ArrayList<>();

        try (DumpFile ratingsFile = source.open(RATINGS, Optional.empty());
                DumpFile basicsFile = source.open(BASICS, Optional.empty())) {
            assertThat(reader.readInto(ratingsFile, basicsFile, movies::add)).isFalse();
        }
        assertThat(movies).hasSizeBetween(1, 2999);
    }

    private ImdbSource directoryWith(byte[] basics) throws Exception {
        Files.write(dir.resolve(RATINGS), TestDumps.ratings(1, 100));
        Files.write(dir.resolve(BASICS), basics);
        return new ImdbSource(dir.toString(), Path.of("data/sample"), dir.resolve("cache"), Duration.ofSeconds(1));
    }
}
