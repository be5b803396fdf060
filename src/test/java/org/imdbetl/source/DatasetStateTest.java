package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStateTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsTheEmptyState() throws IOException {
        DatasetState state = DatasetState.load(dir.resolve("dataset-none.properties"));

        assertThat(state).isEqualTo(DatasetState.empty());
        assertThat(state.file(ImdbReader.BASICS_FILE)).isEmpty();
    }

    @Test
    void savesAndLoadsBothFilesAsTheyWere() throws IOException {
        Path file = dir.resolve("dataset-x.properties");
        FileVersion basics = new FileVersion("W/\"5f3a=:#!\"", "Tue, 15 Nov 1994 08:12:31 GMT", 215_000_000L,
                215_000_000L, 0, SHA_A);
        FileVersion ratings = new FileVersion(null, null, null, 7_654_321L, 1_700_000_000_123L, SHA_B);
        DatasetState state = DatasetState.empty()
                .with(ImdbReader.BASICS_FILE, basics)
                .with(ImdbReader.RATINGS_FILE, ratings);

        state.save(file);
        DatasetState loaded = DatasetState.load(file);

        assertThat(loaded).isEqualTo(state);
        assertThat(loaded.file(ImdbReader.BASICS_FILE)).contains(basics);
        assertThat(loaded.file(ImdbReader.RATINGS_FILE)).contains(ratings);
        assertThat(TestDumps.tempFiles(dir)).isEmpty();

        FileVersion next = new FileVersion("\"day2\"", null, 10L, 10L, 0, SHA_B);
        loaded.with(ImdbReader.BASICS_FILE, next).save(file);
        assertThat(DatasetState.load(file).file(ImdbReader.BASICS_FILE)).contains(next);
        assertThat(DatasetState.load(file).file(ImdbReader.RATINGS_FILE)).contains(ratings);
    }

    @Test
    void keepsTheLastRefreshsDateAndOneUnderWay() throws IOException {
        Path file = dir.resolve("dataset-dates.properties");
        FileVersion basics = new FileVersion(null, "Tue, 15 Nov 1994 08:12:31 GMT", 10L, 10L, 0, SHA_A);
        DatasetState.Pending pending = new DatasetState.Pending(Instant.parse("2030-01-01T00:00:00.001Z"),
                DatasetState.filesKey(List.of(basics)));
        DatasetState state = DatasetState.empty().with(ImdbReader.BASICS_FILE, basics)
                .completed(Instant.parse("2030-01-01T00:00:00Z")).withPending(pending);

        state.save(file);
        DatasetState loaded = DatasetState.load(file);

        assertThat(loaded).isEqualTo(state);
        assertThat(loaded.asOf()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(loaded.pending()).contains(pending);
        assertThat(loaded.completed(Instant.parse("2030-01-02T00:00:00Z")).pending()).isEmpty();
        // A file of the format before the dates is still read.
        Files.writeString(file, "format=1\ntitle.basics.tsv.gz.size=10\ntitle.basics.tsv.gz.modifiedMillis=0\n");
        assertThat(DatasetState.load(file).asOf()).isEmpty();
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("dataset-bad.properties");
        for (String content : new String[] {
                "format=1\ntitle.basics.tsv.gz.size=abc\ntitle.basics.tsv.gz.modifiedMillis=0\n",
                "format=1\ntitle.basics.tsv.gz.size=1\n",
                "format=1\ntitle.basics.tsv.gz.size=1\ntitle.basics.tsv.gz.modifiedMillis=0\ntitle.basics.tsv.gz.sha256=xyz\n",
                "format=1\nkey\\uZZZZ=1\n",
                "\u0000\u0001 not a properties file at all",
        }) {
            Files.writeString(file, content);

            assertThatThrownBy(() -> DatasetState.load(file)).as(content)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("corrupt");
        }
    }
}
