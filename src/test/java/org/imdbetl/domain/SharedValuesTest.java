package org.imdbetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedValuesTest {

    @Test
    void movies_share_equal_boxes_and_genre_lists() {
        Movie a = new Movie("tt0000001", "A", null, Integer.valueOf(1999), Integer.valueOf(142),
                new ArrayList<>(List.of("Drama", "Crime")), Double.valueOf(7.3), Long.valueOf(1234));
        Movie b = new Movie("tt0000002", "B", null, Integer.valueOf(1999), Integer.valueOf(142),
                new ArrayList<>(List.of("Drama", "Crime")), Double.valueOf(7.3), Long.valueOf(1234));

        assertThat(a.year()).isSameAs(b.year()).isEqualTo(1999);
        assertThat(a.runtimeMinutes()).isSameAs(b.runtimeMinutes()).isEqualTo(142);
        assertThat(a.averageRating()).isSameAs(b.averageRating()).isEqualTo(7.3);
        assertThat(a.numVotes()).isSameAs(b.numVotes()).isEqualTo(1234L);
        assertThat(a.genres()).isSameAs(b.genres()).containsExactly("Drama", "Crime");
    }

    @Test
    void values_outside_the_tables_are_kept_as_they_are() {
        assertThat(SharedValues.rating(7.25)).isEqualTo(7.25);
        assertThat(SharedValues.rating(Double.NaN)).isNaN();
        assertThat(SharedValues.rating(-0.0)).isEqualTo(-0.0);
        assertThat(SharedValues.rating(null)).isNull();
        assertThat(SharedValues.votes(2_000_000L)).isEqualTo(2_000_000L);
        assertThat(SharedValues.votes(-1L)).isEqualTo(-1L);
        assertThat(SharedValues.integer(-5)).isEqualTo(-5);
        assertThat(SharedValues.integer(99_999)).isEqualTo(99_999);
        assertThat(SharedValues.integer(null)).isNull();
        assertThat(SharedValues.genres(null)).isEmpty();
    }

    @Test
    void every_tenth_from_0_to_10_is_shared_and_exact() {
        for (int tenths = 0; tenths <= 100; tenths++) {
            double parsed = Double.parseDouble(tenths / 10 + "." + tenths % 10);
            assertThat(SharedValues.rating(parsed)).isEqualTo(parsed).isSameAs(SharedValues.rating(parsed));
        }
    }

    @Test
    void shared_genre_lists_cannot_be_changed() {
        List<String> genres = SharedValues.genres(new ArrayList<>(List.of("Comedy")));
        assertThat(genres).isUnmodifiable();
    }
}
