package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.catalogue.CatalogueStore.Change;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.RatingsIndex;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RowListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's classes on generated dumps (basics, ratings, episode; 25,400 titles), against answers
 * computed here from the files with a plain tab split: the top series, per-type genre counts, the longest
 * series' episodes in order with its seasons and best episode, an episode's series; then a next day
 * written here from the first (a series and some episodes deleted, episodes re-rated and renumbered, a
 * series with episodes added), applied through the one-pass comparison, gives the same answers as the
 * files of that day.
 */
class CatalogueGeneratedDumpTest {

    private static final double M = 100;
    private static final String NULL = "\\N";

    @TempDir
    static Path tmp;

    static Path day1;
    static Path day2;

    @BeforeAll
    static void generate() throws Exception {
        day1 = tmp.resolve("day1");
        GeneratedDays.generate(day1, tmp.resolve("generator.log"));
        day2 = tmp.resolve("day2");
        GeneratedDays.writeNextDay(day1, day2);
    }

    @Test
    void aLoadedCatalogueAnswersAsTheFiles() throws Exception {
        try (Catalogue catalogue = new Catalogue(tmp.resolve("store-a"))) {
            catalogue.load(day1);
            assertAnswersAsTheFiles(catalogue, GeneratedDays.Files.read(day1));
        }
    }

    @Test
    void theNextDayThroughTheComparisonAnswersAsItsFiles() throws Exception {
        try (Catalogue catalogue = new Catalogue(tmp.resolve("store-b"))) {
            catalogue.load(day1);
            long[] found = catalogue.refresh(day2);
            GeneratedDays.Files before = GeneratedDays.Files.read(day1);
            GeneratedDays.Files after = GeneratedDays.Files.read(day2);
            Set<String> removed = new java.util.HashSet<>(before.basics().keySet());
            removed.removeAll(after.basics().keySet());
            Set<String> added = new java.util.HashSet<>(after.basics().keySet());
            added.removeAll(before.basics().keySet());
            assertThat(found[0]).as("added").isEqualTo(added.size());
            assertThat(found[2]).as("absent").isEqualTo(removed.size());
            assertThat(removed).as("a series and episodes left").anyMatch(t -> before.basics().get(t)[1].equals("tvSeries"))
                    .anyMatch(t -> before.basics().get(t)[1].equals("tvEpisode"));
            assertThat(added).anyMatch(t -> after.basics().get(t)[1].equals("tvSeries"))
                    .anyMatch(t -> after.basics().get(t)[1].equals("tvEpisode"));
            for (String tconst : removed) {
                assertThat(catalogue.store.find(tconst)).as(tconst).isEmpty();
            }
            assertAnswersAsTheFiles(catalogue, after);
        }
    }

    private static void assertAnswersAsTheFiles(Catalogue catalogue, GeneratedDays.Files files) {
        // The top series, by the weighted rating with C the mean of rated tvSeries.
        List<String> series = files.ofType("tvSeries");
        double mean = series.stream().filter(files.ratings()::containsKey)
                .mapToDouble(t -> Double.parseDouble(files.ratings().get(t)[1])).average().orElseThrow();
        List<String> expectedTop = series.stream().filter(files.ratings()::containsKey)
                .sorted(Comparator.comparingDouble((String t) -> -score(files.ratings().get(t), mean))
                        .thenComparing(t -> -Long.parseLong(files.ratings().get(t)[2]))
                        .thenComparing(t -> t))
                .limit(20).toList();
        assertThat(expectedTop).hasSize(20);
        assertThat(catalogue.rated.top(Set.of("tvSeries"), null, 0, null, null, new RatedTitles.Prior(M, null), null, 20))
                .extracting(RatedTitles.Ranked::tconst).containsExactlyElementsOf(expectedTop);

        // Genre counts per type, unrated titles included.
        for (String type : List.of("tvSeries", "tvEpisode", "movie", "short")) {
            Map<String, Long> expected = new TreeMap<>();
            for (String tconst : files.ofType(type)) {
                String genres = files.basics().get(tconst)[8];
                for (String genre : genres.equals(NULL) ? List.of(TypeGenreCounts.UNKNOWN_GENRE) : List.of(genres.split(","))) {
                    expected.merge(genre, 1L, Long::sum);
                }
            }
            assertThat(catalogue.genres.of(type)).as(type).isEqualTo(expected);
        }

        // The longest series: its episodes in season, episode, tconst order (unnumbered last), its seasons.
        Map<String, List<String[]>> episodesOf = new HashMap<>();
        files.episodes().forEach((tconst, row) -> {
            String[] basics = files.basics().get(tconst);
            if (basics != null && basics[1].equals("tvEpisode")) {
                episodesOf.computeIfAbsent(row[1], s -> new ArrayList<>()).add(row);
            }
        });
        String longest = episodesOf.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, List<String[]>> e) -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        List<String[]> rows = episodesOf.get(longest);
        assertThat(rows.size()).as("the longest series' episodes").isGreaterThanOrEqualTo(300);
        List<String> expectedOrder = rows.stream().sorted(Comparator
                        .comparingLong((String[] r) -> r[2].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(r[2]))
                        .thenComparingLong(r -> r[3].equals(NULL) ? Long.MAX_VALUE : Long.parseLong(r[3]))
                        .thenComparing(r -> r[0]))
                .map(r -> r[0]).toList();
        List<EpisodeRow> listed = new ArrayList<>();
        byte[] after = null;
        for (List<EpisodeRow> page; !(page = catalogue.store.episodes(longest, after, 64)).isEmpty(); ) {
            listed.addAll(page);
            after = page.get(page.size() - 1).position();
        }
        assertThat(listed).extracting(EpisodeRow::tconst).containsExactlyElementsOf(expectedOrder);
        String bestExpected = rows.stream().map(r -> r[0]).filter(files.ratings()::containsKey)
                .min(Comparator.comparingDouble((String t) -> -Double.parseDouble(files.ratings().get(t)[1]))
                        .thenComparing(t -> -Long.parseLong(files.ratings().get(t)[2])).thenComparing(t -> t))
                .orElseThrow();
        String bestListed = listed.stream().filter(r -> r.averageRating() != null)
                .min(Comparator.comparingDouble((EpisodeRow r) -> -r.averageRating())
                        .thenComparing(r -> -r.numVotes()).thenComparing(EpisodeRow::tconst))
                .orElseThrow().tconst();
        assertThat(bestListed).isEqualTo(bestExpected);
        Map<Integer, long[]> seasons = new TreeMap<>();
        for (String[] r : rows) {
            if (!r[2].equals(NULL)) {
                long[] s = seasons.computeIfAbsent(Integer.parseInt(r[2]), k -> new long[2]);
                s[0]++;
                s[1] += files.ratings().containsKey(r[0]) ? 1 : 0;
            }
        }
        CatalogueStore.Seasons found = catalogue.store.seasons(longest);
        assertThat(found.episodeCount()).isEqualTo(rows.size());
        assertThat(found.seasons()).extracting(SeasonSummary::season).containsExactlyElementsOf(seasons.keySet());
        assertThat(found.seasons()).extracting(s -> new long[] {s.episodes(), s.ratedEpisodes()})
                .containsExactlyElementsOf(seasons.values());

