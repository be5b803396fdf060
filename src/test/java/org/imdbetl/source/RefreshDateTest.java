package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imdbetl.source.DatasetLedger.RefreshDate;
import org.junit.jupiter.api.Test;

/** How a refresh is dated: never back, never twice, the same date again only for the same files resumed. */
class RefreshDateTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant DAY1 = Instant.parse("2026-12-06T06:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void aRefreshIsDatedByItsFiles() {
        RefreshDate date = DatasetLedger.dateRefresh(files(DAY2, DAY1), DatasetState.empty().completed(DAY1), Optional.of(DAY1), NOW);

        assertThat(date).isEqualTo(new RefreshDate(DAY2, null));
    }

    @Test
    void filesNotAfterTheLastRefreshGetTheMillisecondAfterIt() {
        RefreshDate date = DatasetLedger.dateRefresh(files(DAY1, DAY1), DatasetState.empty().completed(DAY1), Optional.empty(), NOW);

        assertThat(date.asOf()).isEqualTo(DAY1.plusMillis(1));
        assertThat(date.adjustment()).contains("is not after the last refresh's " + DAY1);
        // The history's newest date counts too, when it is later than the state's.
        assertThat(DatasetLedger.dateRefresh(files(DAY1, DAY1), DatasetState.empty(), Optional.of(DAY2), NOW).asOf())
                .isEqualTo(DAY2.plusMillis(1));
    }

    @Test
    void aDateInTheFutureIsKeptAndSaid() {
        Instant future = Instant.parse("2030-01-01T00:00:00Z");

        RefreshDate date = DatasetLedger.dateRefresh(files(future, future), DatasetState.empty(), Optional.empty(), NOW);

        assertThat(date.asOf()).isEqualTo(future);
        assertThat(date.adjustment()).contains("after this machine's clock");
    }

    @Test
    void theSameFilesOfARefreshThatDidNotCompleteResumeItsDate() {
        List<FileVersion> files = files(DAY2, DAY2);
        DatasetState crashed = DatasetState.empty().completed(DAY1)
                .withPending(new DatasetState.Pending(DAY2, DatasetState.filesKey(files)));

        assertThat(DatasetLedger.dateRefresh(files, crashed, Optional.of(DAY2), NOW)).isEqualTo(new RefreshDate(DAY2, null));
        // Other files are another refresh: after the one under way.
        assertThat(DatasetLedger.dateRefresh(files(DAY2, DAY2.plusSeconds(1)), crashed, Optional.of(DAY2), NOW).asOf())
                .isEqualTo(DAY2.plusSeconds(1));
        assertThat(DatasetLedger.dateRefresh(files(DAY1, DAY1), crashed, Optional.of(DAY2), NOW).asOf())
                .isEqualTo(DAY2.plusMillis(1));
    }

    private static List<FileVersion> files(Instant ratings, Instant basics) {
        return List.of(new FileVersion(null, null, null, 10, ratings.toEpochMilli(), null),
                new FileVersion(null, null, null, 20, basics.toEpochMilli(), null));
    }
}
