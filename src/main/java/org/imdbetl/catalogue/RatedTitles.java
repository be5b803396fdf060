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

    /** The weighted score of a rated title under a prior, or null when the title is not rated. */
    public Double score(String tconst, Prior prior) {
        int row = find(TitleKey.of(tconst));
        if (row < 0 || tenths[row] == DEAD) {
            return null;
        }
        return score(row, prior);
    }

    private double score(int row, Prior prior) {
        double m = prior.minVotes();
        return (votes[row] * (tenths[row] / 10.0) + m * prior.mean(this, types[row])) / (votes[row] + m);
    }

    /**
     * The best titles of the given types by weighted rating, then more votes, then tconst. Filters as
     * {@code /movies/top}. The ranking of a set of types is sorted once per version of the table and kept (a few at
     * most); a query walks it from the top, or from just after {@code after}, until it has {@code limit} titles
     * that pass its filters.
     *
     * @param genre   null for any genre
     * @param minVotes titles with fewer votes are left out
     * @param fromYear null for no lower bound; titles without a year are left out when a bound is given
     * @param after   null for the first page, else the position of the last title of the page before
     */
    public List<Ranked> top(Set<String> titleTypes, String genre, long minVotes, Integer fromYear, Integer toYear,
                            Prior prior, Ranked after, int limit) {
        Ranking ranking = ranking(titleTypes, prior);
        boolean[] genreWanted = new boolean[genreSetList.size()];
        for (int id = 0; id < genreSetList.size(); id++) {
            genreWanted[id] = genre == null || genreSetList.get(id).contains(genre);
        }
        List<Ranked> page = new ArrayList<>(Math.min(limit, 1024));
        for (int i = after == null ? 0 : firstAfter(ranking, after); i < ranking.rows.length && page.size() < limit; i++) {
            int row = ranking.rows[i];
            if (!genreWanted[genreSets[row]] || votes[row] < minVotes
                    || (fromYear != null && (years[row] == 0 || years[row] < fromYear))
                    || (toYear != null && (years[row] == 0 || years[row] > toYear))) {
                continue;
            }
            page.add(ranked(row, ranking.scores[i]));
        }
        return page;
    }

    /**
     * A rated title's rank among the rated titles of its type (1 = best), and within each of its genres
     * there; empty when the title is not rated. Linear in the type's ranking.
     */
    public java.util.Optional<Ranks> ranks(String tconst, Prior prior) {
        int row = find(TitleKey.of(tconst));
        if (row < 0 || tenths[row] == DEAD) {
            return java.util.Optional.empty();
        }
        String type = typeTable.value(types[row]);
        Ranking ranking = ranking(Set.of(type), prior);
        List<String> genres = genreSetList.get(genreSets[row]);
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
        for (int i = 0; i < ranking.rows.length; i++) {
            int other = ranking.rows[i];
            if (other == row) {
                Map<String, Integer> byGenre = new java.util.LinkedHashMap<>();
                for (int g = 0; g < genres.size(); g++) {
                    byGenre.put(genres.get(g), before[g] + 1);
                }
                return java.util.Optional.of(new Ranks(i + 1, byGenre));
            }
            int bits = shared[genreSets[other]];
            for (int g = 0; bits != 0; g++, bits >>>= 1) {
                if ((bits & 1) != 0) {
                    before[g]++;
                }
            }
        }
        throw new IllegalStateException(tconst + " is rated but missing from its type's ranking");
    }

    /** A title's rank within its type, and per genre of its own. */
    public record Ranks(int overall, Map<String, Integer> byGenre) {
    }

    /** Rankings kept, at most: each costs twelve bytes a rated title of its types. */
    static final int MAX_RANKINGS = 8;

    private final Map<RankingKey, Ranking> rankings = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RankingKey, Ranking> eldest) {
            return size() > MAX_RANKINGS;
        }
    };

    private record RankingKey(Set<String> types, Prior prior) {
    }

    /** Live rows of some types in ranking order, and their scores, as of one version of the table. */
    private record Ranking(long version, int[] rows, double[] scores) {
    }

    private Ranking ranking(Set<String> titleTypes, Prior prior) {
        RankingKey key = new RankingKey(Set.copyOf(titleTypes), prior);
        Ranking kept = rankings.get(key);
        if (kept != null && kept.version == version) {
            return kept;
        }
        boolean[] wanted = new boolean[typeTable.size()];
        for (String type : titleTypes) {
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
        int[] rows = new int[count];
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            rows[i] = candidates[order[i]];
            scores[i] = score[order[i]];
        }
        Ranking ranking = new Ranking(version, rows, scores);
        rankings.put(key, ranking);
        return ranking;
    }

    /** The first index of the ranking that ranks after the position (a binary search: the ranking is in that order). */
    private int firstAfter(Ranking ranking, Ranked position) {
        int low = 0;
        int high = ranking.rows.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(ranking, mid, position) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Negative when the ranking's i-th title ranks before the position, 0 at it, positive after it. */
    private int compare(Ranking ranking, int i, Ranked position) {
        int byScore = Double.compare(position.weightedScore(), ranking.scores[i]);
        if (byScore != 0) {
            return byScore;
        }
        int row = ranking.rows[i];
        int byVotes = Long.compare(position.numVotes(), votes[row]);
        return byVotes != 0 ? byVotes : TitleKey.tconst(keys[row]).compareTo(position.tconst());
    }

    private Ranked ranked(int row, double score) {
        return new Ranked(TitleKey.tconst(keys[row]), typeTable.value(types[row]), score, tenths[row] / 10.0, votes[row]);
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
    }
}
