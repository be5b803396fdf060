package org.imdbetl.ingest;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.Movie;
import org.imdbetl.listener.ConsumerPositions;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.snapshot.AtomicFiles;

/**
 * Runs an ingest: resolve the source, read the ratings into memory, stream the basics, join, and
 * send every wanted title to Kafka. One ingest at a time, on its own thread.
 */
@ApplicationScoped
public class IngestService {

    private static final int GZIP_BUFFER = 1 << 16;
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final long PACING_SLACK_NANOS = 1_000_000_000L;

    private final ImdbConfig config;
    private final MovieProducer producer;
    private final ScoringStore store;
    private final ConsumerPositions positions;
    private final Event<IngestCompleted> completed;
    private final IngestProgress progress = new IngestProgress();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "imdb-ingest"));
    private CompletableFuture<IngestProgress.Snapshot> current = CompletableFuture.completedFuture(null);

    IngestService(ImdbConfig config, MovieProducer producer, ScoringStore store, ConsumerPositions positions,
            Event<IngestCompleted> completed) {
        this.config = config;
        this.producer = producer;
        this.store = store;
        this.positions = positions;
        this.completed = completed;
    }

    /** After the channels are wired, so the first record has somewhere to go. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        if (config.ingest().onStart()) {
            start();
        } else {
            Log.info("Ingest: not run at start-up (imdb.ingest.on-start=false)");
        }
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
        ProgressLog log = new ProgressLog(progress, rejects, config.ingest().progressInterval());
        Log.infof("Ingest: starting from %s", source.describe());
        try {
            // What is already in the topic is not sent again: a re-run, or a restart after a crash,
            // sends only new and changed movies.
            if (!positions.awaitLoaded(config.ingest().storeLoadTimeout())) {
                throw new IOException("the store did not finish loading the topic within "
                        + config.ingest().storeLoadTimeout() + "; is Kafka reachable?");
            }
            ImdbReader reader = new ImdbReader(config.ingest().maxLineBytes(), log);
            Path ratingsFile = source.resolve(ImdbReader.RATINGS_FILE);
            Path basicsFile = source.resolve(ImdbReader.BASICS_FILE);
            RatingsIndex ratings;
            try (InputStream in = gunzip(ratingsFile, log)) {
                ratings = reader.readRatings(in, ratingsFile.toString());
            }
            Log.infof("Ingest: %d ratings read from %s", ratings.size(), ratingsFile);
            try (InputStream in = gunzip(basicsFile, log)) {
                reader.readMovies(in, basicsFile.toString(), Set.copyOf(config.ingest().titleTypes()),
                        ratings, new SendingSink(config.ingest()));
            }
            if (!producer.awaitAllAcknowledged(ACK_TIMEOUT)) {
                throw new IOException("Kafka did not acknowledge every record within " + ACK_TIMEOUT);
            }
            progress.completed();
            log.finished();
            completed.fire(new IngestCompleted(progress.snapshot().sent()));
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

    private void writeRejects(RejectSamples rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = config.snapshot().outputDir().resolve("rejects").resolve("ingest-" + stamp + ".csv");
        try {
            AtomicFiles.write(file, rejects::writeCsv);
            Log.infof("Ingest: the first %d rejected rows of each reason are in %s", config.ingest().rejectsPerReason(), file);
        } catch (IOException e) {
            Log.errorf("Ingest: %s", e.getMessage());
        }
    }

    private static InputStream gunzip(Path file, ProgressLog log) throws IOException {
        InputStream raw = new CountingInputStream(Files.newInputStream(file), Files.size(file),
                file.getFileName().toString(), log);
        return new GZIPInputStream(new BufferedInputStream(raw, GZIP_BUFFER), GZIP_BUFFER);
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
