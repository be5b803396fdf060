package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.imdbetl.domain.TitleRecord;
import org.junit.jupiter.api.Test;

/**
 * Puts, re-rates, removals and ratings lost, in random order and across many merges of the tail, against a
 * map of the latest title of each tconst and a ranking computed here.
 */
class RatedTitlesTest {

    private static final List<String> TYPES = List.of("movie", "tvSeries", "tvEpisode");
    private static final List<List<String>> GENRES = List.of(List.of(), List.of("Drama"), List.of("Comedy", "Drama"));

    @Test
    void keepsTheLatestRatingOfEveryTitleAcrossMerges() {
        SplittableRandom random = new SplittableRandom(28);
        RatedTitles rated = new RatedTitles(97);
        Map<String, TitleRecord> latest = new HashMap<>();
        change(rated, latest, random, 30_000);
        assertRanksAsTheModel(rated, latest);
        // A kept ranking follows later changes.
        change(rated, latest, random, 3_000);
        assertRanksAsTheModel(rated, latest);
    }

    private static void change(RatedTitles rated, Map<String, TitleRecord> latest, SplittableRandom random, int changes) {
        for (int i = 0; i < changes; i++) {
            String tconst = random.nextBoolean() ? String.format("tt%07d", random.nextInt(6000))
                    : String.format("tt%08d", random.nextInt(6000));
            int what = random.nextInt(10);
            if (what == 0) {
                rated.remove(tconst);
                latest.remove(tconst);
                continue;
            }
            boolean ratedNow = what > 1;
            TitleRecord title = new TitleRecord(tconst, TYPES.get(random.nextInt(3)), "T", null, false,
                    random.nextInt(5) == 0 ? null : 1950 + random.nextInt(70), null, null, GENRES.get(random.nextInt(3)),
                    ratedNow ? (10 + random.nextInt(91)) / 10.0 : null, ratedNow ? 5L + random.nextInt(10_000) : null,
                    null, null, null);
            rated.put(title);
            latest.put(tconst, title);
        }
    }

    private static void assertRanksAsTheModel(RatedTitles rated, Map<String, TitleRecord> latest) {
        List<TitleRecord> ratedNow = latest.values().stream().filter(TitleRecord::rated).toList();
        assertThat(rated.size()).isEqualTo(ratedNow.size());
        for (String type : TYPES) {
            double mean = ratedNow.stream().filter(t -> t.titleType().equals(type))
                    .mapToDouble(TitleRecord::averageRating).average().orElseThrow();
            List<String> expected = ratedNow.stream()
                    .filter(t -> t.titleType().equals(type) && t.genres().contains("Drama") && t.numVotes() >= 100
                            && t.startYear() != null && t.startYear() >= 1970)
                    .sorted(Comparator.comparingDouble((TitleRecord t) -> -(t.numVotes() * t.averageRating() + 500 * mean)
                                    / (t.numVotes() + 500))
                            .thenComparing(t -> -t.numVotes()).thenComparing(TitleRecord::tconst))
                    .map(TitleRecord::tconst).toList();
            assertThat(rated.top(Set.of(type), "Drama", 100, 1970, null, new RatedTitles.Prior(500, null), null, Integer.MAX_VALUE))
                    .extracting(RatedTitles.Ranked::tconst).containsExactlyElementsOf(expected);
            assertThat(rated.meanRating(type)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
