package org.imdbetl.catalogue;

import org.imdbetl.domain.TitleRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.imdbetl.catalogue.CatalogueStore.Change;
import org.imdbetl.domain.InvalidRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB catalogue store against expectations computed here from the records given to it. */
class CatalogueStoreTest {

    @TempDir
    Path dir;

    static TitleRecord series(String tconst) {
        return new TitleRecord(tconst, "tvSeries", "Series " + tconst, null, false, 2008, 2013, 47,
                List.of("Drama"), 9.5, 2_000_000L, null, null, null);
    }

    static TitleRecord episode(String tconst, String parent, Integer season, Integer number, Double rating) {
        return new TitleRecord(tconst, "tvEpisode", "Episode " + tconst, null, false, 2010, null, 45, List.of(),
                rating, rating == null ? null : 100L + tconst.hashCode() % 50 + 50, parent, season, number);
    }

    static Change put(TitleRecord title) {
        return new Change(title.tconst(), TitleRecordCodec.encode(title));
    }

    @Test
    void aSeriesEpisodesComeInSeasonAndEpisodeOrderWithTheirSeasons() throws Exception {
        SplittableRandom random = new SplittableRandom(28);
        List<TitleRecord> episodes = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String tconst = String.format("tt%07d", 1_000_000 + random.nextInt(8_000_000));
            Integer season = random.nextInt(10) == 0 ? null : 1 + random.nextInt(12);
            Integer number = random.nextInt(10) == 0 ? null : 1 + random.nextInt(40);
            Double rating = random.nextInt(4) == 0 ? null : (10 + random.nextInt(91)) / 10.0;
            episodes.add(episode(tconst, "tt0903747", season, number, rating));
        }
        // A later record of the same title wins, as in the topic.
        Map<String, TitleRecord> latest = new TreeMap<>();
        episodes.forEach(e -> latest.put(e.tconst(), e));
        List<Change> changes = new ArrayList<>();
        changes.add(put(series("tt0903747")));
        changes.add(put(episode("tt9000001", "tt0944947", 1, 1, 9.0)));
        episodes.forEach(e -> changes.add(put(e)));
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            store.apply(changes, Map.of(0, 702L));
            List<TitleRecord> expected = latest.values().stream().sorted(Comparator
                            .comparing((TitleRecord e) -> e.seasonNumber() == null ? Long.MAX_VALUE : e.seasonNumber())
                            .thenComparing(e -> e.episodeNumber() == null ? Long.MAX_VALUE : e.episodeNumber())
                            .thenComparing(TitleRecord::tconst))
                    .toList();
            List<EpisodeRow> all = new ArrayList<>();
            byte[] after = null;
            for (List<EpisodeRow> page; !(page = store.episodes("tt0903747", after, 50)).isEmpty(); ) {
                assertThat(page.size()).isLessThanOrEqualTo(50);
                all.addAll(page);
                after = page.get(page.size() - 1).position();
            }
            assertThat(all).extracting(EpisodeRow::tconst).containsExactlyElementsOf(expected.stream().map(TitleRecord::tconst).toList());
            assertThat(all).extracting(EpisodeRow::averageRating)
                    .containsExactlyElementsOf(expected.stream().map(TitleRecord::averageRating).toList());

