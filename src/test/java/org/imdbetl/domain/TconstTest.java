package org.imdbetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TconstTest {

    @Test
    void numberAndBackKeepTheDigitCount() {
        for (String tconst : List.of("tt0000001", "tt00000001", "tt0111161", "tt9999999999", "tt1234567", "tt0000000")) {
            assertThat(Tconst.fromNumber(Tconst.number(tconst))).isEqualTo(tconst);
        }
        assertThat(Tconst.number("tt0000001")).isNotEqualTo(Tconst.number("tt00000001"));
    }
}
