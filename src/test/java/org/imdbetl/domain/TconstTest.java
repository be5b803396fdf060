package org.imdbetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TconstTest {

    @Test
    void numberAndBackKeepTheDigitCount() {
        for (String tconst : List.of("tt0000001", "tt00000001", "tt0111161", "tt9999999999", "tt1234567", "tt0000000")) {
            assertThat(Tconst.fromNumber(Tconst.number(tconst))).isEqualTo(tconst);
        }
        assertThat(Tconst.number("tt0000001")).isNotEqualTo(Tconst.number("tt00000001"));
    }

    @Test
    void validIsWhatTheDocumentedPatternMatches() {
        Pattern documented = Pattern.compile("tt\\d{7,10}");
        List<String> values = List.of("tt0000001", "tt1234567", "tt12345678", "tt123456789", "tt1234567890",
                "tt123456", "tt12345678901", "tt", "", "t1234567", "TT1234567", "tx1234567", "tt123456a",
                "tt 1234567", "tt1234567 ", "tt\u0661234567", "tt-123456", "nm1234567", "tt０１２３４５６");
        for (String value : values) {
            assertThat(Tconst.isValid(value)).as(value).isEqualTo(documented.matcher(value).matches());
        }
        assertThat(Tconst.isValid(null)).isFalse();
    }

    @Test
    void sortKeysSortAsTheTconstStringsDo() {
        SplittableRandom random = new SplittableRandom(15);
        List<String> tconsts = new ArrayList<>(List.of("tt1000000", "tt10000000", "tt9999999", "tt0000000",
                "tt00000000", "tt9999999999", "tt1000000000", "tt0100000"));
        for (int i = 0; i < 20_000; i++) {
            int digits = 7 + random.nextInt(4);
            StringBuilder tconst = new StringBuilder("tt");
            for (int d = 0; d < digits; d++) {
                // Few distinct digits, so that prefixes and padded ties are common.
                tconst.append((char) ('0' + random.nextInt(3)));
            }
            tconsts.add(tconst.toString());
        }
        List<String> byString = tconsts.stream().sorted().toList();
        long[] keys = tconsts.stream().mapToLong(t -> Tconst.sortKey(Tconst.number(t))).sorted().toArray();
        List<String> byKey = Arrays.stream(keys).mapToObj(key -> Tconst.fromNumber(Tconst.numberOfSortKey(key))).toList();

        assertThat(byKey).isEqualTo(byString);
    }
}
