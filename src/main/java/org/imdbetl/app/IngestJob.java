package org.imdbetl.app;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.Movie;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.files.AtomicFiles;
import org.imdbetl.source.DatasetState;
import org.imdbetl.source.DumpFile;
import org.imdbetl.source.DumpReader;
import org.imdbetl.source.FileVersion;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.ImdbSource;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.source.InvalidFileException;
import org.imdbetl.source.MovieSink;
import org.imdbetl.source.RejectSamples;
import org.imdbetl.source.TconstSet;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.topic.HistoryProducer;
import org.imdbetl.topic.MovieProducer;
import org.imdbetl.topic.TopicAdmin;
import org.imdbetl.source.DatasetStatus;

/**
 * Runs a refresh, one at a time, on its own thread: wait for the store to hold the topic; check both
 * dumps against the versions last ingested and stop there when neither changed; otherwise read them
 * (a download is parsed as it arrives), send every new or changed movie, and once both files were
 * read completely, send a tombstone for every movie the dump no longer has, unless that is more than
 * {@code imdb.refresh.max-delete-fraction} of the store (then they are held back). Finally: wait for
 * the acknowledgements and for the listener, write a snapshot, and record the new dataset version.
 *
 * <p>Every change also gets a history point (NEW, CHANGED, REMOVED) stamped with the dataset version.
 * Points go out in chunks ahead of the records they describe, and a chunk's records are sent only once
 * its points are acknowledged: a record in the movies topic always has its point, and a change lost in
 * a crash is found again by the next read and its point re-sent under the same key.
 */
