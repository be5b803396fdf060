package org.imdbetl.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;

class SilverLogTest {

    private static final long NOW = 1_700_000_000_000L;

    private final SilverLog silver = new SilverLog();

    @Test
    void skipsRecordsTheManifestAlreadyCovers() {
        silver.resumeAfter(Map.of(0, 2L, 1, 1L));

        for (long offset = 0; offset < 4; offset++) {
            silver.append(consumed(0, offset), 7.0, NOW);
            silver.append(consumed(1, offset), 7.0, NOW);
        }

        assertThat(silver.drain()).extracting(row -> row.partition() + "@" + row.offset())
                .containsExactly("1@1", "0@2", "1@2", "0@3", "1@3");
        assertThat(silver.hasPending()).isFalse();
    }

    @Test
    void takesARedeliveredRecordOnlyOnce() {
        silver.append(consumed(0, 0), 7.0, NOW);
        silver.append(consumed(0, 1), 7.0, NOW);

        // the consumer lost its group and starts again from the earliest offset
        silver.append(consumed(0, 0), 7.0, NOW);
        silver.append(consumed(0, 1), 7.0, NOW);
        silver.append(consumed(0, 2), 7.0, NOW);

        assertThat(silver.drain()).extracting(SilverRow::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aFailedWriteKeepsItsRowsFirstInLine() {
        silver.append(consumed(0, 0), 7.0, NOW);
        List<SilverRow> failed = silver.drain();
        silver.append(consumed(0, 1), 7.0, NOW);

        silver.restore(failed);

        assertThat(silver.drain()).extracting(SilverRow::offset).containsExactly(0L, 1L);
    }

    @Test
    void keepsNothingOnAnInstanceThatWritesNoSnapshots() {
        silver.disable();

        silver.append(consumed(0, 0), 7.0, NOW);

        assertThat(silver.hasPending()).isFalse();
    }

    @Test
    void committedOffsetsOnlyMoveForward() {
        silver.committed(Map.of(0, 5L));
        silver.committed(Map.of(0, 3L, 1, 2L));

        assertThat(silver.committedOffsets()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 5L, 1, 2L));
    }

    private static ConsumedMovie consumed(int partition, long offset) {
        Movie movie = new Movie("tt" + String.format("%07d", partition * 100 + offset), "T", "T", 2000, 90,
                List.of("Drama"), 7.0, 100L);
        return ConsumedMovie.upsert(movie, partition, offset);
    }
}
