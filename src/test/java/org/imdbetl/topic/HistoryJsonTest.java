package org.imdbetl.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint.Event;
import org.imdbetl.history.HistoryPoint;
import org.junit.jupiter.api.Test;

class HistoryJsonTest {

    private final HistoryJson json = new HistoryJson();
    private static final Instant AS_OF = Instant.parse("2024-01-02T06:00:00.123Z");

    @Test
    void aPointSurvivesTheTopic() throws InvalidRecordException {
        HistoryEntry rated = new HistoryEntry("tt0111161", new HistoryPoint(AS_OF, Event.CHANGED, 9.3, 2995123L, 9.29));
        HistoryEntry removed = new HistoryEntry("tt00000001", new HistoryPoint(AS_OF, Event.REMOVED, null, null, null));

        assertThat(json.decode(json.encode(rated))).isEqualTo(rated);
        assertThat(json.decode(json.encode(removed))).isEqualTo(removed);
        assertThat(new String(json.encode(rated), StandardCharsets.UTF_8)).isEqualTo(
                "{\"tconst\":\"tt0111161\",\"asOf\":\"2024-01-02T06:00:00.123Z\",\"event\":\"CHANGED\","
                        + "\"averageRating\":9.3,\"numVotes\":2995123,\"weightedScore\":9.29}");
    }

    @Test
    void pointsOfDifferentRefreshesInTurnKeepTheirOwnAsOf() throws InvalidRecordException {
        Instant later = AS_OF.plusSeconds(86_400);
        HistoryEntry first = new HistoryEntry("tt0111161", new HistoryPoint(AS_OF, Event.NEW, 9.3, 10L, 7.0));
        HistoryEntry second = new HistoryEntry("tt0111161", new HistoryPoint(later, Event.CHANGED, 9.2, 12L, 7.1));

        for (int round = 0; round < 2; round++) {
            assertThat(json.decode(json.encode(first))).isEqualTo(first);
            assertThat(json.key(second)).isEqualTo("tt0111161@2024-01-03T06:00:00.123Z");
            assertThat(json.decode(json.encode(second))).isEqualTo(second);
            assertThat(json.key(first)).isEqualTo("tt0111161@2024-01-02T06:00:00.123Z");
        }
        // The same instant written another way is read as that instant.
        HistoryEntry read = json.decode(("{\"tconst\":\"tt0111161\",\"asOf\":\"2024-01-02T07:00:00.123+01:00\","
                + "\"event\":\"NEW\",\"numVotes\":10}").getBytes(StandardCharsets.UTF_8));
        assertThat(read.point().asOf()).isEqualTo(AS_OF);
    }

    @Test
    void theKeyIsOnePerMovieAndRefresh() {
        HistoryEntry entry = new HistoryEntry("tt0111161", new HistoryPoint(AS_OF, Event.NEW, 9.3, 10L, 7.0));

        assertThat(json.key(entry)).isEqualTo("tt0111161@2024-01-02T06:00:00.123Z");
    }

    @Test
    void whatIsNotAPointIsRefusedWithAReason() {
        assertReason(null, Reason.EMPTY);
        assertReason("", Reason.EMPTY);
        assertReason("{not json", Reason.NOT_JSON);
        assertReason("[1,2]", Reason.NOT_JSON);
        assertReason("{\"tconst\":\"nope\",\"asOf\":\"2024-01-02T06:00:00Z\",\"event\":\"NEW\"}", Reason.NO_TCONST);
        assertReason("{\"tconst\":\"tt0111161\",\"asOf\":\"yesterday\",\"event\":\"NEW\"}", Reason.WRONG_TYPE);
        assertReason("{\"tconst\":\"tt0111161\",\"asOf\":\"2024-01-02T06:00:00Z\",\"event\":\"MOVED\"}", Reason.WRONG_TYPE);
        assertReason("{\"tconst\":\"tt0111161\",\"asOf\":\"2024-01-02T06:00:00.000001Z\",\"event\":\"NEW\"}",
                Reason.WRONG_TYPE);
        assertReason("{\"tconst\":\"tt0111161\",\"asOf\":\"2024-01-02T06:00:00Z\",\"event\":\"NEW\",\"averageRating\":\"high\"}",
                Reason.WRONG_TYPE);
    }

    private void assertReason(String value, Reason reason) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> json.decode(bytes)).isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
    }
}
