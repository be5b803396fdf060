package org.imdbetl.app;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.files.AtomicFiles;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.ingest.ChangeSender;
import org.imdbetl.ingest.DeletionPlan;
import org.imdbetl.ingest.DestinationStoppedException;
import org.imdbetl.ingest.MovieSender;
import org.imdbetl.ingest.PointSender;
import org.imdbetl.ingest.PublishedMovies;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.source.DatasetLedger.RefreshDate;
import org.imdbetl.source.DatasetLedger;
import org.imdbetl.source.DatasetState;
import org.imdbetl.source.DatasetStatus;
import org.imdbetl.source.DumpFile;
import org.imdbetl.source.DumpReader;
import org.imdbetl.source.FileVersion;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.ImdbSource;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.source.InvalidFileException;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RejectSamples;
import org.imdbetl.source.TconstSet;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.topic.KafkaBroker;
import org.imdbetl.topic.TopicAdmin;
import org.jboss.logging.Logger;

/**
 * A refresh, one at a time, on its own thread:
 * <ol>
 * <li>wait for the store to hold the topic (what it holds is not sent again);</li>
 * <li>check the dumps against the versions last ingested, and stop there when none changed;</li>
 * <li>read them (a download is parsed as it arrives) and send what changed ({@link ChangeSender});</li>
 * <li>once every file was read to its end, delete the movies the dump no longer has, within the safety
 * valve ({@link DeletionPlan});</li>
 * <li>wait for the acknowledgements and for the listener, write a snapshot, and record the versions
 * ingested ({@link DatasetLedger}).</li>
 * </ol>
 * A refresh is dated before it sends anything ({@link DatasetLedger#dateRefresh}): never back, never twice.
 * One whose file stops short ends INCOMPLETE, one that cannot read or send ends FAILED; after either, the
 * scheduled checks back off. An operator's refresh waits behind the running one, and at most one waits.
 */
@ApplicationScoped
public class IngestJob {

    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final DateTimeFormatter REJECTS_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The files a refresh reads, ratings first: a truncated ratings file fails it before any movie is sent. */
    private static final List<String> FILES = List.of(ImdbReader.RATINGS_FILE, ImdbReader.BASICS_FILE);

