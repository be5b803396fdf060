package org.imdbetl.app;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.lake.SnapshotStatus;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.StoreStats;
import org.imdbetl.source.DatasetStatus;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.topic.KafkaBroker;

/**
 * The one read model of the service's state: {@code /status}, {@code POST /admin/ingest} and the
 * metrics all read it, so no counter is copied by hand into a second shape.
 */
@ApplicationScoped
public class ServiceStatus {

    /** Everything {@code /status} shows. */
    public record Status(IngestProgress.Snapshot ingest, DatasetStatus dataset, Consumer consumer, Store store,
            History history, Kafka kafka, SnapshotStatus snapshot, Catalogue catalogue) {
    }

    /**
     * The whole catalogue: {@code titles} per type in the store, {@code loaded} once it holds the titles topic as
     * it was at start-up, {@code refresh} what the catalogue's part of the last refresh did (on the instance that
     * refreshes), {@code offsets} the next titles-topic offset per partition.
     */
    public record Catalogue(String dir, String topic, long titles, long ratedTitles, Map<String, Long> titlesByType,
            boolean loaded, long recordsConsumed, Map<Integer, Long> offsets, CatalogueRefresh.Status refresh) {
    }

    /**
     * {@code recordsConsumed} since start-up, after the {@code checkpointMovies} the store started from (0: it
     * read the whole topic); {@code offsets} the next offset per partition.
     */
    public record Consumer(long recordsConsumed, long deadLettered,
            Map<InvalidRecordException.Reason, Long> deadLetteredByReason, long ignoredTombstones, boolean storeLoaded,
            long checkpointMovies, Map<Integer, Long> offsets) {
    }

    /**
     * {@code rankingVersion} trails {@code version} while the ranking is rebuilt off the request path;
     * {@code pinnedRankings} superseded rankings are kept for the cursors that walk them;
     * {@code searchIndexBytes} is about what the title index takes of the heap.
     */
    public record Store(long movies, long ratedMovies, double minVotesPrior, double globalMeanRating,
            boolean globalMeanAuto, long version, long rankingVersion, int pinnedRankings, long searchIndexBytes) {
    }

    /**
     * The on-disk rating history: {@code refreshes} dates with points, the newest {@code latestAsOf};
     * {@code points} as RocksDB estimates it; {@code diskBytes} its flushed table files (not the write-ahead
     * log); {@code offsets} the next history-topic offset per partition; {@code corruption} what the check of
     * its checksums after start-up found wrong (the next start rebuilds it), null when nothing.
     */
    public record History(String dir, String topic, int refreshes, String latestAsOf, long points, long diskBytes,
            long recordsConsumed, Map<Integer, Long> offsets, String corruption) {
    }

    /**
     * {@code brokerStopped}: why the embedded broker stopped serving (a full disk), null while it works;
     * {@code logDirFreeBytes}: free space for the embedded broker's log, -1 for an external broker.
     */
    public record Kafka(String bootstrapServers, boolean embedded, String topic, String brokerStopped,
            long logDirFreeBytes) {
    }

    private final IngestJob ingest;
    private final ConsumerStats consumer;
    private final ConsumerPositions positions;
    private final ScoringStore store;
    private final RatingHistory history;
    private final KafkaBroker broker;
    private final LakeWriter lake;
    private final Scheduler scheduler;
    private final String topic;
    private final String historyTopic;
    private final CatalogueState catalogue;
    private final ImdbConfig config;

    ServiceStatus(IngestJob ingest, ConsumerStats consumer, ConsumerPositions positions, ScoringStore store,
            RatingHistory history, KafkaBroker broker, LakeWriter lake, Scheduler scheduler, ImdbConfig config,
            CatalogueState catalogue) {
        this.catalogue = catalogue;
        this.config = config;
        this.scheduler = scheduler;
        this.ingest = ingest;
        this.consumer = consumer;
        this.positions = positions;
        this.store = store;
        this.history = history;
        this.broker = broker;
        this.lake = lake;
        this.topic = config.kafka().topic();
        this.historyTopic = config.kafka().historyTopic();
    }

    public Status current() {
        return new Status(ingest(), dataset(), consumer(), store(), history(),
                new Kafka(broker.bootstrapServers(), broker.isEmbedded(), topic, broker.failure().orElse(null),
                        broker.logDirFreeBytes()), snapshot(), catalogue());
    }

    public Catalogue catalogue() {
        org.imdbetl.catalogue.Catalogue titles = catalogue.catalogue();
        return new Catalogue(config.catalogue().dir().toString(), config.kafka().titlesTopic(), titles.size(),
                titles.ratedSize(), titles.typeCounts(), catalogue.positions().loaded(), consumer.titlesConsumed(),
                new TreeMap<>(titles.offsets()), ingest.catalogueStatus());
    }

    public IngestProgress.Snapshot ingest() {
        return ingest.progress();
    }

    /** The dataset part, with the next scheduled check. */
    public DatasetStatus dataset() {
        Trigger refresh = scheduler.getScheduledJob(Schedules.REFRESH);
        return ingest.dataset().withNextCheck(refresh == null ? null : refresh.getNextFireTime());
    }

    public Consumer consumer() {
        return new Consumer(consumer.consumed(), consumer.deadLettered(), consumer.deadLetteredByReason(),
                consumer.ignoredTombstones(), positions.loaded(), consumer.checkpointMovies(), new TreeMap<>(positions.snapshot()));
    }

    public Store store() {
        StoreStats stats = store.stats();
        return new Store(stats.movies(), stats.ratedMovies(), stats.minVotesPrior(), stats.globalMean(),
                stats.globalMeanAuto(), stats.version(), stats.rankingVersion(), stats.pinnedRankings(),
                store.searchIndexBytes());
    }

    public History history() {
        List<Instant> asOfs = history.asOfs();
        return new History(history.directory().toString(), historyTopic, asOfs.size(),
                asOfs.isEmpty() ? null : asOfs.get(asOfs.size() - 1).toString(), history.estimatedPoints(),
                history.diskBytes(), consumer.historyConsumed(), new TreeMap<>(history.offsets()),
                history.corruption().orElse(null));
    }

    public SnapshotStatus snapshot() {
        return lake.status();
    }
}
