package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imdbetl.catalogue.CatalogueStore.Change;
import org.imdbetl.domain.TitleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk load gives the store exactly what the same records put one by one give it: every title, every
 * series' episodes in order, the offsets; with the dump sorted as text, titles repeated or out of order,
 * and episodes over several sorted files.
 */
class BulkLoadTest {

    @TempDir
    Path dir;

    @Test
    void aBulkLoadEqualsTheSameRecordsPutOneByOne() throws Exception {
        SplittableRandom random = new SplittableRandom(28);
        List<String> series = new ArrayList<>();
        List<TitleRecord> titles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tconst = String.format("tt%07d", 100 + i);
            series.add(tconst);
            titles.add(CatalogueStoreTest.series(tconst));
        }
        for (int i = 0; i < 5000; i++) {
            String tconst = random.nextBoolean() ? String.format("tt%07d", 1000 + random.nextInt(900_000))
                    : String.format("tt%08d", 10_000_000 + random.nextInt(900_000));
            titles.add(CatalogueStoreTest.episode(tconst, series.get(random.nextInt(series.size())),
                    random.nextInt(8) == 0 ? null : 1 + random.nextInt(9), random.nextInt(8) == 0 ? null : 1 + random.nextInt(30),
                    random.nextInt(3) == 0 ? null : (10 + random.nextInt(91)) / 10.0));
        }
        List<TitleRecord> dump = new ArrayList<>(titles);
        dump.sort((a, b) -> a.tconst().compareTo(b.tconst()));
        // A few rows out of order, and a title twice (the later row wins).
        Collections.swap(dump, 100, 4000);
        dump.add(CatalogueStoreTest.episode(dump.get(2000).tconst(), series.get(0), 99, 1, 9.9));

        try (CatalogueStore bulk = CatalogueStore.open(dir.resolve("bulk"));
             CatalogueStore puts = CatalogueStore.open(dir.resolve("puts"))) {
            try (BulkLoad load = new BulkLoad(bulk, 700)) {
                for (TitleRecord title : dump) {
                    load.add(title, TitleRecordCodec.encode(title));
                }
                load.finish(Map.of(0, 5041L));
            }
            List<Change> changes = dump.stream().map(t -> new Change(t.tconst(), TitleRecordCodec.encode(t))).toList();
            puts.apply(changes, Map.of(0, 5041L));

            assertThat(contents(bulk)).isEqualTo(contents(puts))
                    .hasSize((int) dump.stream().map(TitleRecord::tconst).distinct().count());
            for (String s : series) {
                assertThat(bulk.episodes(s, null, 10_000)).extracting(EpisodeRow::tconst)
                        .containsExactlyElementsOf(puts.episodes(s, null, 10_000).stream().map(EpisodeRow::tconst).toList());
                assertThat(bulk.seasons(s)).isEqualTo(puts.seasons(s));
            }
            assertThat(bulk.offsets()).isEqualTo(puts.offsets());
            assertThat(bulk.find(dump.get(2000).tconst()).orElseThrow().seasonNumber()).isEqualTo(99);
            assertThatThrownBy(() -> new BulkLoad(bulk)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static List<String> contents(CatalogueStore store) {
        List<String> all = new ArrayList<>();
        try (DumpStoreJoin.Cursor cursor = store.cursor()) {
            for (cursor.seek(0); cursor.valid(); cursor.next()) {
                all.add(TitleKey.tconst(cursor.key()) + "=" + java.util.HexFormat.of().formatHex(cursor.value()));
            }
        }
        return all;
    }
}