@ApplicationScoped
public class IngestJob {

    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final long PACING_SLACK_NANOS = 1_000_000_000L;
    private static final DateTimeFormatter REJECTS_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ImdbConfig config;
    private final MovieProducer producer;
    private final HistoryProducer historyProducer;
    private final ScoringStore store;
    private final ConsumerPositions positions;
    private final TopicAdmin topics;
    private final LakeWriter lake;
    private final IngestProgress progress = new IngestProgress();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "imdb-ingest"));
    private CompletableFuture<IngestProgress.Snapshot> current = CompletableFuture.completedFuture(null);
    private volatile DatasetStatus dataset;
    /** Set by the start-up sequence once the channels are wired: a refresh before that has nowhere to send. */
    private volatile boolean channelsWired;

    IngestJob(ImdbConfig config, MovieProducer producer, HistoryProducer historyProducer, ScoringStore store,
            ConsumerPositions positions, TopicAdmin topics, LakeWriter lake) {
        this.config = config;
        this.producer = producer;
        this.historyProducer = historyProducer;
        this.store = store;
        this.positions = positions;
        this.topics = topics;
        this.lake = lake;
        this.dataset = DatasetStatus.initial(configuredSource().describe());
    }

    /** Called by the start-up sequence once the messaging channels are wired. */
    void channelsWired() {
        channelsWired = true;
    }

    /** The scheduled refresh of the configured source; returns the running one if there is one. */
    public CompletableFuture<IngestProgress.Snapshot> start() {
        return refresh(RefreshOptions.SCHEDULED);
    }

    /** A refresh of the configured source; returns the running one if there is one. */
    public CompletableFuture<IngestProgress.Snapshot> refresh(RefreshOptions options) {
        return start(configuredSource(), options);
    }

    /** Reads the given source whatever the checks say; for tests that feed bad sources to a running service. */
    CompletableFuture<IngestProgress.Snapshot> start(ImdbSource source) {
        return start(source, new RefreshOptions(true, false));
    }

    /**
     * A scheduled refresh while one runs is that one; an explicit one (force, allowDeletes) runs right
     * after it, so an operator's request is never lost.
     */
    synchronized CompletableFuture<IngestProgress.Snapshot> start(ImdbSource source, RefreshOptions options) {
        if (!channelsWired) {
            // The scheduler fires its first check while the application is still starting.
            Log.debug("Refresh: skipped, the service is still starting");
            return CompletableFuture.completedFuture(progress.snapshot());
        }
        if (current.isDone()) {
            current = CompletableFuture.supplyAsync(() -> run(source, options), executor);
        } else if (!options.equals(RefreshOptions.SCHEDULED)) {
            current = current.handleAsync((done, failure) -> run(source, options), executor);
        }
        return current;
    }

    public boolean running() {
        return progress.snapshot().state() == IngestState.RUNNING;
    }

    /** The current or last refresh that read data, as one consistent-enough copy. */
    public IngestProgress.Snapshot progress() {
        return progress.snapshot();
    }

    /** The live counters, for metrics. */
    public IngestProgress counters() {
        return progress;
    }

    /** The dataset as last ingested and checked. */
    public DatasetStatus dataset() {
        return dataset;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private ImdbSource configuredSource() {
        ImdbConfig.Source sourceConfig = config.source();
        return new ImdbSource(sourceConfig.location(), sourceConfig.sampleDir(), sourceConfig.cacheDir(),
                sourceConfig.connectTimeout());
    }

    private IngestProgress.Snapshot run(ImdbSource source, RefreshOptions options) {
        boolean heldBefore = progress.snapshot().state() == IngestState.HELD_BACK;
        progress.checking(source.describe());
        RejectSamples rejects = new RejectSamples(config.ingest().rejectsPerReason());
        long checkStarted = System.nanoTime();
        try {
            // What is already in the topic is not sent again: a re-run, or a restart after a crash,
            // sends only new and changed movies.
            awaitStoreLoaded(config.ingest().storeLoadTimeout());
            Path stateFile = stateFile(source);
            DatasetState last = DatasetState.load(stateFile);
            recordIngested(last);
            try (DumpFile ratings = source.open(ImdbReader.RATINGS_FILE, last.file(ImdbReader.RATINGS_FILE));
                    DumpFile basics = source.open(ImdbReader.BASICS_FILE, last.file(ImdbReader.BASICS_FILE))) {
                boolean changed = ratings.changed() || basics.changed();
                // An empty store with a recorded version: the topic was wiped, the cache was not.
                boolean read = changed || options.force() || store.stats().movies() == 0;
                recordCheck(source, ratings, basics, changed ? "CHANGED" : "UNCHANGED", checkStarted);
                if (!read) {
                    Log.infof("Refresh: %s unchanged (%s; %s), nothing read", source.describe(),
                            ratings.checkResult(), basics.checkResult());
                    progress.checkedUnchanged(heldBefore);
                    return progress.snapshot();
                }
                progress.started(source.describe());
                Log.infof("Ingest: reading %s (%s: %s; %s: %s)", source.describe(), ratings.name(),
                        ratings.checkResult(), basics.name(), basics.checkResult());
                Outcome outcome = readAndSend(ratings, basics, rejects, options);
                if (outcome.complete()) {
                    // Recorded only after everything was read and sent: a failed or held-back refresh is
                    // read again at the next check.
                    if (!outcome.heldBack()) {
                        DatasetState ingested = last.with(ImdbReader.RATINGS_FILE, ratings.commit())
                                .with(ImdbReader.BASICS_FILE, basics.commit());
                        ingested.save(stateFile);
                        recordIngested(ingested);
                    }
                }
                dataset = dataset.withRefresh(new DatasetStatus.RefreshCounts(Instant.now(), outcome.added(),
                        outcome.changed(), outcome.removed(), outcome.unchanged(), outcome.deletionsHeld()));
                // Last: whoever waits for the state sees the dataset part already updated.
                if (outcome.heldBack()) {
                    progress.heldBack();
                } else {
                    progress.completed();
                }
            }
        } catch (InvalidFileException e) {
            fail(source, e.getMessage(), checkStarted);
        } catch (IOException e) {
            String file = progress.snapshot().currentFile();
            fail(source, (file.isEmpty() ? "" : "reading " + file + " failed: ") + e
                    + "; nothing was deleted and the previous version of the files is kept", checkStarted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failed("interrupted");
        } catch (RuntimeException | Error e) {
            // An Error too (OutOfMemoryError above all): the state must never stay RUNNING on a dead thread.
            progress.failed(e.toString());
            Log.errorf(e, "Ingest from %s failed", source.describe());
        }
        writeRejects(rejects);
        return progress.snapshot();
    }

    /** What one read of the dumps did. {@code complete}: both files were read to their very end. */
    private record Outcome(boolean complete, boolean heldBack, long added, long changed, long unchanged, long removed,
            long deletionsHeld) {
    }

    private Outcome readAndSend(DumpFile ratings, DumpFile basics, RejectSamples rejects, RefreshOptions options)
            throws IOException, InvalidFileException, InterruptedException {
        ImdbConfig.Ingest settings = config.ingest();
        TconstSet seen = new TconstSet();
        DumpReader reader = new DumpReader(new DumpReader.Settings(Set.copyOf(settings.titleTypes()),
                settings.maxLineBytes(), settings.progressInterval()), progress, rejects, seen::add);
        Instant asOf = datasetVersion(ratings.version(), basics.version());
        SendingSink sink = new SendingSink(settings, seen, asOf);
        boolean complete = reader.readInto(ratings, basics, sink);
        sink.flush();
        awaitAcknowledged();
        long removed = 0;
        long held = 0;
        if (!complete) {
            Log.warnf("Ingest: %s was not read to its end; no movie is deleted and the dataset version is not recorded",
                    basics.describe());
        } else {
            List<String> gone = store.tconstsNotIn(seen::contains);
            long storeSize = store.stats().movies();
            double limit = config.refresh().maxDeleteFraction() * storeSize;
            if (!gone.isEmpty() && gone.size() > limit && !options.allowDeletes()) {
                held = gone.size();
                Log.warnf("Refresh: %d movies left the dump, more than %.1f%% of the %d in the store; deletions HELD BACK."
                        + " POST /admin/ingest?allowDeletes=true applies them", held,
                        config.refresh().maxDeleteFraction() * 100, storeSize);
            } else {
                // In tconst order, paced like the upserts: a replay after a crash sends the rest in the same order.
                gone.sort(null);
                for (String tconst : gone) {
                    sink.remove(tconst);
                }
                sink.flush();
                removed = gone.size();
                awaitAcknowledged();
            }
        }
        reader.logFinished();
        snapshotOnceConsumed();
        return new Outcome(complete, held > 0, sink.added.get(), sink.changed.get(), sink.unchanged.get(), removed, held);
    }

    private void fail(ImdbSource source, String message, long checkStarted) {
        progress.failed(message);
        recordCheckFailed(source, message, checkStarted);
        Log.errorf("Ingest from %s failed: %s", source.describe(), message);
    }

    private void awaitAcknowledged() throws IOException, InterruptedException {
        if (!producer.awaitAllAcknowledged(ACK_TIMEOUT)) {
            throw new IOException("Kafka did not acknowledge every record within " + ACK_TIMEOUT);
        }
    }

    private void awaitStoreLoaded(Duration timeout) throws IOException, InterruptedException {
        try {
            positions.whenLoaded().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the store did not finish loading the topic within " + timeout + "; is Kafka reachable?");
        }
    }

    /** Waits for the listener to consume what the refresh sent, then writes a snapshot. */
    private void snapshotOnceConsumed() throws InterruptedException {
        if (!lake.enabled()) {
            return;
        }
        Optional<Map<Integer, Long>> end = topics.endOffsets();
        Duration timeout = config.snapshot().ingestCatchUpTimeout();
        if (end.isPresent()) {
            try {
                positions.reach(end.get()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                Log.warnf("Snapshot: the listener has not caught up with the ingest after %s; writing what it has", timeout);
            }
        }
        lake.snapshot("ingest completed", true);
    }

    private void recordCheck(ImdbSource source, DumpFile ratings, DumpFile basics, String outcome, long startedNanos) {
        Map<String, String> found = new LinkedHashMap<>();
        found.put(ratings.name(), ratings.checkResult());
        found.put(basics.name(), basics.checkResult());
        dataset = dataset.withCheck(source.describe(), Instant.now(), (System.nanoTime() - startedNanos) / 1_000_000,
                outcome, found);
    }

    private void recordCheckFailed(ImdbSource source, String error, long startedNanos) {
        dataset = dataset.withCheck(source.describe(), Instant.now(), (System.nanoTime() - startedNanos) / 1_000_000,
                "FAILED", Map.of("error", error));
    }

    /**
     * The versions as ingested into this topic: a new topic (or another broker) starts from nothing,
     * even with the same source and cache.
     */
    private Path stateFile(ImdbSource source) {
        Path shared = source.stateFile();
        return topics.topicId().map(id -> shared.resolveSibling("topic-" + id + "-" + shared.getFileName())).orElse(shared);
    }

    /** The versions as last ingested, as {@code /status} shows them. */
    private void recordIngested(DatasetState state) {
        Map<String, FileVersion> files = new LinkedHashMap<>();
        state.file(ImdbReader.RATINGS_FILE).ifPresent(v -> files.put(ImdbReader.RATINGS_FILE, v));
        state.file(ImdbReader.BASICS_FILE).ifPresent(v -> files.put(ImdbReader.BASICS_FILE, v));
        Instant version = laterFileTime(files.get(ImdbReader.RATINGS_FILE), files.get(ImdbReader.BASICS_FILE));
        dataset = dataset.withIngested(version == null ? null : version.truncatedTo(ChronoUnit.MILLIS).toString(), files);
    }

    /**
     * The version history points are stamped with: the later of the two dumps' Last-Modified (else file
     * time), to the millisecond. IMDb publishes both together, so this is the ratings dump's date; taking
     * the later one keeps a refresh that only changed titles from reusing the previous refresh's version.
     * A source that gives neither (a download without Last-Modified) is stamped with the time it was read.
     */
    static Instant datasetVersion(FileVersion ratings, FileVersion basics) {
        Instant later = laterFileTime(ratings, basics);
        return (later == null ? Instant.now() : later).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant laterFileTime(FileVersion ratings, FileVersion basics) {
        Instant first = fileTime(ratings);
        Instant second = fileTime(basics);
        return first == null ? second : second == null || first.isAfter(second) ? first : second;
    }

    private static Instant fileTime(FileVersion version) {
        if (version == null) {
            return null;
        }
        if (version.lastModified() != null) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(version.lastModified(), Instant::from);
        }
        return version.modifiedMillis() > 0 ? Instant.ofEpochMilli(version.modifiedMillis()) : null;
    }

    private void writeRejects(RejectSamples rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        Path file = config.snapshot().outputDir().resolve("rejects").resolve("ingest-" + REJECTS_STAMP.format(Instant.now()) + ".csv");
        try {
            AtomicFiles.write(file, rejects::writeCsv);
            Log.infof("Ingest: the first %d rejected rows of each reason are in %s", config.ingest().rejectsPerReason(), file);
        } catch (IOException e) {
            Log.errorf("Ingest: %s", e.getMessage());
        }
    }

    /** A change waiting for its history point: an upsert, or a tombstone when {@code movie} is null. */
    private record Pending(String tconst, Movie movie) {
    }

    /**
     * Sends what changed, pacing and limiting as MSGS_PER_SEC and PRODUCER_LIMIT say; notes every tconst
     * seen. Changes wait in chunks of {@code imdb.history.send-chunk} for their history points.
     */
    private final class SendingSink implements MovieSink {
        private final long limit;
        private final long nanosPerRecord;
        private final TconstSet seen;
        private final Instant asOf;
        private final int chunk;
        private final List<Pending> pending = new ArrayList<>();
        private final AtomicReference<Throwable> historyFailure = new AtomicReference<>();
        private final AtomicLong added = new AtomicLong();
        private final AtomicLong changed = new AtomicLong();
        private final AtomicLong unchanged = new AtomicLong();
        private long scheduleStart = System.nanoTime();
        private long paced;
        private long accepted;

        SendingSink(ImdbConfig.Ingest settings, TconstSet seen, Instant asOf) {
            this.limit = settings.producerLimit();
            this.nanosPerRecord = settings.msgsPerSec() > 0 ? 1_000_000_000L / settings.msgsPerSec() : 0;
            this.seen = seen;
            this.asOf = asOf;
            this.chunk = Math.max(1, config.history().sendChunk());
        }

        @Override
        public boolean accept(Movie movie) throws InterruptedException {
            progress.movieRead();
            seen.add(movie.tconst());
            Movie stored = store.find(movie.tconst()).map(ScoredMovie::movie).orElse(null);
            if (movie.equals(stored)) {
                progress.movieUnchanged();
                unchanged.incrementAndGet();
                return true;
            }
            (stored != null ? changed : added).incrementAndGet();
            enqueue(stored, movie.tconst(), movie);
            accepted++;
            return limit <= 0 || accepted < limit;
        }

        /** A movie that left the dump: its REMOVED point, then its tombstone. */
        void remove(String tconst) throws InterruptedException {
            enqueue(store.find(tconst).map(ScoredMovie::movie).orElse(null), tconst, null);
        }

        private void enqueue(Movie before, String tconst, Movie after) throws InterruptedException {
            Optional<HistoryPoint.Event> event = HistoryPoint.eventBetween(before, after);
            if (event.isPresent()) {
                HistoryPoint point = after == null
                        ? new HistoryPoint(asOf, event.get(), null, null, null)
                        : HistoryPoint.of(asOf, event.get(), after, store.scoreNow(after).weightedScore());
                historyProducer.send(new HistoryEntry(tconst, point), failure -> {
                    historyFailure.compareAndSet(null, failure);
                    Log.warnf("Ingest: Kafka refused the history point of %s: %s", tconst, failure.getMessage());
                });
            }
            pending.add(new Pending(tconst, after));
            if (pending.size() >= chunk) {
                flush();
            }
        }

        /** Once the chunk's points are acknowledged, sends its records. */
        void flush() throws InterruptedException {
            if (pending.isEmpty()) {
                return;
            }
            if (!historyProducer.awaitAllAcknowledged(ACK_TIMEOUT)) {
                throw new IllegalStateException("Kafka did not acknowledge the history points within " + ACK_TIMEOUT
                        + "; their movies were not sent");
            }
            Throwable failure = historyFailure.get();
            if (failure != null) {
                throw new IllegalStateException("Kafka refused a history point (" + failure.getMessage()
                        + "); its movies were not sent", failure);
            }
            for (Pending change : pending) {
                pace();
                if (change.movie() != null) {
                    producer.send(change.movie(), progress::movieSent, refused -> {
                        progress.sendFailed();
                        Log.warnf("Ingest: Kafka refused %s: %s", change.tconst(), refused.getMessage());
                    });
                } else {
                    producer.delete(change.tconst(), progress::movieSent, refused -> {
                        progress.sendFailed();
                        Log.warnf("Ingest: Kafka refused the tombstone of %s: %s", change.tconst(), refused.getMessage());
                    });
                }
            }
            pending.clear();
        }

        private void pace() throws InterruptedException {
            if (nanosPerRecord == 0) {
                return;
            }
            long now = System.nanoTime();
            long due = scheduleStart + paced * nanosPerRecord;
            if (now - due > PACING_SLACK_NANOS) {
                // Behind after a stall (Kafka away, a slow disk): go on at the rate, do not burst to catch up.
                scheduleStart = now - paced * nanosPerRecord;
                due = now;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            paced++;
        }
    }
}
