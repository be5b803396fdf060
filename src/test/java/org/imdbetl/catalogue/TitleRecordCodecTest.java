package org.imdbetl.catalogue;

import org.imdbetl.domain.TitleRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.junit.jupiter.api.Test;

class TitleRecordCodecTest {

    static final TitleRecord EPISODE = new TitleRecord("tt2301451", "tvEpisode", "Ozymandias", "Ozymandias", false,
            2013, null, 47, List.of("Crime", "Drama", "Thriller"), 10.0, 250_000L, "tt0903747", 5, 14);
    static final TitleRecord BARE = new TitleRecord("tt99999999", "movie", "\"Quoted", null, true,
            null, null, null, List.of(), null, null, null, null, null);
    static final TitleRecord UNKNOWN_VALUES = new TitleRecord("tt0000001", "podcastEpisode", "東京物語", "Tōkyō monogatari",
            false, 1953, 1954, 136, List.of("Drama", "Cooking"), 8.1, 70_000L, null, null, 3);

    @Test
    void everyFieldComesBack() throws Exception {
        for (TitleRecord title : List.of(EPISODE, BARE, UNKNOWN_VALUES)) {
            byte[] value = TitleRecordCodec.encode(title);
            TitleRecord back = TitleRecordCodec.decode(title.tconst(), value);
            TitleRecord expected = title.originalTitle() == null
                    ? new TitleRecord(title.tconst(), title.titleType(), title.primaryTitle(), title.primaryTitle(),
                            title.adult(), null, null, null, List.of(), null, null, null, null, null)
                    : title;
            assertThat(back).isEqualTo(expected);
        }
    }

    @Test
    void theSameTitleEncodesToTheSameBytes() {
        TitleRecord copy = new TitleRecord("tt2301451", "tvEpisode", "Ozymandias", new String("Ozymandias"), false,
                2013, null, 47, List.of("Crime", "Drama", "Thriller"), 10.0, 250_000L, "tt0903747", 5, 14);
        assertThat(TitleRecordCodec.encode(copy)).isEqualTo(TitleRecordCodec.encode(EPISODE));
        TitleRecord rerated = new TitleRecord("tt2301451", "tvEpisode", "Ozymandias", "Ozymandias", false,
                2013, null, 47, List.of("Crime", "Drama", "Thriller"), 10.0, 250_001L, "tt0903747", 5, 14);
        assertThat(TitleRecordCodec.encode(rerated)).isNotEqualTo(TitleRecordCodec.encode(EPISODE));
    }

    @Test
    void anotherVersionIsRefusedByName() {
        byte[] value = TitleRecordCodec.encode(EPISODE);
        value[0] = 2;
        assertThatThrownBy(() -> TitleRecordCodec.decode("tt2301451", value))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_VERSION))
                .hasMessageContaining("version 2");
    }

    @Test
    void everyCutAndEveryFlippedByteIsRefusedOrReadNeverThrowsAnythingElse() {
        byte[] value = TitleRecordCodec.encode(UNKNOWN_VALUES);
        for (int length = 0; length < value.length; length++) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatThrownBy(() -> TitleRecordCodec.decode("tt0000001", cut)).isInstanceOf(InvalidRecordException.class);
        }
        for (int i = 1; i < value.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = value.clone();
                flipped[i] ^= (byte) (1 << bit);
                try {
                    TitleRecordCodec.decode("tt0000001", flipped);
                } catch (InvalidRecordException e) {
                    assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.EMPTY);
                }
            }
        }
    }

    @Test
    void aKeyThatIsNotATconstIsRefused() {
        assertThatThrownBy(() -> TitleRecordCodec.decode("nm0000001", TitleRecordCodec.encode(EPISODE)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_TCONST));
    }
}