            Map<Integer, List<TitleRecord>> bySeason = expected.stream().filter(e -> e.seasonNumber() != null)
                    .collect(Collectors.groupingBy(TitleRecord::seasonNumber, TreeMap::new, Collectors.toList()));
            List<SeasonSummary> seasons = new ArrayList<>();
            bySeason.forEach((season, list) -> {
                List<Double> ratings = list.stream().map(TitleRecord::averageRating).filter(r -> r != null).toList();
                seasons.add(new SeasonSummary(season, list.size(), ratings.size(), ratings.isEmpty() ? null
                        : Math.round(ratings.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 100) / 100.0));
            });
            CatalogueStore.Seasons found = store.seasons("tt0903747");
            assertThat(found.episodeCount()).isEqualTo(latest.size());
            assertThat(found.seasons()).isEqualTo(seasons);
            assertThat(store.find(expected.get(0).tconst())).contains(expected.get(0));
            assertThat(store.episodes("tt0944947", null, 10)).extracting(EpisodeRow::tconst).containsExactly("tt9000001");
        }
    }

    @Test
    void anEpisodeMovedOrRemovedLeavesNoTrace() throws Exception {
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            store.apply(List.of(put(series("tt0000100")), put(series("tt0000200")),
                    put(episode("tt0000101", "tt0000100", 1, 1, 8.0)),
                    put(episode("tt0000102", "tt0000100", 1, 2, 7.0))), Map.of(0, 4L));
            store.apply(List.of(put(episode("tt0000101", "tt0000200", 3, 9, 8.5)),
                    new Change("tt0000102", null)), Map.of(0, 6L));
            assertThat(store.episodes("tt0000100", null, 10)).isEmpty();
            assertThat(store.seasons("tt0000100").episodeCount()).isZero();
            assertThat(store.episodes("tt0000200", null, 10)).singleElement()
                    .satisfies(row -> assertThat(List.of(row.tconst(), row.season(), row.episode(), row.averageRating()))
                            .containsExactly("tt0000101", 3, 9, 8.5));
            assertThat(store.find("tt0000102")).isEmpty();
            assertThat(store.find("tt0000101")).get().extracting(TitleRecord::parentTconst).isEqualTo("tt0000200");
        }
    }

    @Test
    void theOffsetsAndTitlesSurviveAReopen() throws Exception {
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            store.apply(List.of(put(series("tt0000100"))), Map.of(0, 1L, 2, 7L));
            store.apply(List.of(), Map.of(0, 3L));
        }
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            assertThat(store.offsets()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 2, 7L));
            assertThat(store.find("tt0000100")).contains(series("tt0000100"));
        }
    }

    @Test
    void aBatchWithARecordThatIsNotATitleWritesNothing() throws Exception {
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            assertThatThrownBy(() -> store.apply(List.of(put(series("tt0000100")),
                    new Change("tt0000101", new byte[] {9, 0})), Map.of(0, 2L)))
                    .isInstanceOf(InvalidRecordException.class);
            assertThat(store.find("tt0000100")).isEmpty();
            assertThat(store.offsets()).isEmpty();
        }
    }

    @Test
    void theRefreshComparisonWalksTheStore() throws Exception {
        try (CatalogueStore store = CatalogueStore.open(dir)) {
            store.apply(List.of(put(series("tt0000100")), put(series("tt10000000")), put(series("tt0000300"))),
                    Map.of(0, 3L));
            List<String> seen = new ArrayList<>();
            DumpStoreJoin join = new DumpStoreJoin(store, new DumpStoreJoin.Changes() {
                @Override
                public void added(long key, byte[] value) {
                    seen.add("added " + TitleKey.tconst(key));
                }

                @Override
                public void changed(long key, byte[] before, byte[] value) {
                    seen.add("changed " + TitleKey.tconst(key));
                }

                @Override
                public void absent(long key, byte[] before) {
                    seen.add("absent " + TitleKey.tconst(key));
                }
            });
            // As IMDb sorts: as text.
            join.row(TitleKey.of("tt0000100"), TitleRecordCodec.encode(series("tt0000100")));
            join.row(TitleKey.of("tt0000200"), TitleRecordCodec.encode(series("tt0000200")));
            join.row(TitleKey.of("tt10000000"), TitleRecordCodec.encode(episode("tt10000000", "tt0000100", 1, 1, null)));
            join.finish();
            assertThat(seen).containsExactly("added tt0000200", "changed tt10000000", "absent tt0000300");
            assertThat(join.unchanged()).isEqualTo(1);
        }
    }
}
