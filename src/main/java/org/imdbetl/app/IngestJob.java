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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.Movie;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.source.AtomicFiles;
import org.imdbetl.source.DumpFile;
import org.imdbetl.source.DumpReader;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.ImdbSource;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.source.InvalidFileException;
import org.imdbetl.source.MovieSink;
import org.imdbetl.source.RejectSamples;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.ScoringStore;
import org.imdbetl.topic.MovieProducer;
import org.imdbetl.topic.TopicAdmin;

/**
 * Runs an ingest: wait for the store to hold the topic, read the dumps, send every new or changed
 * movie to Kafka, wait for the acknowledgements, then for the listener to consume them, and write a
 * snapshot. One ingest at a time, on its own thread.
 */
@ApplicationScoped
public class IngestJob {

    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final long PACING_SLACK_NANOS = 1_000_000_000L;
    private static final DateTimeFormatter REJECTS_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ImdbConfig config;
    private final MovieProducer producer;
    private final ScoringStore store;
    private final ConsumerPositions positions;
    private final TopicAdmin topics;
    private final LakeWriter lake;
    private final IngestProgress progress = new IngestProgress();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "imdb-ingest"));
    private CompletableFuture<IngestProgress.Snapshot> current = CompletableFuture.completedFuture(null);

    IngestJob(ImdbConfig config, MovieProducer producer, ScoringStore store, ConsumerPositions positions,
            TopicAdmin topics, LakeWriter lake) {
        this.config = config;
        this.producer = producer;
        this.store = store;
        this.positions = positions;
        this.topics = topics;
        this.lake = lake;
    }

    /** Starts an ingest from the configured source unless one is running; returns the running or new one. */
    public CompletableFuture<IngestProgress.Snapshot> start() {
        ImdbConfig.Source sourceConfig = config.source();
        return start(new ImdbSource(sourceConfig.location(), sourceConfig.sampleDir(), sourceConfig.cacheDir(),
                sourceConfig.connectTimeout()));
    }

    /** Starts an ingest from the given source; for tests that feed bad sources to a running service. */
    synchronized CompletableFuture<IngestProgress.Snapshot> start(ImdbSource source) {
        if (!current.isDone()) {
            return current;
        }
        current = CompletableFuture.supplyAsync(() -> run(source), executor);
        return current;
    }

    public boolean running() {
        return progress.snapshot().state() == IngestState.RUNNING;
    }

    /** The current or last ingest, as one consistent-enough copy. */
    public IngestProgress.Snapshot progress() {
        return progress.snapshot();
    }

    /** The live counters, for metrics. */
    public IngestProgress counters() {
        return progress;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private IngestProgress.Snapshot run(ImdbSource source) {
        progress.started(source.describe());
        RejectSamples rejects = new RejectSamples(config.ingest().rejectsPerReason());
        ImdbConfig.Ingest settings = config.ingest();
        DumpReader reader = new DumpReader(new DumpReader.Settings(Set.copyOf(settings.titleTypes()),
                settings.maxLineBytes(), settings.progressInterval()), progress, rejects);
        Log.infof("Ingest: starting from %s", source.describe());
        try {
            // What is already in the topic is not sent again: a re-run, or a restart after a crash,
            // sends only new and changed movies.
            awaitStoreLoaded(settings.storeLoadTimeout());
            try (DumpFile ratings = source.open(ImdbReader.RATINGS_FILE, Optional.empty());
                    DumpFile basics = source.open(ImdbReader.BASICS_FILE, Optional.empty())) {
                reader.readInto(ratings, basics, new SendingSink(settings));
                // Keeps a download as the cached copy, as before.
                ratings.commit();
                basics.commit();
            }
            if (!producer.awaitAllAcknowledged(ACK_TIMEOUT)) {
                throw new IOException("Kafka did not acknowledge every record within " + ACK_TIMEOUT);
            }
            progress.completed();
            reader.logFinished();
            snapshotOnceConsumed();
        } catch (InvalidFileException | IOException e) {
            progress.failed(e.getMessage());
            Log.errorf("Ingest from %s failed: %s", source.describe(), e.getMessage());
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

    private void awaitStoreLoaded(Duration timeout) throws IOException, InterruptedException {
        try {
            positions.whenLoaded().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the store did not finish loading the topic within " + timeout + "; is Kafka reachable?");
        }
    }

    /** Waits for the listener to consume what the ingest sent, then writes a snapshot. */
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

    /** Paces and limits sending as MSGS_PER_SEC and PRODUCER_LIMIT say. */
    private final class SendingSink implements MovieSink {
        private final long limit;
        private final long nanosPerRecord;
        private long scheduleStart = System.nanoTime();
        private long paced;
        private long accepted;

        SendingSink(ImdbConfig.Ingest settings) {
            this.limit = settings.producerLimit();
            this.nanosPerRecord = settings.msgsPerSec() > 0 ? 1_000_000_000L / settings.msgsPerSec() : 0;
        }

        @Override
        public boolean accept(Movie movie) throws InterruptedException {
            progress.movieRead();
            if (store.find(movie.tconst()).map(stored -> stored.movie().equals(movie)).orElse(false)) {
                progress.movieUnchanged();
                return true;
            }
            pace();
            producer.send(movie, progress::movieSent, failure -> {
                progress.sendFailed();
                Log.warnf("Ingest: Kafka refused %s: %s", movie.tconst(), failure.getMessage());
            });
            accepted++;
            return limit <= 0 || accepted < limit;
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
