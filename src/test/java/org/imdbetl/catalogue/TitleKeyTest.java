package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitleKeyTest {

    @Test
    void aKeyGivesItsTconstBack() {
        for (String tconst : List.of("tt0000001", "tt00000001", "tt9999999", "tt10000000", "tt9999999999", "tt0111161")) {
            long key = TitleKey.of(tconst);
            assertThat(TitleKey.tconst(key)).isEqualTo(tconst);
            assertThat(TitleKey.read(TitleKey.bytes(key), 0)).isEqualTo(key);
            assertThat(TitleKey.digits(key)).isEqualTo(tconst.length() - 2);
        }
    }

    @Test
    void insideOneDigitCountKeysBytesAndTextSortAlike() {
        List<String> tconsts = List.of("tt0000001", "tt0000010", "tt0999999", "tt1000000", "tt9999999",
                "tt10000000", "tt10000001", "tt99999999", "tt0000002");
        for (int digits = 7; digits <= 8; digits++) {
            int d = digits;
            List<String> same = tconsts.stream().filter(t -> t.length() - 2 == d).toList();
            List<String> byText = same.stream().sorted().toList();
            List<String> byBytes = same.stream().sorted(Comparator.comparing(TitleKey::of,
                    (a, b) -> Arrays.compareUnsigned(TitleKey.bytes(a), TitleKey.bytes(b)))).toList();
            assertThat(byBytes).isEqualTo(byText);
        }
        // Fewer digits first, so a walk of one digit count is one key range.
        assertThat(Arrays.compareUnsigned(TitleKey.bytes(TitleKey.of("tt9999999")),
                TitleKey.bytes(TitleKey.of("tt10000000")))).isNegative();
        assertThat(TitleKey.first(8)).isGreaterThan(TitleKey.of("tt9999999")).isLessThanOrEqualTo(TitleKey.of("tt00000000"));
    }

    @Test
    void aSeriesEpisodesSortBySeasonThenEpisodeWithUnnumberedLast() {
        long series = TitleKey.of("tt0903747");
        byte[] s1e2 = EpisodeKey.of(series, 1, 2, TitleKey.of("tt0999001"));
        byte[] s1e10 = EpisodeKey.of(series, 1, 10, TitleKey.of("tt0999000"));
        byte[] s2e1 = EpisodeKey.of(series, 2, 1, TitleKey.of("tt0998000"));
        byte[] s2none = EpisodeKey.of(series, 2, null, TitleKey.of("tt0997000"));
        byte[] noneA = EpisodeKey.of(series, null, null, TitleKey.of("tt0990000"));
        byte[] noneB = EpisodeKey.of(series, null, null, TitleKey.of("tt0991000"));
        byte[] otherSeries = EpisodeKey.of(TitleKey.of("tt0903748"), 1, 1, TitleKey.of("tt0000002"));
        List<byte[]> sorted = List.of(otherSeries, noneB, s2e1, noneA, s1e10, s2none, s1e2).stream()
                .sorted(Arrays::compareUnsigned).toList();
        assertThat(sorted).containsExactly(s1e2, s1e10, s2e1, s2none, noneA, noneB, otherSeries);
        assertThat(EpisodeKey.season(s2none)).isEqualTo(2);
        assertThat(EpisodeKey.episode(s2none)).isNull();
        assertThat(EpisodeKey.series(s1e10)).isEqualTo(series);
        assertThat(TitleKey.tconst(EpisodeKey.title(s1e10))).isEqualTo("tt0999000");
        byte[] prefix = EpisodeKey.prefix(series);
        assertThat(Arrays.equals(s1e2, 0, prefix.length, prefix, 0, prefix.length)).isTrue();
    }
}
