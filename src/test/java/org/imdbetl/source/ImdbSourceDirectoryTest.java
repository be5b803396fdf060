package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imdbetl.source.ImdbSourceDownloadTest.readAll;
import static org.imdbetl.source.ImdbSourceDownloadTest.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory source: size and mtime first, the SHA-256 only when they moved. */
class ImdbSourceDirectoryTest {

    private static final String BASICS = ImdbReader.BASICS_FILE;

    @TempDir
    Path dir;
    @TempDir
    Path cacheDir;

    private ImdbSource source;
    private Path file;

    @BeforeEach
    void createSource() {
        source = new ImdbSource(dir.toString(), Path.of("data/sample"), cacheDir, Duration.ofSeconds(1));
        file = dir.resolve(BASICS);
    }

    @Test
    void unchangedBySizeAndMtimeThenBySha256AfterATouchThenChangedAfterARewrite() throws Exception {
        byte[] day1 = TestDumps.basics(1, 300);
        Files.write(file, day1);
        setMtime(1_700_000_000_000L);

        FileVersion first;
        try (DumpFile dump = source.open(BASICS, Optional.empty())) {
            assertThat(dump.changed()).isTrue();
            assertThat(dump.checkResult()).isEqualTo("no previous version");
            assertThat(dump.describe()).isEqualTo(file.toString());
            assertThat(dump.totalBytes()).isEqualTo(day1.length);
            assertThat(readAll(dump)).isEqualTo(day1);
            first = dump.commit();
        }
        assertThat(first).isEqualTo(new FileVersion(null, null, null, day1.length, 1_700_000_000_000L, sha256(day1)));

        try (DumpFile dump = source.open(BASICS, Optional.of(first))) {
            assertThat(dump.changed()).isFalse();
            assertThat(dump.checkResult()).isEqualTo("size and mtime unchanged");
            assertThat(dump.version()).isEqualTo(first);
            assertThat(readAll(dump)).isEqualTo(day1);
        }

        setMtime(1_700_000_060_000L);
        try (DumpFile dump = source.open(BASICS, Optional.of(first))) {
            assertThat(dump.changed()).isFalse();
            assertThat(dump.checkResult()).isEqualTo("SHA-256 unchanged");
            assertThat(dump.version().modifiedMillis()).isEqualTo(1_700_000_060_000L);
            assertThat(dump.version().sha256()).isEqualTo(first.sha256());
        }

        byte[] sameSize = Arrays.copyOf(day1, day1.length);
        sameSize[day1.length / 2] ^= 1;
        Files.write(file, sameSize);
        setMtime(1_700_000_120_000L);
        try (DumpFile dump = source.open(BASICS, Optional.of(first))) {
            assertThat(dump.changed()).isTrue();
            assertThat(dump.checkResult()).isEqualTo("SHA-256 changed");
            assertThat(readAll(dump)).isEqualTo(sameSize);
            assertThat(dump.commit().sha256()).isEqualTo(sha256(sameSize));
        }

        byte[] day2 = TestDumps.basics(2, 400);
        Files.write(file, day2);
        try (DumpFile dump = source.open(BASICS, Optional.of(first))) {
            assertThat(dump.changed()).isTrue();
            assertThat(dump.checkResult()).isEqualTo("size changed");
            assertThat(dump.commit().sha256()).as("hashed without being read").isEqualTo(sha256(day2));
        }
    }

    @Test
    void theSampleIsADirectoryToo() throws Exception {
        ImdbSource sample = new ImdbSource(ImdbSource.SAMPLE, Path.of("data/sample"), cacheDir, Duration.ofSeconds(1));
        byte[] expected = Files.readAllBytes(Path.of("data/sample", BASICS));

        try (DumpFile dump = sample.open(BASICS, Optional.empty())) {
            assertThat(readAll(dump)).isEqualTo(expected);
            assertThat(dump.commit().sha256()).isEqualTo(sha256(expected));
        }
        assertThat(sample.stateFile()).isNotEqualTo(source.stateFile()).hasParentRaw(cacheDir);
    }

    @Test
    void aMissingFileSaysWhatToSet() {
        assertThatThrownBy(() -> source.open(BASICS, Optional.empty()))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("IMDB_SOURCE");
    }

    private void setMtime(long millis) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }
}
