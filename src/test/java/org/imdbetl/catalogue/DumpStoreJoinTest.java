package org.imdbetl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-pass comparison against set differences computed here from the same maps: a store and a
 * dump of random titles (7 and 8 digits), the dump sorted as text, by number, shuffled in places and
 * with repeated rows.
 */
class DumpStoreJoinTest {

    @Test
    void aDumpSortedAsTextOrByNumberGivesTheSameChanges() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TreeMap<Long, byte[]> store = new TreeMap<>();
            Map<String, byte[]> dump = new HashMap<>();
            for (int i = 0; i < 3000; i++) {
                String tconst = tconst(random);
                byte[] value = {(byte) random.nextInt(4)};
                if (random.nextInt(10) < 8) {
                    store.put(TitleKey.of(tconst), value);
                }
                if (random.nextInt(10) < 8) {
                    dump.put(tconst, random.nextInt(10) < 7 ? value : new byte[] {(byte) (10 + random.nextInt(3))});
                }
            }
            Expected expected = expected(store, dump);
            List<String> byText = new ArrayList<>(dump.keySet());
            Collections.sort(byText);
            assertThat(join(store, dump, byText)).isEqualTo(expected);
            List<String> byNumber = new ArrayList<>(byText);
            byNumber.sort((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
            assertThat(join(store, dump, byNumber)).isEqualTo(expected);
            List<String> disordered = new ArrayList<>(byText);
            for (int i = 0; i < 50; i++) {
                Collections.swap(disordered, random.nextInt(disordered.size()), random.nextInt(disordered.size()));
            }
            assertThat(join(store, dump, disordered)).isEqualTo(expected);
        }
    }

    @Test
    void aRepeatedRowIsNeitherAddedTwiceNorTakenForAnAbsentTitle() {
        TreeMap<Long, byte[]> store = new TreeMap<>();
        store.put(TitleKey.of("tt0000002"), new byte[] {1});
        store.put(TitleKey.of("tt0000005"), new byte[] {1});
        Map<String, byte[]> dump = Map.of("tt0000002", new byte[] {1}, "tt0000005", new byte[] {1});
        Result result = joinResult(store, dump, List.of("tt0000005", "tt0000002", "tt0000005", "tt0000002"));
        assertThat(result.absent).isEmpty();
        assertThat(result.added).isEmpty();
        assertThat(result.changed).isEmpty();
    }

    @Test
    void aKeptTitleIsNeitherChangedNorAbsentInOrderOrNot() {
        TreeMap<Long, byte[]> store = new TreeMap<>();
        for (String tconst : List.of("tt0000002", "tt0000003", "tt0000005", "tt0000007", "tt0000009")) {
            store.put(TitleKey.of(tconst), new byte[] {1});
        }
        Result result = new Result();
        DumpStoreJoin join = new DumpStoreJoin(new MapStore(store), result);
        join.row(TitleKey.of("tt0000002"), new byte[] {1});
        join.keep(TitleKey.of("tt0000005"));
        join.row(TitleKey.of("tt0000007"), new byte[] {2});
        // Kept after the walk passed it: looked up, so not absent either.
        join.keep(TitleKey.of("tt0000003"));
        join.finish();
        assertThat(result.absent).containsOnlyKeys("tt0000009");
        assertThat(result.changed).containsOnlyKeys("tt0000007");
        assertThat(result.added).isEmpty();
    }

    @Test
    void withoutFinishNothingIsAbsent() {
        TreeMap<Long, byte[]> store = new TreeMap<>();
        store.put(TitleKey.of("tt0000002"), new byte[] {1});
        store.put(TitleKey.of("tt0000009"), new byte[] {1});
        Result result = new Result();
        DumpStoreJoin join = new DumpStoreJoin(new MapStore(store), result);
        join.row(TitleKey.of("tt0000009"), new byte[] {1});
        join.close();
        assertThat(result.absent).isEmpty();
    }

    private static String tconst(SplittableRandom random) {
        return random.nextBoolean() ? String.format("tt%07d", random.nextInt(5000))
                : String.format("tt%08d", 9_990_000 + random.nextInt(20_000));
    }

    record Expected(Set<String> added, Set<String> changed, Set<String> absent) {
    }

    private static Expected expected(TreeMap<Long, byte[]> store, Map<String, byte[]> dump) {
        Set<String> added = new HashSet<>();
        Set<String> changed = new HashSet<>();
        Set<String> absent = new HashSet<>();
        Set<String> stored = new HashSet<>();
        store.keySet().forEach(k -> stored.add(TitleKey.tconst(k)));
        dump.forEach((t, v) -> {
            if (!stored.contains(t)) {
                added.add(t);
            } else if (!java.util.Arrays.equals(store.get(TitleKey.of(t)), v)) {
                changed.add(t);
            }
        });
        stored.stream().filter(t -> !dump.containsKey(t)).forEach(absent::add);
        return new Expected(added, changed, absent);
    }

    private static Expected join(TreeMap<Long, byte[]> store, Map<String, byte[]> dump, List<String> order) {
        Result result = joinResult(store, dump, order);
        assertThat(result.unchanged).as("unchanged rows")
                .isEqualTo(dump.size() - result.added.size() - result.changed.size());
        return new Expected(Set.copyOf(result.added.keySet()), Set.copyOf(result.changed.keySet()),
                Set.copyOf(result.absent.keySet()));
    }

    private static Result joinResult(TreeMap<Long, byte[]> store, Map<String, byte[]> dump, List<String> order) {
        Result result = new Result();
        DumpStoreJoin join = new DumpStoreJoin(new MapStore(store), result);
        for (String tconst : order) {
            join.row(TitleKey.of(tconst), dump.get(tconst));
        }
        join.finish();
        result.unchanged = join.unchanged();
        return result;
    }

    static final class Result implements DumpStoreJoin.Changes {
        final Map<String, byte[]> added = new LinkedHashMap<>();
        final Map<String, byte[]> changed = new LinkedHashMap<>();
        final Map<String, byte[]> absent = new LinkedHashMap<>();
        long unchanged;

        @Override
        public void added(long key, byte[] value) {
            assertThat(added.put(TitleKey.tconst(key), value)).as("added twice").isNull();
        }

        @Override
        public void changed(long key, byte[] before, byte[] value) {
            changed.put(TitleKey.tconst(key), value);
        }

        @Override
        public void absent(long key, byte[] before) {
            assertThat(absent.put(TitleKey.tconst(key), before)).as("absent twice").isNull();
        }
    }

    /** The store as a sorted map, walked as RocksDB's iterator would be. */
    static final class MapStore implements DumpStoreJoin.TitleStore {
        final NavigableMap<Long, byte[]> map;

        MapStore(NavigableMap<Long, byte[]> map) {
            this.map = map;
        }

        @Override
        public byte[] get(long key) {
            return map.get(key);
        }

        @Override
        public DumpStoreJoin.Cursor cursor() {
            return new DumpStoreJoin.Cursor() {
                Map.Entry<Long, byte[]> at;

                @Override
                public void seek(long key) {
                    at = map.ceilingEntry(key);
                }

                @Override
                public boolean valid() {
                    return at != null;
                }

                @Override
                public long key() {
                    return at.getKey();
                }

                @Override
                public byte[] value() {
                    return at.getValue();
                }

                @Override
                public void next() {
                    at = map.higherEntry(at.getKey());
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
