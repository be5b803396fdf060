package org.imdbetl.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.ingest.IngestProgress;
import org.imdbetl.ingest.IngestService;
import org.imdbetl.ingest.RejectReason;
import org.imdbetl.kafka.TopicSetup;
import org.imdbetl.listener.ConsumerPositions;
import org.imdbetl.listener.ConsumerStats;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.snapshot.SnapshotService;

/**
 * The pipeline's numbers as Prometheus metrics at /q/metrics: records produced, consumed, rejected
 * and dead-lettered by reason, store size, snapshot duration and age, consumer lag. Read from the
 * counters the pipeline keeps anyway; nothing on the hot path knows about Micrometer.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;
    private final IngestService ingest;
    private final ConsumerStats consumer;
    private final ConsumerPositions positions;
    private final ScoringStore store;
    private final SnapshotService snapshots;
    private final TopicSetup topics;
    private final AtomicLong lag = new AtomicLong();

    PipelineMetrics(MeterRegistry registry, IngestService ingest, ConsumerStats consumer, ConsumerPositions positions,
            ScoringStore store, SnapshotService snapshots, TopicSetup topics) {
        this.registry = registry;
        this.ingest = ingest;
        this.consumer = consumer;
        this.positions = positions;
        this.store = store;
        this.snapshots = snapshots;
        this.topics = topics;
    }

    void register(@Observes StartupEvent event) {
        IngestProgress counters = ingest.counters();
        FunctionCounter.builder("imdb.records.produced", counters, IngestProgress::totalSent)
                .description("Movie records acknowledged by Kafka").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("imdb.rows.rejected", counters, c -> c.totalRejected(reason))
                    .tag("reason", reason.name()).description("Input rows rejected, by reason").register(registry);
        }
        FunctionCounter.builder("imdb.records.consumed", consumer, ConsumerStats::consumed)
                .description("Records read from the topic").register(registry);
        for (InvalidRecordException.Reason reason : InvalidRecordException.Reason.values()) {
            FunctionCounter.builder("imdb.records.dead.lettered", consumer,
                            c -> c.deadLetteredByReason().getOrDefault(reason, 0L))
                    .tag("reason", reason.name()).description("Records sent to the dead-letter topic").register(registry);
        }
        Gauge.builder("imdb.store.movies", store, s -> s.stats().movies()).description("Movies in the store").register(registry);
        Gauge.builder("imdb.store.loaded", positions, p -> p.loaded() ? 1 : 0)
                .description("1 once the store has read the topic as it was at start-up").register(registry);
        Gauge.builder("imdb.snapshot.duration.seconds", snapshots, s -> s.status().lastDurationMillis() / 1000.0)
                .description("Duration of the last snapshot").register(registry);
        Gauge.builder("imdb.snapshot.age.seconds", snapshots, PipelineMetrics::snapshotAge)
                .description("Seconds since the last snapshot was written (NaN before the first)").register(registry);
        Gauge.builder("imdb.consumer.lag.records", lag, AtomicLong::get)
                .description("Records in the topic not yet in the store").register(registry);
    }

    /** Lag needs the broker's end offsets: fetched on a schedule, not on every scrape. */
    @Scheduled(every = "${imdb.kafka.lag-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshLag() {
        if (topics.topicId().isEmpty()) {
            return; // the topic is not set up yet
        }
        topics.endOffsets().ifPresent(end -> {
            Map<Integer, Long> read = positions.snapshot();
            lag.set(end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - read.getOrDefault(e.getKey(), 0L))).sum());
        });
    }

    private static double snapshotAge(SnapshotService snapshots) {
        Instant written = snapshots.status().lastWrittenAt();
        return written == null ? Double.NaN : Duration.between(written, Instant.now()).toMillis() / 1000.0;
    }
}
