package org.imdbetl.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MovieJsonTest {

    private static final int MAX_BYTES = 1024;
    private static final Movie MOVIE = new Movie("tt0111161", "The Shawshank Redemption", "The Shawshank Redemption",
            1994, 142, List.of("Drama"), 9.3, 2_995_123L);

    private final MovieJson json = new MovieJson(MAX_BYTES);

    @Test
    void roundTripsAMovie() throws Exception {
        assertThat(json.decode(json.encode(MOVIE))).isEqualTo(MOVIE);
    }

    @Test
    void readsTheOriginalProjectsFormat() throws Exception {
        String original = "{\"tconst\":\"tt0111161\",\"titleType\":\"movie\",\"primaryTitle\":\"The Shawshank Redemption\","
                + "\"originalTitle\":\"The Shawshank Redemption\",\"isAdult\":\"0\",\"startYear\":\"1994\",\"endYear\":\"\\\\N\","
                + "\"runtimeMinutes\":\"142\",\"genres\":\"Drama\",\"averageRating\":\"9.3\",\"numVotes\":2995123.0}";

        assertThat(decode(original)).isEqualTo(MOVIE);
    }

    @Test
    void readsPandasNullsAsNull() throws Exception {
        Movie movie = decode("{\"tconst\":\"tt0000001\",\"primaryTitle\":\"x\",\"startYear\":NaN,\"runtimeMinutes\":null,"
                + "\"genres\":\"\\\\N\",\"averageRating\":NaN,\"numVotes\":NaN}");

        assertThat(movie.year()).isNull();
        assertThat(movie.runtimeMinutes()).isNull();
        assertThat(movie.genres()).isEmpty();
        assertThat(movie.rated()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json                                           | NOT_JSON",
            "[1,2,3]                                            | NOT_JSON",
            "{\"title\":\"x\"}                                  | NO_TCONST",
            "{\"tconst\":\"nm0000001\"}                         | NO_TCONST",
            "{\"tconst\":42}                                    | NO_TCONST",
            "{\"tconst\":\"tt0000001\",\"year\":\"nineteen\"}   | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"year\":-5}             | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"numVotes\":1.5}        | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"genres\":[1,2]}        | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"genres\":{}}           | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"averageRating\":12}    | WRONG_TYPE",
            "{\"tconst\":\"tt0000001\",\"title\":[\"x\"]}       | WRONG_TYPE"})
    void refusesWhatIsNotAMovieWithAReason(String record, Reason reason) {
        assertThatThrownBy(() -> decode(record))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void refusesEmptyAndOversizedRecords() {
        assertThatThrownBy(() -> json.decode(null))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
        assertThatThrownBy(() -> json.decode(new byte[MAX_BYTES + 1]))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    private Movie decode(String text) throws InvalidRecordException {
        return json.decode(text.getBytes(StandardCharsets.UTF_8));
    }
}
