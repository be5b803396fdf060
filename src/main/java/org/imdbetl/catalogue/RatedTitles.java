package org.imdbetl.catalogue;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.sorting.IndirectSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imdbetl.domain.TitleRecord;

/**
 * What ranking needs of every rated title, on the heap as columns (docs/catalogue.md, "What lives
 * where"): key, type, start year, genre set, rating and votes; every other field stays in the store.
 * Rows are kept sorted by key, with recent additions in a tail merged in once it grows, so a title is
 * found by a binary search without a map over every row. Not thread-safe: the consistency lock's owner
 * calls it.
 */
public final class RatedTitles {

    /** Rows added since the last merge, at most; a merge is linear in the table. */
    static final int MAX_TAIL = 1 << 16;
    private final int maxTail;
    private static final byte DEAD = 0;

    private long[] keys = new long[1024];
    private byte[] types = new byte[1024];
    private short[] years = new short[1024];
    private short[] genreSets = new short[1024];
    private byte[] tenths = new byte[1024];
    private int[] votes = new int[1024];
    private int sorted;
    private int size;
    private int dead;
    private final LongIntHashMap tail = new LongIntHashMap();
    private final ValueTable typeTable = new ValueTable(Byte.MAX_VALUE);
    private final Map<List<String>, Integer> genreSetIds = new HashMap<>();
    private final List<List<String>> genreSetList = new ArrayList<>();
    private long version;

    public RatedTitles() {
        this(MAX_TAIL);
    }

    RatedTitles(int maxTail) {
        this.maxTail = maxTail;
    }

    /** Keeps a rated title's columns, replaces them, or forgets a title that lost its rating. */
    public void put(TitleRecord title) {
        long key = TitleKey.of(title.tconst());
        int row = find(key);
        if (!title.rated()) {
            if (row >= 0) {
                kill(row);
            }
            return;
        }
        if (row < 0) {
            row = append(key);
        } else if (tenths[row] == DEAD) {
            dead--;
        }
        types[row] = (byte) typeTable.code(title.titleType());
        years[row] = (short) (title.startYear() == null ? 0 : title.startYear());
        genreSets[row] = (short) genreSet(title.genres());
        tenths[row] = (byte) Math.round(title.averageRating() * 10);
        votes[row] = (int) Math.min(Integer.MAX_VALUE, title.numVotes());
        version++;
    }

    public void remove(String tconst) {
        int row = find(TitleKey.of(tconst));
        if (row >= 0) {
            kill(row);
        }
    }

    /** Rated titles kept. */
    public int size() {
        return size - dead;
    }

    /** Changes with every put or remove: a ranking built before another version is stale. */
    public long version() {
        return version;
    }

    /** Bytes of the columns and the tail's map, as allocated. */
    public long heapBytes() {
        return (long) keys.length * (Long.BYTES + 1 + Short.BYTES + Short.BYTES + 1 + Integer.BYTES)
                + (long) tail.keys.length * (Long.BYTES + Integer.BYTES);
    }

    /** The mean rating of the rated titles of one type, or NaN when there is none. */
    public double meanRating(String type) {
        int code = typeTable.find(type);
        return code < 0 ? Double.NaN : means()[code];
    }

    /** Every type's mean rating by code, as of this version: one walk of the table per version. */
    private double[] means() {
        if (means != null && meansVersion == version) {
            return means;
        }
        // Whole tenths summed exactly: the mean does not depend on the rows' order, so every instance agrees to the bit.
        long[] sums = new long[typeTable.size()];
        long[] counts = new long[typeTable.size()];
        for (int row = 0; row < size; row++) {
            if (tenths[row] != DEAD) {
                sums[types[row]] += tenths[row];
                counts[types[row]]++;
            }
        }
        double[] result = new double[sums.length];
        for (int code = 0; code < sums.length; code++) {
            result[code] = counts[code] == 0 ? Double.NaN : sums[code] / 10.0 / counts[code];
        }
        means = result;
        meansVersion = version;
        return result;
    }

    private double[] means;
    private long meansVersion = -1;

    /**
     * m and C of IMDb's weighted rating {@code (v·R + m·C)/(v+m)}.
     *
     * @param mean C for every type, or null: each title's C is the mean rating of its own type
     */
    public record Prior(double minVotes, Double mean) {