    private final ImdbConfig config;
    private final MovieSender movies;
    private final PointSender points;
    private final PublishedMovies published;
    private final ConsumerPositions positions;
    private final TopicAdmin topics;
    private final KafkaBroker broker;
    private final RatingHistory history;
    private final LakeWriter lake;
    private final CatalogueRefresh catalogue;
    private final IngestProgress progress = new IngestProgress();
    private final DatasetLedger ledger;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "imdb-ingest"));
    private CompletableFuture<IngestProgress.Snapshot> current = CompletableFuture.completedFuture(null);
    /** Guarded by this: the refresh waiting behind the running one, if any; the id of the last one started. */
    private Waiting waiting;
    private String runningId;
    private long requests;
    /** Set by the start-up sequence once the channels are wired: a refresh before that has nowhere to send. */
    private volatile boolean channelsWired;

    IngestJob(ImdbConfig config, MovieSender movies, PointSender points, PublishedMovies published,
            ConsumerPositions positions, TopicAdmin topics, KafkaBroker broker, RatingHistory history, LakeWriter lake,
            CatalogueRefresh catalogue) {
        this.config = config;
        this.movies = movies;
        this.points = points;
        this.published = published;
        this.positions = positions;
        this.topics = topics;
        this.broker = broker;
        this.history = history;
        this.lake = lake;
        this.catalogue = catalogue;
        this.ledger = new DatasetLedger(configuredSource().describe());
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
        return request(configuredSource(), options).done();
    }

    /**
     * An operator's refresh: runs now if none runs, else after the running one. At most one waits: a request
     * while one waits joins it (its options added to the waiting one's) and gets its id.
     */
    public RefreshRequest requestRefresh(RefreshOptions options) {
        return request(configuredSource(), options);
    }

    /** Reads the given source whatever the checks say; for tests that feed bad sources to a running service. */
    CompletableFuture<IngestProgress.Snapshot> start(ImdbSource source) {
        return request(source, new RefreshOptions(true, false)).done();
    }

    /**
     * A refresh asked for: its id ({@code joined} when it joined one already waiting), and its end.
     */
    public record RefreshRequest(String id, boolean joined, CompletableFuture<IngestProgress.Snapshot> done) {
    }

    /** The one refresh waiting behind the running one; its options grow as requests join it. Guarded by the job. */
    private static final class Waiting {
        final String id;
        RefreshOptions options;
        CompletableFuture<IngestProgress.Snapshot> done;

        Waiting(String id, RefreshOptions options) {
            this.id = id;
            this.options = options;
        }
    }

    /**
     * A scheduled refresh while one runs is that one, and waits out the back-off after failures; an
     * explicit one (force, allowDeletes) runs right after the running one, so an operator's request is never
     * lost, and never more than one waits.
     */
    synchronized RefreshRequest request(ImdbSource source, RefreshOptions options) {
        if (!channelsWired) {
            // The scheduler fires its first check while the application is still starting.
            Log.debug("Refresh: skipped, the service is still starting");
            return new RefreshRequest(runningId, false, CompletableFuture.completedFuture(progress.snapshot()));
        }
        boolean scheduled = options.equals(RefreshOptions.SCHEDULED);
        if (scheduled && ledger.backingOff(Instant.now())) {
            Log.debugf("Refresh: skipped, waiting until %s after refreshes that failed", ledger.status().retryNotBefore());
            return new RefreshRequest(runningId, false, current.isDone() ? CompletableFuture.completedFuture(progress.snapshot()) : current);
        }
        if (current.isDone()) {
            String id = nextId();
            runningId = id;
            current = CompletableFuture.supplyAsync(() -> run(source, options), executor);
            return new RefreshRequest(id, false, current);
        }
        if (scheduled) {
            return new RefreshRequest(runningId, true, current);
        }
        if (waiting != null) {
            RefreshOptions joined = waiting.options;
            waiting.options = new RefreshOptions(joined.force() || options.force(), joined.allowDeletes() || options.allowDeletes());
            return new RefreshRequest(waiting.id, true, waiting.done);
        }
        Waiting next = new Waiting(nextId(), options);
        next.done = current.handleAsync((done, failure) -> {
            RefreshOptions taken;
            synchronized (this) {
                waiting = null;
                runningId = next.id;
                taken = next.options;
            }
            return run(source, taken);
        }, executor);
        waiting = next;
        current = next.done;
        return new RefreshRequest(next.id, false, next.done);
    }

    private String nextId() {
        return "refresh-" + (++requests);
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
        return ledger.status();
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

    /**
     * The movies' part, then, when it ended well, the catalogue's. The ingest's state turns COMPLETED (or HELD_BACK)
     * only once both ended, so whoever waits for it waits for the whole refresh; the catalogue's own outcome is in
     * its status.
     */
    private IngestProgress.Snapshot run(ImdbSource source, RefreshOptions options) {
        Runnable[] ended = {null};
        runMovies(source, options, ended);
        // Only after a movies' part that ended well: one that failed or stopped short says why, and the files it
        // could not read would fail the catalogue's part too (after downloading them again).
        if (ended[0] != null) {
            RejectSamples rejects = new RejectSamples(config.ingest().rejectsPerReason());
            try {
                catalogue.run(source, options, moviesState(source), rejects);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writeRejects(rejects, "catalogue-");
        }
        if (ended[0] != null) {
            ended[0].run();
        }
        return progress.snapshot();
    }

    /** The versions the movies' part holds now (its cache holds them): the catalogue's part probes with them. */
    private DatasetState moviesState(ImdbSource source) {
        try {
            return DatasetState.load(stateFile(source));
        } catch (IOException e) {
            Log.warnf("Refresh: the movies' dataset state could not be read (%s); the catalogue checks its files alone", e.getMessage());
            return DatasetState.empty();
        }
    }

    /** What the catalogue's part of the last refresh did. */
    public CatalogueRefresh.Status catalogueStatus() {
        return catalogue.status();
    }

    /** @param ended receives the movies' final state when it is a success, to be set once the catalogue's part ended too */
    private IngestProgress.Snapshot runMovies(ImdbSource source, RefreshOptions options, Runnable[] ended) {
        boolean heldBefore = progress.snapshot().state() == IngestState.HELD_BACK;
        progress.checking(source.describe());
        RejectSamples rejects = new RejectSamples(config.ingest().rejectsPerReason());
        long checkStarted = System.nanoTime();
        try {
            Optional<String> blocked = broker.refusesWrites(config.refresh().minFreeDisk().asLongValue());
            if (blocked.isPresent()) {
                fail(source, "not refreshing: " + blocked.get(), checkStarted);
                return progress.snapshot();
            }
            awaitStoreLoaded(config.ingest().storeLoadTimeout());
            Path stateFile = stateFile(source);
            DatasetState last = DatasetState.load(stateFile);
            ledger.ingested(last, FILES);
            try (DumpFile ratings = source.open(ImdbReader.RATINGS_FILE, last.file(ImdbReader.RATINGS_FILE));
                    DumpFile basics = source.open(ImdbReader.BASICS_FILE, last.file(ImdbReader.BASICS_FILE))) {
                boolean changed = ratings.changed() || basics.changed();
                // An empty store with a recorded version: the topic was wiped, the cache was not.
                boolean read = changed || options.force() || published.count() == 0;
                ledger.checked(source.describe(), List.of(ratings, basics), changed ? "CHANGED" : "UNCHANGED", checkStarted);
                if (!read) {
                    Log.infof("Refresh: %s unchanged (%s; %s), nothing read", source.describe(),
                            ratings.checkResult(), basics.checkResult());
                    ended[0] = () -> progress.checkedUnchanged(heldBefore);
                    return progress.snapshot();
                }
                progress.started(source.describe());
                Log.infof("Ingest: reading %s (%s: %s; %s: %s)", source.describe(), ratings.name(),
                        ratings.checkResult(), basics.name(), basics.checkResult());
                Outcome outcome = readAndSend(ratings, basics, rejects, options, last, stateFile);
                ChangeSender sent = outcome.sent();
                if (outcome.incomplete() != null) {
                    // What was read is in; nothing was deleted, the versions and the last good refresh stay as
                    // they were, and the next scheduled tries back off.
                    Instant retry = ledger.failed("INCOMPLETE", refreshInterval(), config.refresh().maxRetryWait(), Instant.now());
                    Log.warnf("Refresh: INCOMPLETE, %s; %d movies sent, nothing deleted; the next scheduled try not before %s",
                            outcome.incomplete(), sent.added() + sent.changed(), retry);
                    progress.incomplete(outcome.incomplete());
                    writeRejects(rejects, "ingest-");
                    return progress.snapshot();
                }
                // Recorded only after everything was read and sent: a held-back refresh is read again at the
                // next check, under the same date.
                if (outcome.complete() && !outcome.deletions().isHeldBack()) {
                    DatasetState ingested = last.with(ImdbReader.RATINGS_FILE, ratings.commit())
                            .with(ImdbReader.BASICS_FILE, basics.commit()).completed(outcome.asOf());
                    ingested.save(stateFile);
                    ledger.ingested(ingested, FILES);
                }
                ledger.refreshed(new DatasetStatus.RefreshCounts(Instant.now(), sent.added(), sent.changed(),
                        sent.removed(), sent.unchanged(), outcome.deletions().heldBack()));
                // Last: whoever waits for the state sees the dataset part already updated.
                if (outcome.deletions().isHeldBack()) {
                    ended[0] = progress::heldBack;
                } else {
                    ended[0] = progress::completed;
                }
            }
        } catch (InvalidFileException | DestinationStoppedException e) {
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
        writeRejects(rejects, "ingest-");
        return progress.snapshot();
    }

    /**
     * What one read of the dumps did. {@code complete}: every file was read to its very end; {@code incomplete}:
     * why not, when a file stopped short (null when complete, or when the producer limit stopped the read).
     */
    private record Outcome(boolean complete, String incomplete, Instant asOf, ChangeSender sent, DeletionPlan deletions) {
    }

    private Outcome readAndSend(DumpFile ratings, DumpFile basics, RejectSamples rejects, RefreshOptions options,
            DatasetState last, Path stateFile) throws IOException, InvalidFileException, InterruptedException {
        ImdbConfig.Ingest settings = config.ingest();
        TconstSet seen = new TconstSet();
        DumpReader reader = new DumpReader(new DumpReader.Settings(Set.copyOf(settings.titleTypes()),
                settings.maxLineBytes(), settings.progressInterval()), progress, rejects, seen::add);
        List<FileVersion> versions = List.of(ratings.version(), basics.version());
        RefreshDate date = DatasetLedger.dateRefresh(versions, last, latestPoint(), Instant.now());
        if (date.adjustment() != null) {
            // A clock ahead is worth a warning; files re-read (forced, or after a failure) only need saying.
            Log.logf(date.clockAhead() ? Logger.Level.WARN : Logger.Level.INFO,
                    "Refresh: %s", date.adjustment());
        }
        ledger.dated(date);
        // Before anything is sent: a crash from here on resumes under the same date when it reads the same files.
        last.withPending(new DatasetState.Pending(date.asOf(), DatasetState.filesKey(versions))).save(stateFile);
        Instant asOf = date.asOf();
        ChangeSender sender = new ChangeSender(new ChangeSender.Settings(settings.producerLimit(), settings.msgsPerSec(),
                config.history().sendChunk(), ACK_TIMEOUT), published, movies, points, progress, seen, asOf);
        boolean complete = reader.readInto(ratings, basics, sender);
        sender.flush();
        awaitAcknowledged();
        DeletionPlan deletions = new DeletionPlan(List.of(), 0);
        String incomplete = null;
        if (!complete) {
            Log.warnf("Ingest: %s was not read to its end; no movie is deleted and the dataset version is not recorded",
                    basics.describe());
            incomplete = sender.limitReached() ? null : basics.name() + " was not read to its end ("
                    + truncation(progress.snapshot().rejectedByReason()) + ")";
        } else {
            long count = published.count();
            deletions = DeletionPlan.of(published.absentFrom(seen::contains), count,
                    config.refresh().maxDeleteFraction(), options.allowDeletes());
            if (deletions.isHeldBack()) {
                Log.warnf("Refresh: %d movies left the dump, more than %.1f%% of the %d in the store; deletions HELD BACK."
                        + " POST /admin/ingest?allowDeletes=true applies them", deletions.heldBack(),
                        config.refresh().maxDeleteFraction() * 100, count);
            } else {
                sender.remove(deletions);
                awaitAcknowledged();
            }
        }
        reader.logFinished();
        snapshotOnceConsumed();
        return new Outcome(complete, incomplete, asOf, sender, deletions);
    }

    /** What cut a file short, from the rejects of this read. */
    private static String truncation(Map<RejectReason, Long> rejected) {
        List<String> reasons = new ArrayList<>();
        for (RejectReason reason : List.of(RejectReason.TRUNCATED_FILE, RejectReason.TRUNCATED_LINE)) {
            if (rejected.getOrDefault(reason, 0L) > 0) {
                reasons.add(reason.name());
            }
        }
        return reasons.isEmpty() ? "the read stopped early" : String.join(", ", reasons);
    }

    /** The newest refresh date the history holds. */
    private Optional<Instant> latestPoint() {
        List<Instant> asOfs = history.asOfs();
        return asOfs.isEmpty() ? Optional.empty() : Optional.of(asOfs.get(asOfs.size() - 1));
    }

    /** REFRESH_INTERVAL as a duration; "off" waits as long as the longest retry wait. */
    private Duration refreshInterval() {
        String interval = config.refresh().interval().trim();
        return "off".equalsIgnoreCase(interval) ? config.refresh().maxRetryWait() : DurationConverter.parseDuration(interval);
    }

    private void fail(ImdbSource source, String message, long checkStarted) {
        progress.failed(message);
        ledger.checkFailed(source.describe(), message, checkStarted);
        Instant retry = ledger.failed("FAILED", refreshInterval(), config.refresh().maxRetryWait(), Instant.now());
        Log.errorf("Ingest from %s failed: %s; the next scheduled try not before %s", source.describe(), message, retry);
    }

    private void awaitAcknowledged() throws IOException, InterruptedException {
        if (!movies.awaitAllAcknowledged(ACK_TIMEOUT)) {
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

    /**
     * The versions as ingested into this topic: a new topic (or another broker) starts from nothing,
     * even with the same source and cache.
     */
    private Path stateFile(ImdbSource source) {
        Path shared = source.stateFile();
        return topics.topicId().map(id -> shared.resolveSibling("topic-" + id + "-" + shared.getFileName())).orElse(shared);
    }

    private void writeRejects(RejectSamples rejects, String prefix) {
        if (rejects.isEmpty()) {
            return;
        }
        Path file = config.snapshot().outputDir().resolve("rejects").resolve(prefix + REJECTS_STAMP.format(Instant.now()) + ".csv");
        try {
            AtomicFiles.write(file, rejects::writeCsv);
            Log.infof("Ingest: the first %d rejected rows of each reason are in %s", config.ingest().rejectsPerReason(), file);
        } catch (IOException e) {
            Log.errorf("Ingest: %s", e.getMessage());
        }
    }
}