        // An episode names its series.
        String[] some = rows.get(rows.size() / 2);
        assertThat(catalogue.store.find(some[0])).get().extracting(TitleRecord::parentTconst).isEqualTo(longest);
    }

    private static double score(String[] rating, double mean) {
        double r = Double.parseDouble(rating[1]);
        long v = Long.parseLong(rating[2]);
        return (v * r + M * mean) / (v + M);
    }

    /** The store and the heap parts kept from it, updated as a listener will. */
    static final class Catalogue implements AutoCloseable, RowListener {
        final CatalogueStore store;
        final RatedTitles rated = new RatedTitles();
        final TypeGenreCounts genres = new TypeGenreCounts();
        final Map<RejectReason, Long> rejects = new HashMap<>();

        Catalogue(Path dir) {
            store = CatalogueStore.open(dir);
        }

        void load(Path dir) throws Exception {
            List<Change> batch = new ArrayList<>();
            read(dir, title -> batch.add(new Change(title.tconst(), TitleRecordCodec.encode(title))));
            apply(batch);
        }

        /** @return added, changed and absent counts of the comparison */
        long[] refresh(Path dir) throws Exception {
            long[] found = new long[3];
            List<Change> batch = new ArrayList<>();
            DumpStoreJoin join = new DumpStoreJoin(store, new DumpStoreJoin.Changes() {
                @Override
                public void added(long key, byte[] value) {
                    found[0]++;
                    batch.add(new Change(TitleKey.tconst(key), value));
                }

                @Override
                public void changed(long key, byte[] before, byte[] value) {
                    found[1]++;
                    batch.add(new Change(TitleKey.tconst(key), value));
                }

                @Override
                public void absent(long key, byte[] before) {
                    found[2]++;
                    batch.add(new Change(TitleKey.tconst(key), null));
                }
            });
            boolean whole = read(dir, title -> join.row(TitleKey.of(title.tconst()), TitleRecordCodec.encode(title)));
            assertThat(whole).isTrue();
            join.finish();
            apply(batch);
            return found;
        }

        private void apply(List<Change> changes) throws InvalidRecordException {
            for (int from = 0; from < changes.size(); from += 5000) {
                List<Change> batch = changes.subList(from, Math.min(changes.size(), from + 5000));
                for (Change change : batch) {
                    TitleRecord before = store.find(change.tconst()).orElse(null);
                    TitleRecord after = change.value() == null ? null : TitleRecordCodec.decode(change.tconst(), change.value());
                    genres.change(before, after);
                    if (after == null) {
                        rated.remove(change.tconst());
                    } else {
                        rated.put(after);
                    }
                }
                store.apply(batch, Map.of(0, (long) from));
            }
        }

        private boolean read(Path dir, Sink sink) throws Exception {
            ImdbReader reader = new ImdbReader(65_536, this);
            RatingsIndex ratings;
            try (InputStream in = GeneratedDays.gunzip(dir.resolve(ImdbReader.RATINGS_FILE))) {
                ratings = reader.readRatings(in, ImdbReader.RATINGS_FILE);
            }
            try (InputStream basics = GeneratedDays.gunzip(dir.resolve(ImdbReader.BASICS_FILE));
                 InputStream episodes = GeneratedDays.gunzip(dir.resolve(ImdbReader.EPISODE_FILE))) {
                return reader.readTitles(basics, ImdbReader.BASICS_FILE, episodes, ImdbReader.EPISODE_FILE, Set.of(),
                        ratings, title -> {
                            sink.accept(title);
                            return true;
                        });
            }
        }

        @Override
        public void rowRead(String file) {
        }

        @Override
        public void rejected(String file, long line, RejectReason reason, String detail, String row) {
            rejects.merge(reason, 1L, Long::sum);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    @FunctionalInterface
    interface Sink {
        void accept(TitleRecord title);
    }

}