        double mean(RatedTitles table, int typeCode) {
            return mean != null ? mean : table.means()[typeCode];
        }
    }

    private double score(int row, Prior prior) {
        double m = prior.minVotes();
        return (votes[row] * (tenths[row] / 10.0) + m * prior.mean(this, types[row])) / (votes[row] + m);
    }

    /**
     * The best titles of the given types by weighted rating, then more votes, then tconst; see {@link Ranking#top}.
     * The ranking of a set of types is sorted once per version of the table and kept (a few at most).
     */
    public List<Ranked> top(Set<String> titleTypes, String genre, long minVotes, Integer fromYear, Integer toYear,
                            Prior prior, Ranked after, int limit) {
        return ranking(titleTypes, prior).top(genre, minVotes, fromYear, toYear, after, limit);
    }

    /** A rated title's rank within its type and genres; see {@link Ranking#ranks}. */
    public java.util.Optional<Ranks> ranks(String tconst, Prior prior) {
        int row = find(TitleKey.of(tconst));
        if (row < 0 || tenths[row] == DEAD) {
            return java.util.Optional.empty();
        }
        return ranking(Set.of(typeTable.value(types[row])), prior).ranks(tconst);
    }

    /** A title's rank within its type, and per genre of its own. */
    public record Ranks(int overall, Map<String, Integer> byGenre) {
    }

    /** Rankings kept, at most: each costs 26 bytes a rated title of its types. */
    static final int MAX_RANKINGS = 8;

