package org.imdbetl.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.imdbetl.domain.Movie;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.MovieSink;
import org.imdbetl.source.TconstSet;
import org.jboss.logging.Logger;

/**
 * Sends what a dump changed, and nothing else: a movie equal to the published one is only counted. Every
 * change gets its history point (NEW, CHANGED, REMOVED) stamped with the refresh's dataset version.
 *
 * <p>Points go out in chunks ahead of the records they describe, and a chunk's records are sent only
 * once its points are acknowledged: a record in the movies topic always has its point, and a change lost
 * in a crash is found again by the next read and its point re-sent under the same key.
 *
 * <p>Notes every tconst it is handed in {@code seen}; paces and stops as the settings say. One thread.
 */
public final class ChangeSender implements MovieSink {

    private static final Logger LOG = Logger.getLogger(ChangeSender.class);

    /**
     * @param producerLimit stop reading after this many changed movies; 0 for no limit
     * @param perSecond records per second; 0 for no pacing
     * @param chunk changes whose points are acknowledged before their records are sent
     * @param ackTimeout how long to wait for acknowledgements before the refresh fails
     */
    public record Settings(long producerLimit, int perSecond, int chunk, Duration ackTimeout) {
    }

    /** A change waiting for its history point: an upsert, or a tombstone when {@code movie} is null. */
    private record Pending(String tconst, Movie movie) {
    }

    private final Settings settings;
    private final PublishedMovies published;
    private final MovieSender movies;
    private final PointSender points;
    private final IngestProgress progress;
    private final TconstSet seen;
    private final Instant asOf;
    private final Pacer pacer;
    private final List<Pending> pending = new ArrayList<>();
    private final AtomicReference<Throwable> pointFailure = new AtomicReference<>();
    private long added;
    private long changed;
    private long unchanged;
    private long removed;

    public ChangeSender(Settings settings, PublishedMovies published, MovieSender movies, PointSender points,
            IngestProgress progress, TconstSet seen, Instant asOf) {
        this.settings = settings;
        this.published = published;
        this.movies = movies;
        this.points = points;
        this.progress = progress;
        this.seen = seen;
        this.asOf = asOf;
        this.pacer = new Pacer(settings.perSecond());
    }

    @Override
    public boolean accept(Movie movie) throws InterruptedException, IOException {
        progress.movieRead();
        seen.add(movie.tconst());
        Movie before = published.find(movie.tconst()).orElse(null);
        if (movie.equals(before)) {
            progress.movieUnchanged();
            unchanged++;
            return true;
        }
        if (before == null) {
            added++;
        } else {
            changed++;
        }
        enqueue(before, movie.tconst(), movie);
        return settings.producerLimit() <= 0 || added + changed < settings.producerLimit();
    }

    /** Sends the plan's tombstones (each after its REMOVED point) and waits for them to be acknowledged. */
    public void remove(DeletionPlan plan) throws InterruptedException, IOException {
        for (String tconst : plan.send()) {
            enqueue(published.find(tconst).orElse(null), tconst, null);
            removed++;
        }
        flush();
    }

    /** Sends what waits for its points, once they are acknowledged. */
    public void flush() throws InterruptedException, IOException {
        if (pending.isEmpty()) {
            return;
        }
        if (!points.awaitAllAcknowledged(settings.ackTimeout())) {
            throw new IllegalStateException("Kafka did not acknowledge the history points within " + settings.ackTimeout()
                    + "; their movies were not sent");
        }
        Throwable failure = pointFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka refused a history point (" + failure.getMessage()
                    + "); its movies were not sent", failure);
        }
        for (Pending change : pending) {
            pacer.pace();
            if (change.movie() != null) {
                movies.send(change.movie(), progress::movieSent, refused -> refused("", change.tconst(), refused));
            } else {
                movies.delete(change.tconst(), progress::movieSent, refused -> refused("the tombstone of ", change.tconst(), refused));
            }
        }
        pending.clear();
    }

    public long added() {
        return added;
    }

    public long changed() {
        return changed;
    }

    public long unchanged() {
        return unchanged;
    }

    public long removed() {
        return removed;
    }

    /** Whether the producer limit stopped the read (so it ended early on purpose). */
    public boolean limitReached() {
        return settings.producerLimit() > 0 && added + changed >= settings.producerLimit();
    }

    private void enqueue(Movie before, String tconst, Movie after) throws InterruptedException, IOException {
        Optional<HistoryPoint.Event> event = HistoryPoint.eventBetween(before, after);
        if (event.isPresent()) {
            HistoryPoint point = after == null
                    ? new HistoryPoint(asOf, event.get(), null, null, null)
                    : HistoryPoint.of(asOf, event.get(), after, published.scoreNow(after));
            points.send(new HistoryEntry(tconst, point), failure -> {
                pointFailure.compareAndSet(null, failure);
                LOG.warnf("Ingest: Kafka refused the history point of %s: %s", tconst, failure.getMessage());
            });
        }
        pending.add(new Pending(tconst, after));
        if (pending.size() >= Math.max(1, settings.chunk())) {
            flush();
        }
    }

    private void refused(String what, String tconst, Throwable failure) {
        progress.sendFailed();
        LOG.warnf("Ingest: Kafka refused %s%s: %s", what, tconst, failure.getMessage());
    }
}
