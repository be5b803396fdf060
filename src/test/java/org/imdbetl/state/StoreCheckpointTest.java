package org.imdbetl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.CRC32;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.search.SavedAnalysis;
import org.imdbetl.search.SearchQuery;
import org.imdbetl.search.TitleIndex;
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
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 12L, 2, 7L), WRITTEN, scored(MOVIES), null);

        StoreCheckpoint read = StoreCheckpoint.read(file).orElseThrow();

        assertThat(read.movies()).containsExactlyElementsOf(MOVIES);
        assertThat(read.topicId()).isEqualTo("topic-a");
        assertThat(read.offsets()).isEqualTo(Map.of(0, 12L, 2, 7L));
        assertThat(read.writtenAt()).isEqualTo(WRITTEN);
        assertThat(StoreCheckpoint.read(dir.resolve("absent.bin"))).isEmpty();
    }

    @Test
    void aStoreLoadedFromItAnswersLikeTheStoreItWasWrittenFrom() throws IOException {
        ScoringStore original = storeOfManyMovies();
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 1L), WRITTEN, original.allRanked(), null);

        StoreCheckpoint read = StoreCheckpoint.read(file).orElseThrow();
        assertThat(read.titles()).isNull();
        ScoringStore restored = new ScoringStore(3000, OptionalDouble.of(6.5));
        restored.load(read.movies(), read.titles());

        assertAnswersAlike(restored, original);
    }

    @Test
    void aStoreLoadedWithTheTitleAnalysisSearchesAsOneThatAnalysedEveryTitle() throws IOException {
        ScoringStore original = storeOfManyMovies();
        // A word no movie has any more stays in the live dictionary; the checkpoint leaves it out.
        original.upsertAll(List.of(new Movie("tt7000001", "Ephemeral Zyzzyva", null, 2001, 90, List.of("Drama"), 7.0, 900L)));
        original.applyAll(List.of(ConsumedMovie.tombstone("tt7000001", 0, 0)));
        List<ScoredMovie> ranked = original.allRanked();
        SavedAnalysis analysis = original.titleAnalysis(ranked).orElseThrow();
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 1L), WRITTEN, ranked, analysis);

        StoreCheckpoint read = StoreCheckpoint.read(file).orElseThrow();
        assertThat(read.titles()).isNotNull();
        assertThat(read.titles().stamp()).isEqualTo(TitleIndex.ANALYSIS);
        assertThat(new String(read.titles().chars())).doesNotContain("zyzzyva").contains("carmencita");
        ScoringStore loaded = new ScoringStore(3000, OptionalDouble.of(6.5));
        loaded.load(read.movies(), read.titles());
        ScoringStore analysed = new ScoringStore(3000, OptionalDouble.of(6.5));
        analysed.upsertAll(read.movies());

        assertAnswersAlike(loaded, original);
        assertAnswersAlike(loaded, analysed);
        assertThat(loaded.search(SearchQuery.of("zyzzyva", 5)).movies()).isEmpty();

        // And it goes on following changes as an index built title by title does.
        List<Movie> changes = List.of(
                new Movie("tt0111161", "The Shawshank Redemption", "Rita Hayworth and Shawshank", 1994, 142,
                        List.of("Drama"), 9.3, 2_900_001L),
                new Movie("tt8000001", "Brand New Word17 Title", null, 2026, 100, List.of("Comedy"), 6.0, 50L));
        for (ScoringStore store : List.of(loaded, analysed)) {
            store.upsertAll(changes);
            store.applyAll(List.of(ConsumedMovie.tombstone("tt0100017", 0, 0)));
        }
        assertAnswersAlike(loaded, analysed);
        assertThat(loaded.search(SearchQuery.of("hayworth", 5)).movies()).extracting(ScoredMovie::tconst)
                .containsExactly("tt0111161");
        assertThat(loaded.search(SearchQuery.of("word17", 50)).movies()).extracting(ScoredMovie::tconst)
                .contains("tt8000001").doesNotContain("tt0100017");
    }

    @Test
    void aTitleAnalysisOfAnotherBuildOrABrokenOneIsNotUsed() {
        ScoringStore original = storeOfManyMovies();
        List<ScoredMovie> ranked = original.allRanked();
        List<Movie> movies = ranked.stream().map(ScoredMovie::movie).toList();
        SavedAnalysis good = original.titleAnalysis(ranked).orElseThrow();
        assertThat(good.defect(movies.size())).isNull();
        int[] outOfRange = good.movieTerms().clone();
        outOfRange[0] = good.termCount();
        List<SavedAnalysis> unusable = List.of(
                new SavedAnalysis("titles-0/java-1", good.chars(), good.termEnds(), good.bySecond(), good.shapes(),
                        good.movieTermEnds(), good.movieTerms()),
                new SavedAnalysis(good.stamp(), good.chars(), good.termEnds(), good.bySecond(), good.shapes(),
                        good.movieTermEnds(), outOfRange),
                new SavedAnalysis(good.stamp(), good.chars(), good.termEnds(), good.bySecond(),
                        Arrays.copyOf(good.shapes(), 3), Arrays.copyOf(good.movieTermEnds(), 3), good.movieTerms()));
        assertThat(unusable.get(1).defect(movies.size())).contains("out of range");
        assertThat(unusable.get(2).defect(movies.size())).contains("covers 3 movies");
        for (SavedAnalysis analysis : unusable) {
            ScoringStore restored = new ScoringStore(3000, OptionalDouble.of(6.5));
            restored.load(movies, analysis);
            assertAnswersAlike(restored, original);
        }
        // Equal movies that are not the instances the store holds: the index cannot vouch for them.
        List<ScoredMovie> copies = ranked.stream().map(s -> new ScoredMovie(copy(s.movie()), s.weightedScore())).toList();
        assertThat(original.titleAnalysis(copies)).isEmpty();
    }

    @Test
    void aFormatOneFileWithoutTitlesIsStillRead() throws IOException {
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 12L), WRITTEN, scored(MOVIES), null);
        byte[] two = Files.readAllBytes(file);
        // Format 1 is format 2 without the byte that says whether titles follow.
        byte[] one = Arrays.copyOf(two, two.length - Long.BYTES - 1);
        ByteBuffer.wrap(one).putInt(4, 1);
        CRC32 crc = new CRC32();
        crc.update(one);
        Files.write(file, ByteBuffer.allocate(one.length + Long.BYTES).put(one).putLong(crc.getValue()).array());

        StoreCheckpoint read = StoreCheckpoint.read(file).orElseThrow();

        assertThat(read.movies()).containsExactlyElementsOf(MOVIES);
        assertThat(read.titles()).isNull();
    }

    private static ScoringStore storeOfManyMovies() {
        List<Movie> movies = new ArrayList<>(MOVIES);
        // More than a bulk load's threshold, so a restored store indexes its titles in one bulk load.
        for (int i = 0; i < ScoringStore.BULK_LOAD + 2_000; i++) {
            movies.add(new Movie(String.format("tt%07d", 100_000 + i), "Title " + (i % 97) + " word" + i,
                    i % 5 == 0 ? "Titre " + (i % 89) + " mot" + i : null,
                    1900 + i % 120, 90, List.of(i % 2 == 0 ? "Drama" : "Comedy"), 1.0 + (i % 90) / 10.0, 10L + i * 7L));
        }
        ScoringStore original = new ScoringStore(3000, OptionalDouble.of(6.5));
        for (int from = 0; from < movies.size(); from += 1_000) {
            original.upsertAll(movies.subList(from, Math.min(movies.size(), from + 1_000)));
        }
        return original;
    }

    private static void assertAnswersAlike(ScoringStore actual, ScoringStore expected) {
        assertThat(actual.allRanked()).containsExactlyElementsOf(expected.allRanked());
        assertThat(actual.genreCounts()).containsExactlyElementsOf(expected.genreCounts());
        for (String query : List.of("word17", "wrod1234", "title 5", "titre 7 mot", "evades", "les évadés", "шагаю",
                "seven samurai", "七人", "人の", "侍", "carmencita", "le clown", "the shawshank redemption", "w", "mot1", "vord17", "xcarmencita", "armencita")) {
            assertThat(actual.search(SearchQuery.of(query, 20)).movies()).as(query)
                    .containsExactlyElementsOf(expected.search(SearchQuery.of(query, 20)).movies());
        }
    }

    private static Movie copy(Movie movie) {
        return new Movie(movie.tconst(), movie.title(), movie.originalTitle(), movie.year(), movie.runtimeMinutes(),
                movie.genres(), movie.averageRating(), movie.numVotes());
    }

    @Test
    void aTornOrCorruptedFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("store.bin");
        StoreCheckpoint.write(file, "topic-a", Map.of(0, 5L), WRITTEN, scored(MOVIES), null);
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
