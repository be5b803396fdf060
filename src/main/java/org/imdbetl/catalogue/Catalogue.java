package org.imdbetl.catalogue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.TitleRecord;

/**
 * The whole title catalogue of one instance: every title in the {@link CatalogueStore} on disk, and what
 * ranks and counts on the heap ({@link RatedTitles}, {@link TypeGenreCounts}, titles per type), rebuilt from
 * the store at open. Owns the catalogue's consistency lock: a batch of the topic changes the store and the
 * heap parts under it, so a ranking or a count never shows half a batch. Close waits for the calls in progress
 * and refuses later ones: native objects are never used once freed.
 */
public final class Catalogue implements AutoCloseable {

    /** One record of the topic, decoded: {@code title} null is a tombstone. */
    public record Update(String tconst, TitleRecord title, byte[] value) {
    }

    private final CatalogueStore store;
    private RatedTitles rated = new RatedTitles();
    private TypeGenreCounts genres = new TypeGenreCounts();
    private final Map<String, Long> typeCounts = new TreeMap<>();
    private final Object lock = new Object();
    /** Every type's mean rating as of the last batch: read without the lock. */
    private volatile Map<String, Double> means = Map.of();
    private final Set<RatedTitles.RankingKey> rebuilding = new java.util.HashSet<>();
    private final java.util.concurrent.ExecutorService rankingThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "imdb-catalogue-ranking");
        thread.setDaemon(true);
        return thread;
    });
    /** Read side: every call that reaches the store; write side: close. */
    private final ReentrantReadWriteLock openLock = new ReentrantReadWriteLock();
    private boolean closed;
    private long titles;

    private Catalogue(CatalogueStore store) {
        this.store = store;
    }

    /**
     * Opens the store in {@code directory} and rebuilds the heap parts from a walk of it.
     *
     * @throws CatalogueStoreException naming the directory when it cannot be opened or holds a damaged record
     */
    public static Catalogue open(Path directory) {
        CatalogueStore store = CatalogueStore.open(directory);
        Catalogue catalogue = new Catalogue(store);
        try (DumpStoreJoin.Cursor cursor = store.cursor()) {
            for (cursor.seek(0); cursor.valid(); cursor.next()) {
                String tconst = TitleKey.tconst(cursor.key());
                try {
                    TitleRecord title = TitleRecordCodec.decode(tconst, cursor.value());
                    catalogue.count(null, title);
                    catalogue.rated.put(title);
                } catch (InvalidRecordException e) {
                    store.close();
                    throw new CatalogueStoreException("the catalogue store in " + directory.toAbsolutePath()
                            + " holds an unreadable record of " + tconst + ": " + e.getMessage(), e);
                }
            }
        }
        catalogue.means = Map.copyOf(catalogue.rated.meansByType());
        return catalogue;
    }

    /**
     * Applies a batch of the topic's records, in topic order, and the offsets it brings the store to: the store
     * in one write, then the heap parts, all under the lock.
     */
    public void apply(List<Update> updates, Map<Integer, Long> offsets) throws InvalidRecordException {
        List<CatalogueStore.Change> changes = new ArrayList<>(updates.size());
        for (Update update : updates) {
            changes.add(new CatalogueStore.Change(update.tconst(), update.value()));
        }
        synchronized (lock) {
            // What each title was before this batch, read in one call; a title twice in one batch was, the
            // second time, its first record.
            Map<String, TitleRecord> stored = new HashMap<>();
            for (TitleRecord title : findAll(updates.stream().map(Update::tconst).distinct().toList())) {
                stored.put(title.tconst(), title);
            }
            Map<String, TitleRecord> current = new HashMap<>();
            List<TitleRecord> before = new ArrayList<>(updates.size());
            for (Update update : updates) {
                TitleRecord was = current.containsKey(update.tconst()) ? current.get(update.tconst()) : stored.get(update.tconst());
                before.add(was);
                current.put(update.tconst(), update.title());
            }
            applyToStore(changes, offsets);
            for (int i = 0; i < updates.size(); i++) {
                Update update = updates.get(i);
                count(before.get(i), update.title());
                if (update.title() == null) {
                    rated.remove(update.tconst());
                } else {
                    rated.put(update.title());
                }
            }
            means = Map.copyOf(rated.meansByType());
        }
    }

    private void applyToStore(List<CatalogueStore.Change> changes, Map<Integer, Long> offsets) throws InvalidRecordException {
        ReentrantReadWriteLock.ReadLock open = openLock.readLock();
        open.lock();
        try {
            if (closed) {
                throw new CatalogueStoreException("the catalogue store is closed", null);
            }
            store.apply(changes, offsets);
        } finally {
            open.unlock();
        }
    }

    private void count(TitleRecord before, TitleRecord after) {
        genres.change(before, after);
        if (before != null) {
            titles--;
            typeCounts.merge(before.titleType(), -1L, Long::sum);
            typeCounts.remove(before.titleType(), 0L);
        }
        if (after != null) {
            titles++;
            typeCounts.merge(after.titleType(), 1L, Long::sum);
        }
    }

    /**
     * Ties the store to the titles topic it is read from: a store built from another topic (a new broker, a
     * topic deleted and created again) is emptied, so the listener reads the new topic from its start.
     *
     * @return true when the store was emptied
     */
    public boolean adoptTopic(String topicId) {
        synchronized (lock) {
            boolean emptied = whileOpen(() -> store.adoptTopic(topicId));
            if (emptied) {
                means = Map.of();
                rated = new RatedTitles();
                genres = new TypeGenreCounts();
                typeCounts.clear();
                titles = 0;
            }
            return emptied;
        }
    }

    /** Hands every title to {@code action} in tconst order, from one view of the store (later writes are not seen). */
    public void forEachTitle(java.util.function.Consumer<TitleRecord> action) {
        try (DumpStoreJoin.Cursor cursor = store().cursor()) {
            for (cursor.seek(0); cursor.valid(); cursor.next()) {
                String tconst = TitleKey.tconst(cursor.key());
                try {
                    action.accept(TitleRecordCodec.decode(tconst, cursor.value()));
                } catch (InvalidRecordException e) {
                    throw new CatalogueStoreException("the catalogue store holds an unreadable record of " + tconst + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /** Per type, genre to title count. */
    public Map<String, Map<String, Long>> genreCountsByType() {
        synchronized (lock) {
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            for (String type : typeCounts.keySet()) {
                counts.put(type, genres.of(type));
            }
            return counts;
        }
    }

    /** The offsets of the topic's partitions the store holds everything before. */
    public Map<Integer, Long> offsets() {
        return whileOpen(store::offsets);
    }

    public Optional<TitleRecord> find(String tconst) {
        return whileOpen(() -> store.find(tconst));
    }

    /** See {@link CatalogueStore#findAll}. */
    public List<TitleRecord> findAll(List<String> tconsts) {
        return whileOpen(() -> store.findAll(tconsts));
    }

    /**
     * The best titles of some types; see {@link RatedTitles.Ranking#top}. Served from the kept ranking of those
     * types: a ranking older than the table is still served while a newer one is sorted on the catalogue's own
     * thread (seconds of CPU at full size, never on a request's), so a query never waits for a sort except the
     * very first of its types. The walk itself runs outside the lock.
     */
    public List<RatedTitles.Ranked> top(Set<String> titleTypes, String genre, long minVotes, Integer fromYear, Integer toYear,
                                        RatedTitles.Prior prior, RatedTitles.Ranked after, int limit) {
        return ranking(new RatedTitles.RankingKey(titleTypes, prior)).top(genre, minVotes, fromYear, toYear, after, limit);
    }

    /** A rated title's rank within its type and its genres, from the kept ranking of its type (as {@link #top}). */
    public Optional<RatedTitles.Ranks> ranks(String tconst, String titleType, RatedTitles.Prior prior) {
        return ranking(new RatedTitles.RankingKey(Set.of(titleType), prior)).ranks(tconst);
    }

    private RatedTitles.Ranking ranking(RatedTitles.RankingKey key) {
        synchronized (lock) {
            RatedTitles.Ranking kept = rated.keptRanking(key);
            if (kept == null) {
                return rated.ranking(key);
            }
            if (kept.version() != rated.version() && rebuilding.add(key)) {
                rankingThread.execute(() -> {
                    synchronized (lock) {
                        rebuilding.remove(key);
                        rated.ranking(key);
                    }
                });
            }
            return kept;
        }
    }

    /** Sorts every kept ranking that is older than the table now: after a refresh, its answers show all of it. */
    public void refreshRankings() {
        synchronized (lock) {
            for (RatedTitles.RankingKey key : rated.keptRankings()) {
                rated.ranking(key);
            }
        }
    }

    /** The mean rating of a type's rated titles (C when it is derived per type), NaN without any. */
    public double meanRating(String type) {
        return means.getOrDefault(type, Double.NaN);
    }

    /** See {@link CatalogueStore#episodes}. */
    public List<EpisodeRow> episodes(String series, byte[] after, int limit) {
        return whileOpen(() -> store.episodes(series, after, limit));
    }

    /** The type whose mean rating is C of an episode's score (when C is not configured). */
    static final String EPISODE_TYPE = "tvEpisode";

    /**
     * A page of a series' episodes. In {@code EPISODE} order the store is walked from {@code after}'s position;
     * the other orders sort the series' episodes ({@link EpisodeOrder#page}).
     *
     * @param season only this season, or null for every episode
     * @param after  the last row of the page before (its position, rating, votes and tconst), or null
     */
    public List<EpisodeRow> episodes(String series, Integer season, EpisodeOrder order, EpisodeRow after, int limit,
                                     RatedTitles.Prior prior) {
        if (order == EpisodeOrder.EPISODE) {
            byte[] from = after != null ? after.position()
                    : season == null ? null : EpisodeKey.of(TitleKey.of(series), season, 0, 0);
            List<EpisodeRow> page = new ArrayList<>();
            for (EpisodeRow row : episodes(series, from, limit)) {
                if (season != null && !season.equals(row.season())) {
                    break;
                }
                page.add(row);
            }
            return page;
        }
        List<EpisodeRow> rows = new ArrayList<>();
        for (EpisodeRow row : episodes(series, null, Integer.MAX_VALUE)) {
            if (season == null || season.equals(row.season())) {
                rows.add(row);
            }
        }
        double c = prior.mean() != null ? prior.mean() : meanRating(EPISODE_TYPE);
        return order.page(rows, after, limit, prior.minVotes(), c);
    }

    /** See {@link CatalogueStore#seasons}. */
    public CatalogueStore.Seasons seasons(String series) {
        return whileOpen(() -> store.seasons(series));
    }

    /** Genre to title count for one type, alphabetical. */
    public Map<String, Long> genreCounts(String titleType) {
        synchronized (lock) {
            return genres.of(titleType);
        }
    }

    /** The weighted score of a rating of a title of the given type, or null when unrated. */
    public Double weightedScore(Double rating, Long votes, String titleType, RatedTitles.Prior prior) {
        if (rating == null || votes == null) {
            return null;
        }
        double m = prior.minVotes();
        double c = prior.mean() != null ? prior.mean() : meanRating(titleType);
        if (Double.isNaN(c)) {
            return null;
        }
        return (votes * rating + m * c) / (votes + m);
    }

    /** The types IMDb's dumps have, and any other type the catalogue holds, in that order. */
    public List<String> knownTypes() {
        java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>(TitleRecordCodec.TYPES);
        types.addAll(typeCounts().keySet());
        return List.copyOf(types);
    }

    /** A genre as the dumps spell it, matched case-insensitively among the known genres and those held. */
    public Optional<String> canonicalGenre(String genre) {
        java.util.TreeSet<String> known = new java.util.TreeSet<>(TitleRecordCodec.KNOWN_GENRES);
        synchronized (lock) {
            for (String type : typeCounts.keySet()) {
                known.addAll(genres.of(type).keySet());
            }
        }
        return known.stream().filter(g -> g.equalsIgnoreCase(genre)).findFirst();
    }

    /**
     * Writes what the store holds only in memory to its table files: a crash after this restarts from here, not
     * from the last automatic flush (the store keeps no write-ahead log; Kafka is its log).
     */
    public void flush() {
        whileOpen(() -> {
            store.flush();
            return null;
        });
    }

    /** Title count per type, by type name. */
    public Map<String, Long> typeCounts() {
        synchronized (lock) {
            return new TreeMap<>(typeCounts);
        }
    }

    public long size() {
        synchronized (lock) {
            return titles;
        }
    }

    public long ratedSize() {
        synchronized (lock) {
            return rated.size();
        }
    }

    /** The store, for the refresh's comparison of a dump with it ({@link DumpStoreJoin}). */
    public DumpStoreJoin.TitleStore store() {
        return new DumpStoreJoin.TitleStore() {
            @Override
            public DumpStoreJoin.Cursor cursor() {
                DumpStoreJoin.Cursor cursor = whileOpen(store::cursor);
                return new DumpStoreJoin.Cursor() {
                    @Override
                    public void seek(long key) {
                        whileOpen(() -> {
                            cursor.seek(key);
                            return null;
                        });
                    }

                    @Override
                    public boolean valid() {
                        return whileOpen(cursor::valid);
                    }

                    @Override
                    public long key() {
                        return whileOpen(cursor::key);
                    }

                    @Override
                    public byte[] value() {
                        return whileOpen(cursor::value);
                    }

                    @Override
                    public void next() {
                        whileOpen(() -> {
                            cursor.next();
                            return null;
                        });
                    }

                    @Override
                    public void close() {
                        whileOpen(() -> {
                            cursor.close();
                            return null;
                        });
                    }
                };
            }

            @Override
            public byte[] get(long key) {
                return whileOpen(() -> store.get(key));
            }
        };
    }

    public boolean isEmpty() {
        return whileOpen(store::isEmpty);
    }

    private <T> T whileOpen(Supplier<T> call) {
        ReentrantReadWriteLock.ReadLock open = openLock.readLock();
        open.lock();
        try {
            if (closed) {
                throw new CatalogueStoreException("the catalogue store is closed", null);
            }
            return call.get();
        } finally {
            open.unlock();
        }
    }

    /** Waits for the calls in progress; later calls fail. */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock open = openLock.writeLock();
        open.lock();
        try {
            if (!closed) {
                closed = true;
                rankingThread.shutdownNow();
                store.close();
            }
        } finally {
            open.unlock();
        }
    }
}
