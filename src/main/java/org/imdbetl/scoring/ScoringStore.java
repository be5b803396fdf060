package org.imdbetl.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.imdbetl.domain.Movie;

/**
 * The in-memory state the API serves: every movie by tconst, genre counts and a ranking index.
 *
 * <p>Upserts replace a movie wholesale, undoing its old genre counts and ranking entry first, so
 * replaying the topic or re-running an ingest never counts twice. Rated movies are kept sorted by
 * {@link ScoredMovie#RANKING}, overall and per genre, so a top-N query walks the first entries of
 * an index instead of sorting the store. Writers take the write lock per batch; readers share the
 * read lock.
 */
public final class ScoringStore {

    private final double minVotesPrior;
    private final boolean autoMean;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<String, ScoredMovie> movies = new HashMap<>();
    private final Map<String, long[]> genreCounts = new HashMap<>();
    private NavigableSet<ScoredMovie> ranking = new TreeSet<>(ScoredMovie.RANKING);
    private Map<String, NavigableSet<ScoredMovie>> rankingByGenre = new HashMap<>();
    private double ratingSum;
    private long ratedCount;
    private double meanInUse;
    private long version;

    /**
     * @param minVotesPrior m in the weighted rating
     * @param fixedMean C, or empty to use the mean rating of the rated movies in the store
     */
    public ScoringStore(double minVotesPrior, OptionalDouble fixedMean) {
        this.minVotesPrior = minVotesPrior;
        this.autoMean = fixedMean.isEmpty();
        this.meanInUse = fixedMean.orElse(0.0);
    }

    /**
     * Inserts or replaces each movie; a later movie in the batch wins over an earlier one.
     *
     * @return each movie with its score as stored, in batch order
     */
    public List<ScoredMovie> upsertAll(Collection<Movie> batch) {
        List<ScoredMovie> result = new ArrayList<>(batch.size());
        if (batch.isEmpty()) {
            return result;
        }
        lock.writeLock().lock();
        try {
            for (Movie movie : batch) {
                ScoredMovie previous = movies.get(movie.tconst());
                if (previous != null) {
                    unindex(previous);
                }
                ScoredMovie scored = score(movie, meanInUse);
                movies.put(movie.tconst(), scored);
                index(scored);
                result.add(scored);
            }
            version++;
            if (autoMean && ratedCount > 0 && meanInUse == 0.0) {
                // First ratings seen: there is no C yet to rank with.
                rebuildRanking(ratingSum / ratedCount);
                result.replaceAll(scored -> movies.get(scored.tconst()));
            }
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * With an automatic C, re-scores and re-ranks everything when the mean of the store has moved.
     * Called on a schedule rather than per batch: a full re-rank costs as much as a sort.
     *
     * @return true when the ranking was rebuilt
     */
    public boolean refreshRanking() {
        if (!autoMean) {
            return false;
        }
        lock.writeLock().lock();
        try {
            double mean = ratedCount == 0 ? 0.0 : ratingSum / ratedCount;
            if (mean == meanInUse) {
                return false;
            }
            rebuildRanking(mean);
            version++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<ScoredMovie> find(String tconst) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(movies.get(tconst));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Rated movies matching the query, best first, at most {@code query.limit()}. */
    public List<ScoredMovie> top(TopQuery query) {
        lock.readLock().lock();
        try {
            NavigableSet<ScoredMovie> index = query.genre() == null
                    ? ranking
                    : rankingByGenre.getOrDefault(query.genre(), new TreeSet<>());
            List<ScoredMovie> result = new ArrayList<>(Math.min(query.limit(), 1024));
            for (ScoredMovie scored : index) {
                if (result.size() == query.limit()) {
                    break;
                }
                if (query.accepts(scored)) {
                    result.add(scored);
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every genre with its movie count, ordered by {@link GenreCount#ORDER}. */
    public List<GenreCount> genreCounts() {
        lock.readLock().lock();
        try {
            List<GenreCount> counts = new ArrayList<>(genreCounts.size());
            genreCounts.forEach((genre, count) -> {
                if (count[0] > 0) {
                    counts.add(new GenreCount(genre, count[0]));
                }
            });
            counts.sort(GenreCount.ORDER);
            return counts;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The genre as the store spells it, matched case-insensitively, if any movie has it. */
    public Optional<String> canonicalGenre(String genre) {
        lock.readLock().lock();
        try {
            return genreCounts.entrySet().stream()
                    .filter(e -> e.getValue()[0] > 0 && e.getKey().equalsIgnoreCase(genre))
                    .map(Map.Entry::getKey)
                    .findFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every movie in the store, unordered: a copy taken under the read lock. */
    public List<ScoredMovie> all() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(movies.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public StoreStats stats() {
        lock.readLock().lock();
        try {
            return new StoreStats(movies.size(), ratedCount, minVotesPrior, meanInUse, autoMean, version);
        } finally {
            lock.readLock().unlock();
        }
    }

    private ScoredMovie score(Movie movie, double mean) {
        Double score = movie.rated()
                ? WeightedRating.of(movie.averageRating(), movie.numVotes(), minVotesPrior, mean)
                : null;
        return new ScoredMovie(movie, score);
    }

    private void index(ScoredMovie scored) {
        for (String genre : scored.countedGenres()) {
            genreCounts.computeIfAbsent(genre, g -> new long[1])[0]++;
        }
        if (scored.movie().rated()) {
            ratingSum += scored.movie().averageRating();
            ratedCount++;
            rank(scored, ranking, rankingByGenre);
        }
    }

    private void unindex(ScoredMovie scored) {
        for (String genre : scored.countedGenres()) {
            genreCounts.get(genre)[0]--;
        }
        if (scored.movie().rated()) {
            ratingSum -= scored.movie().averageRating();
            ratedCount--;
            ranking.remove(scored);
            for (String genre : scored.countedGenres()) {
                rankingByGenre.get(genre).remove(scored);
            }
        }
    }

    private static void rank(ScoredMovie scored, NavigableSet<ScoredMovie> all,
            Map<String, NavigableSet<ScoredMovie>> byGenre) {
        all.add(scored);
        for (String genre : scored.countedGenres()) {
            byGenre.computeIfAbsent(genre, g -> new TreeSet<>(ScoredMovie.RANKING)).add(scored);
        }
    }

    private void rebuildRanking(double mean) {
        NavigableSet<ScoredMovie> newRanking = new TreeSet<>(ScoredMovie.RANKING);
        Map<String, NavigableSet<ScoredMovie>> newByGenre = new HashMap<>();
        for (Map.Entry<String, ScoredMovie> entry : movies.entrySet()) {
            ScoredMovie rescored = score(entry.getValue().movie(), mean);
            entry.setValue(rescored);
            if (rescored.movie().rated()) {
                rank(rescored, newRanking, newByGenre);
            }
        }
        ranking = newRanking;
        rankingByGenre = newByGenre;
        meanInUse = mean;
    }
}
