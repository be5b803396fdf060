package org.imdbetl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCheckpointTest {

    private static final Instant WRITTEN = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;

    /** Every kind of field a movie can have or lack, with titles in several scripts. */
    private static final List<Movie> MOVIES = List.of(
            new Movie("tt0000001", "Carmencita", "Carmencita", 1894, 1, List.of("Documentary", "Short"), 5.7, 2100L),
            new Movie("tt00000002", "Le clown et ses chiens", "Le clown", null, null, List.of(), null, null),
            new Movie("tt0111161", "Les Évadés", "The Shawshank Redemption", 1994, 142, List.of("Drama"), 9.3, 2_900_000L),
            new Movie("tt9999999", "七人の侍", null, 1954, 207, List.of("Action", "Drama"), 8.6, 3_999L),
            new Movie("tt1234567890", "Я шагаю по Москве \"quoted\"\ttab", "", 2200, 0, List.of("Comedy"), 1.0, 5L));

    @Test
    void keepsEveryFieldOfEveryMovieAndTheOffsets() throws IOException {
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 12L, 2, 7L), WRITTEN, scored(MOVIES));

        StoreCheckpoint read = StoreCheckpoint.read(file).orElseThrow();

        assertThat(read.movies()).containsExactlyElementsOf(MOVIES);
        assertThat(read.topicId()).isEqualTo("topic-a");
        assertThat(read.offsets()).isEqualTo(Map.of(0, 12L, 2, 7L));
        assertThat(read.writtenAt()).isEqualTo(WRITTEN);
        assertThat(StoreCheckpoint.read(dir.resolve("absent.bin"))).isEmpty();
    }

    @Test
    void aStoreLoadedFromItAnswersLikeTheStoreItWasWrittenFrom() throws IOException {
        List<Movie> movies = new ArrayList<>(MOVIES);
        // More than a bulk load's threshold, so the restored store indexes its titles in one bulk load.
        for (int i = 0; i < ScoringStore.BULK_LOAD + 2_000; i++) {
            movies.add(new Movie(String.format("tt%07d", 100_000 + i), "Title " + (i % 97) + " word" + i, null,
                    1900 + i % 120, 90, List.of(i % 2 == 0 ? "Drama" : "Comedy"), 1.0 + (i % 90) / 10.0, 10L + i * 7L));
        }
        ScoringStore original = new ScoringStore(3000, OptionalDouble.of(6.5));
        for (int from = 0; from < movies.size(); from += 1_000) {
            original.upsertAll(movies.subList(from, Math.min(movies.size(), from + 1_000)));
        }
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, (long) movies.size()), WRITTEN, original.allRanked());

        ScoringStore restored = new ScoringStore(3000, OptionalDouble.of(6.5));
        restored.upsertAll(StoreCheckpoint.read(file).orElseThrow().movies());

        assertThat(restored.allRanked()).containsExactlyElementsOf(original.allRanked());
        assertThat(restored.genreCounts()).containsExactlyElementsOf(original.genreCounts());
        for (String query : List.of("word17", "wrod1234", "title 5", "evades", "шагаю", "seven samurai")) {
            assertThat(restored.search(SearchQuery.of(query, 20)).hits()).as(query)
                    .containsExactlyElementsOf(original.search(SearchQuery.of(query, 20)).hits());
        }
    }

    @Test
    void aTornOrCorruptedFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 5L), WRITTEN, scored(MOVIES));
        byte[] whole = Files.readAllBytes(file);

        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x10;
        Files.write(file, flipped);
        assertThatThrownBy(() -> StoreCheckpoint.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");

        Files.write(file, Arrays.copyOf(whole, whole.length - 20));
        assertThatThrownBy(() -> StoreCheckpoint.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());

        Files.write(file, new byte[3]);
        assertThatThrownBy(() -> StoreCheckpoint.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void isUsedOnlyForTheSameTopicWithinItsOffsetsAndRetention() {
        StoreCheckpoint checkpoint = new StoreCheckpoint("topic-a", Map.of(0, 10L, 1, 4L), WRITTEN, MOVIES);
        Map<Integer, Long> ends = Map.of(0, 12L, 1, 4L);
        Map<Integer, Long> silver = Map.of(0, 10L, 1, 9L);
        Instant hourLater = WRITTEN.plus(Duration.ofHours(1));

        assertThat(checkpoint.reasonNotToUse("topic-a", ends, silver, DAY, hourLater)).isEmpty();
        assertThat(checkpoint.reasonNotToUse("topic-a", ends, null, DAY, hourLater)).isEmpty();

        assertThat(checkpoint.reasonNotToUse(null, ends, silver, DAY, hourLater)).get().asString()
                .contains("not known");
        assertThat(checkpoint.reasonNotToUse("topic-b", ends, silver, DAY, hourLater)).get().asString()
                .contains("another topic");
        assertThat(checkpoint.reasonNotToUse("topic-a", Map.of(0, 12L, 1, 3L), silver, DAY, hourLater)).get().asString()
                .contains("past the topic's end");
        assertThat(checkpoint.reasonNotToUse("topic-a", ends, Map.of(0, 9L, 1, 9L), DAY, hourLater)).get().asString()
                .contains("ahead of the silver log");
        assertThat(checkpoint.reasonNotToUse("topic-a", ends, silver, DAY, WRITTEN.plus(DAY))).get().asString()
                .contains("delete.retention.ms");
        assertThat(checkpoint.reasonNotToUse("topic-a", ends, silver, Duration.ofMinutes(30), hourLater)).isPresent();
    }

    private static List<ScoredMovie> scored(List<Movie> movies) {
        return movies.stream().map(movie -> new ScoredMovie(movie, null)).toList();
    }
}