    private final Map<RankingKey, Ranking> rankings = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RankingKey, Ranking> eldest) {
            return size() > MAX_RANKINGS;
        }
    };

    /** Which titles a ranking holds and how it scores them. */
    public record RankingKey(Set<String> types, Prior prior) {

        public RankingKey {
            types = Set.copyOf(types);
        }
    }

    /**
     * The ranking of some types as of one version of the table: for each rated title of those types, best first,
     * what a query filters on and shows, copied out of the table. Immutable, so any number of threads walk it
     * while the table changes.
     */
    public static final class Ranking {
        private final long version;
        private final long[] keys;
        private final double[] scores;
        private final int[] votes;
        private final short[] years;
        private final short[] genreSets;
        private final byte[] tenths;
        private final byte[] types;
        private final List<List<String>> genreSetList;
        private final List<String> typeValues;

        private Ranking(long version, int count, List<List<String>> genreSetList, List<String> typeValues) {
            this.version = version;
            this.keys = new long[count];
            this.scores = new double[count];
            this.votes = new int[count];
            this.years = new short[count];
            this.genreSets = new short[count];
            this.tenths = new byte[count];
            this.types = new byte[count];
            this.genreSetList = genreSetList;
            this.typeValues = typeValues;
        }

        /** The version of the table this ranking was built from. */
        public long version() {
            return version;
        }

        /**
         * Walks the ranking from the top, or from just after {@code after}, until it has {@code limit} titles that
         * pass the filters (as {@code /movies/top}'s).
         *
         * @param genre    null for any genre
         * @param minVotes titles with fewer votes are left out
         * @param fromYear null for no lower bound; titles without a year are left out when a bound is given
         * @param after    null for the first page, else the position of the last title of the page before
         */
        public List<Ranked> top(String genre, long minVotes, Integer fromYear, Integer toYear, Ranked after, int limit) {
            boolean[] genreWanted = new boolean[genreSetList.size()];
            for (int id = 0; id < genreSetList.size(); id++) {
                genreWanted[id] = genre == null || genreSetList.get(id).contains(genre);
            }
            List<Ranked> page = new ArrayList<>(Math.min(limit, 1024));
            for (int i = after == null ? 0 : firstAfter(after); i < keys.length && page.size() < limit; i++) {
                if (!genreWanted[genreSets[i]] || votes[i] < minVotes
                        || (fromYear != null && (years[i] == 0 || years[i] < fromYear))
                        || (toYear != null && (years[i] == 0 || years[i] > toYear))) {
                    continue;
                }
                page.add(new Ranked(TitleKey.tconst(keys[i]), typeValues.get(types[i]), scores[i], tenths[i] / 10.0, votes[i]));
            }
            return page;
        }

        /**
         * A title's rank in this ranking (1 = best) and within each of its genres; empty when the ranking does not
         * hold it (not rated, or rated after this ranking was built). Linear in the ranking.
         */
        public java.util.Optional<Ranks> ranks(String tconst) {
            long key = TitleKey.of(tconst);
            int at = -1;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == key) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return java.util.Optional.empty();
            }
            List<String> genres = genreSetList.get(genreSets[at]);
            // For each genre set: which of this title's genres it has, as bits.
            int[] shared = new int[genreSetList.size()];
            for (int id = 0; id < shared.length; id++) {
                for (int g = 0; g < genres.size(); g++) {
                    if (genreSetList.get(id).contains(genres.get(g))) {
                        shared[id] |= 1 << g;
                    }
                }
            }
            int[] before = new int[genres.size()];
            for (int i = 0; i < at; i++) {
                int bits = shared[genreSets[i]];
                for (int g = 0; bits != 0; g++, bits >>>= 1) {
                    if ((bits & 1) != 0) {
                        before[g]++;
                    }
                }
            }
            Map<String, Integer> byGenre = new java.util.LinkedHashMap<>();
            for (int g = 0; g < genres.size(); g++) {
                byGenre.put(genres.get(g), before[g] + 1);
            }
            return java.util.Optional.of(new Ranks(at + 1, byGenre));
        }

        /** The first index that ranks after the position (a binary search: the ranking is in that order). */
        private int firstAfter(Ranked position) {
            int low = 0;
            int high = keys.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (compare(mid, position) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /** Negative when the i-th title ranks before the position, 0 at it, positive after it. */
        private int compare(int i, Ranked position) {
            int byScore = Double.compare(position.weightedScore(), scores[i]);
            if (byScore != 0) {
                return byScore;
            }
            int byVotes = Long.compare(position.numVotes(), votes[i]);
            return byVotes != 0 ? byVotes : TitleKey.tconst(keys[i]).compareTo(position.tconst());
        }
    }

    /** The kept ranking of these types and prior, whatever its version, or null. */
    public Ranking keptRanking(RankingKey key) {
        return rankings.get(key);
    }

    /** The ranking of these types and prior as of this version: the kept one, or one sorted now and kept. */
    public Ranking ranking(Set<String> titleTypes, Prior prior) {
        return ranking(new RankingKey(titleTypes, prior));
    }

    /** See {@link #ranking(Set, Prior)}. */
    public Ranking ranking(RankingKey key) {
        Ranking kept = rankings.get(key);
        if (kept != null && kept.version == version) {
            return kept;
        }
        Prior prior = key.prior();
        boolean[] wanted = new boolean[typeTable.size()];
        for (String type : key.types()) {
            int code = typeTable.find(type);
            if (code >= 0) {
                wanted[code] = true;
            }
        }
        int[] candidates = new int[size];
        double[] score = new double[size];
        int count = 0;
        for (int row = 0; row < size; row++) {
            if (tenths[row] != DEAD && wanted[types[row]]) {
                score[count] = score(row, prior);
                candidates[count++] = row;
            }
        }
        int[] order = IndirectSort.mergesort(0, count, (a, b) -> {
            int byScore = Double.compare(score[b], score[a]);
            if (byScore != 0) {
                return byScore;
            }
            int byVotes = Integer.compare(votes[candidates[b]], votes[candidates[a]]);
            return byVotes != 0 ? byVotes
                    : TitleKey.tconst(keys[candidates[a]]).compareTo(TitleKey.tconst(keys[candidates[b]]));
        });
        Ranking ranking = new Ranking(version, count, List.copyOf(genreSetList), typeTable.values());
        for (int i = 0; i < count; i++) {
            int row = candidates[order[i]];
            ranking.keys[i] = keys[row];
            ranking.scores[i] = score[order[i]];
            ranking.votes[i] = votes[row];
            ranking.years[i] = years[row];
            ranking.genreSets[i] = genreSets[row];
            ranking.tenths[i] = tenths[row];
            ranking.types[i] = types[row];
        }
        rankings.put(key, ranking);
        return ranking;
    }

    /** The keys of the rankings kept. */
    public List<RankingKey> keptRankings() {
        return List.copyOf(rankings.keySet());
    }

    /** Every type's mean rating, by type name; NaN for a type without a rated title. */
    public Map<String, Double> meansByType() {
        double[] byCode = means();
        Map<String, Double> byType = new HashMap<>();
        for (int code = 0; code < byCode.length; code++) {
            byType.put(typeTable.value(code), byCode[code]);
        }
        return byType;
    }

    /** One title of a ranking; also a position in it (score, votes, tconst), which a cursor names. */
    public record Ranked(String tconst, String titleType, double weightedScore, double averageRating, long numVotes) {
    }

    private int find(long key) {
        int low = 0;
        int high = sorted - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = keys[mid];
            if (at < key) {
                low = mid + 1;
            } else if (at > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return tail.getOrDefault(key, -1);
    }

    private int append(long key) {
        if (tail.size() >= maxTail) {
            merge();
        }
        if (size == keys.length) {
            grow(size + (size >> 1));
        }
        keys[size] = key;
        tail.put(key, size);
        return size++;
    }

    private void kill(int row) {
        if (tenths[row] != DEAD) {
            tenths[row] = DEAD;
            dead++;
            version++;
        }
    }

    /** Merges the sorted tail into the sorted rows (linear), dropping the dead ones. */
    private void merge() {
        Integer[] added = new Integer[size - sorted];
        for (int i = 0; i < added.length; i++) {
            added[i] = sorted + i;
        }
        Arrays.sort(added, (a, b) -> Long.compare(keys[a], keys[b]));
        int capacity = Math.max(1024, (size - dead) + ((size - dead) >> 1));
        long[] k = new long[capacity];
        byte[] t = new byte[capacity];
        short[] y = new short[capacity];
        short[] g = new short[capacity];
        byte[] r = new byte[capacity];
        int[] v = new int[capacity];
        int out = 0;
        int i = 0;
        int j = 0;
        while (i < sorted || j < added.length) {
            int row;
            if (j == added.length || (i < sorted && keys[i] < keys[added[j]])) {
                row = i++;
            } else {
                row = added[j++];
            }
            if (tenths[row] == DEAD) {
                continue;
            }
            k[out] = keys[row];
            t[out] = types[row];
            y[out] = years[row];
            g[out] = genreSets[row];
            r[out] = tenths[row];
            v[out] = votes[row];
            out++;
        }
        keys = k;
        types = t;
        years = y;
        genreSets = g;
        tenths = r;
        votes = v;
        size = out;
        sorted = out;
        dead = 0;
        tail.clear();
        // Rows moved: a kept ranking's row numbers are no longer right.
        version++;
    }

    private void grow(int capacity) {
        keys = Arrays.copyOf(keys, capacity);
        types = Arrays.copyOf(types, capacity);
        years = Arrays.copyOf(years, capacity);
        genreSets = Arrays.copyOf(genreSets, capacity);
        tenths = Arrays.copyOf(tenths, capacity);
        votes = Arrays.copyOf(votes, capacity);
    }

    private int genreSet(List<String> genres) {
        Integer id = genreSetIds.get(genres);
        if (id == null) {
            if (genreSetList.size() >= Short.MAX_VALUE) {
                throw new IllegalStateException("more than " + Short.MAX_VALUE + " genre combinations");
            }
            id = genreSetList.size();
            genreSetList.add(List.copyOf(genres));
            genreSetIds.put(genreSetList.get(id), id);
        }
        return id;
    }

    /** Small codes for a few distinct strings. */
    private static final class ValueTable {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> values = new ArrayList<>();
        private final int max;

        ValueTable(int max) {
            this.max = max;
        }

        int code(String value) {
            Integer code = codes.get(value);
            if (code == null) {
                if (values.size() >= max) {
                    throw new IllegalStateException("more than " + max + " title types");
                }
                code = values.size();
                values.add(value);
                codes.put(value, code);
            }
            return code;
        }

        int find(String value) {
            return codes.getOrDefault(value, -1);
        }

        String value(int code) {
            return values.get(code);
        }

        int size() {
            return values.size();
        }

        List<String> values() {
            return List.copyOf(values);
        }
    }
}
