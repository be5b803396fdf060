package org.imdbetl.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.RejectReason;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.topic.TopicAdmin;

/**
 * The pipeline's numbers as Prometheus metrics at /q/metrics: records produced, consumed, rejected
 * and dead-lettered by reason, store size, snapshot duration and age, consumer lag. Gauges read the
 * {@link ServiceStatus} read model, counters the live counters behind it; nothing on the hot path
 * knows about Micrometer.
 */
@ApplicationScoped
class PipelineMetrics {

    private final MeterRegistry registry;
    private final ServiceStatus status;
    private final IngestJob ingest;
    private final ConsumerStats consumer;
    private final ConsumerPositions positions;
    private final TopicAdmin topics;
    private final AtomicLong lag = new AtomicLong();

    PipelineMetrics(MeterRegistry registry, ServiceStatus status, IngestJob ingest, ConsumerStats consumer,
            ConsumerPositions positions, TopicAdmin topics) {
        this.registry = registry;
        this.status = status;
        this.ingest = ingest;
        this.consumer = consumer;
        this.positions = positions;
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
            FunctionCounter.builder("imdb.records.dead.lettered", consumer, c -> c.deadLettered(reason))
                    .tag("reason", reason.name()).description("Records sent to the dead-letter topic").register(registry);
        }
        Gauge.builder("imdb.store.movies", status, s -> s.store().movies()).description("Movies in the store").register(registry);
        Gauge.builder("imdb.store.loaded", status, s -> s.consumer().storeLoaded() ? 1 : 0)
                .description("1 once the store has read the topic as it was at start-up").register(registry);
        Gauge.builder("imdb.snapshot.duration.seconds", status, s -> s.snapshot().lastDurationMillis() / 1000.0)
                .description("Duration of the last snapshot").register(registry);
        Instant started = Instant.now();
        Gauge.builder("imdb.snapshot.age.seconds", status, s -> snapshotAge(s, started))
                .description("Seconds since the last snapshot was written (since start-up before the first)").register(registry);
        Gauge.builder("imdb.consumer.lag.records", lag, AtomicLong::get)
                .description("Records in the topic not yet in the store").register(registry);
    }

    /** Asks the broker for the end offsets; called by {@link Schedules}, not on every scrape. */
    void refreshLag() {
        if (topics.topicId().isEmpty()) {
            return; // the topic is not set up yet
        }
        topics.endOffsets().ifPresent(end -> {
            Map<Integer, Long> read = positions.snapshot();
            lag.set(end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - read.getOrDefault(e.getKey(), 0L))).sum());
        });
    }

    /** Never NaN: before the first snapshot, the time without one is the time since start-up, which an alert on age sees grow. */
    private static double snapshotAge(ServiceStatus status, Instant started) {
        Instant written = status.snapshot().lastWrittenAt();
        return Duration.between(written == null ? started : written, Instant.now()).toMillis() / 1000.0;
    }
}
