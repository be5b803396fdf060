package org.imdbetl.topic;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.imdbetl.config.ImdbConfig;

/**
 * Creates the topics (called by the start-up sequence before the channels start): the movies topic compacted, so the latest record
 * of every movie stays and the store can always be rebuilt from it; the history topic compacted, one
 * record per movie and refresh; the titles topic compacted, one record per title; the dead-letter topic plain.
 * An existing topic is used as it is. If the broker cannot be reached, it keeps trying in the
 * background; the store counts as loaded only once the topic's end offsets are known and reached.
 */
@ApplicationScoped
public class TopicAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final KafkaBroker broker;
    private final ImdbConfig.Kafka config;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "imdb-topic-setup");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String topicId;
    private volatile String titlesTopicId;
    private final CompletableFuture<Map<Integer, Long>> titlesReady = new CompletableFuture<>();
    /** Zero until the topic's own settings are read: no checkpoint is trusted before. */
    private volatile Duration tombstoneRetention = Duration.ZERO;
    /** One client for the frequent calls (readiness, lag): a new client per call costs a bootstrap. */
    private Admin shared;

    TopicAdmin(KafkaBroker broker, ImdbConfig config) {
        this.broker = broker;
        this.config = config.kafka();
    }

    /**
     * Creates the topics now, or keeps trying in the background while the broker is unreachable.
     *
     * @return completes with the movies topic's end offsets as they were when it was set up
     */
    public CompletableFuture<Map<Integer, Long>> setUp() {
        CompletableFuture<Map<Integer, Long>> ready = new CompletableFuture<>();
        if (trySetUp(ready)) {
            return ready;
        }
        Log.warnf("Kafka: %s is not reachable; retrying every %s. The API serves what the store has meanwhile.",
                broker.bootstrapServers(), RETRY);
        retries.scheduleWithFixedDelay(() -> {
            if (trySetUp(ready)) {
                Log.infof("Kafka: %s reachable again; topic %s ready", broker.bootstrapServers(), config.topic());
                retries.shutdown();
            }
        }, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        return ready;
    }

    @PreDestroy
    synchronized void stop() {
        retries.shutdownNow();
        if (shared != null) {
            shared.close(Duration.ofSeconds(2));
            shared = null;
        }
    }

    private synchronized Admin shared() {
        if (shared == null) {
            shared = admin();
        }
        return shared;
    }

    /** The topic's id, once known: outputs written from another topic must not be resumed. */
    public Optional<String> topicId() {
        return Optional.ofNullable(topicId);
    }

    /**
     * How long the movies topic keeps a tombstone once written, at the least: delete.retention.ms once it
     * is compacted, or retention.ms if shorter and the topic also deletes by age.
     */
    public Duration tombstoneRetention() {
        return tombstoneRetention;
    }

    /** The next offset to be written in each partition, or empty if the broker did not answer. */
    public Optional<Map<Integer, Long>> endOffsets() {
        return endOffsetsOf(config.topic());
    }

    /** The titles topic's end offsets as they were when it was set up: what "catalogue loaded" means. */
    public CompletableFuture<Map<Integer, Long>> titlesSetUp() {
        return titlesReady;
    }

    /** The titles topic's id, once known: the catalogue's refresh ledger is per topic. */
    public Optional<String> titlesTopicId() {
        return Optional.ofNullable(titlesTopicId);
    }

    /** The next offset to be written in each partition of the titles topic, or empty if the broker did not answer. */
    public Optional<Map<Integer, Long>> titlesEndOffsets() {
        return endOffsetsOf(config.titlesTopic());
    }

    /** The same for the history topic. */
    public Optional<Map<Integer, Long>> historyEndOffsets() {
        return endOffsetsOf(config.historyTopic());
    }

    private Optional<Map<Integer, Long>> endOffsetsOf(String topic) {
        try {
            return Optional.of(endOffsets(shared(), topic));
        } catch (ExecutionException | TimeoutException e) {
            Log.errorf("Kafka: could not read the end offsets of %s on %s: %s", topic, broker.bootstrapServers(), e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Answers whether the broker responds right now, within the given time. */
    public boolean reachable(Duration timeout) {
        try {
            shared().describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean trySetUp(CompletableFuture<Map<Integer, Long>> ready) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ensureTopic(admin, existing, config.topic(), config.cleanupPolicy());
            ensureTopic(admin, existing, config.dlqTopic(), TopicConfig.CLEANUP_POLICY_DELETE);
            // Always compacted: every key (tconst@asOf) is one point, kept for good; a re-sent point replaces itself.
            ensureTopic(admin, existing, config.historyTopic(), TopicConfig.CLEANUP_POLICY_COMPACT);
            // Always compacted: the latest record of every title, so a store can always be rebuilt from it.
            ensureTopic(admin, existing, config.titlesTopic(), TopicConfig.CLEANUP_POLICY_COMPACT);
            titlesTopicId = describe(admin, config.titlesTopic()).topicId().toString();
            titlesReady.complete(endOffsets(admin, config.titlesTopic()));
            TopicDescription description = describe(admin, config.topic());
            topicId = description.topicId().toString();
            tombstoneRetention = tombstoneRetention(admin, config.topic());
            checkPartitions(description);
            ready.complete(endOffsets(admin, config.topic()));
            return true;
        } catch (ExecutionException | TimeoutException e) {
            Log.debugf("Kafka: set-up on %s failed: %s", broker.bootstrapServers(), e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void ensureTopic(Admin admin, Set<String> existing, String topic, String cleanupPolicy)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (existing.contains(topic)) {
            return;
        }
        NewTopic newTopic = new NewTopic(topic, Optional.of(config.partitions()), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Log.infof("Kafka: created topic %s with %d partitions, cleanup.policy=%s", topic, config.partitions(), cleanupPolicy);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private TopicDescription describe(Admin admin, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    }

    private void checkPartitions(TopicDescription description) {
        int partitions = description.partitions().size();
        if (partitions != config.partitions()) {
            Log.warnf("Kafka: topic %s has %d partitions, not the configured %d; using it as it is",
                    description.name(), partitions, config.partitions());
        } else {
            Log.infof("Kafka: topic %s ready (%d partitions, id %s)", description.name(), partitions, topicId);
        }
    }

    /** Zero when the settings cannot be read (a user without DescribeConfigs): no checkpoint is trusted then. */
    private Duration tombstoneRetention(Admin admin, String topic) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config settings;
        try {
            settings = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("Kafka: could not read the settings of topic %s on %s (%s); a restart will read the whole topic",
                    topic, broker.bootstrapServers(), e.getMessage());
            return Duration.ZERO;
        }
        long retention = millis(settings.get(TopicConfig.DELETE_RETENTION_MS_CONFIG), Duration.ofDays(1).toMillis());
        ConfigEntry cleanup = settings.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String policy = cleanup == null ? "" : String.valueOf(cleanup.value());
        long byAge = millis(settings.get(TopicConfig.RETENTION_MS_CONFIG), -1);
        if (policy.contains(TopicConfig.CLEANUP_POLICY_DELETE) && byAge >= 0) {
            retention = Math.min(retention, byAge);
        }
        return Duration.ofMillis(retention);
    }

    private static long millis(ConfigEntry entry, long otherwise) {
        try {
            return entry == null || entry.value() == null ? otherwise : Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private Map<Integer, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        describe(admin, topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<Integer, Long> offsets = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }
}
