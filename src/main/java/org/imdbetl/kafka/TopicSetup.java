package org.imdbetl.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.listener.ConsumerPositions;

/**
 * Creates the movies topic before the channels start: compacted, so the latest record of every
 * movie stays and the store can always be rebuilt from it. An existing topic is used as it is.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final ImdbConfig.Kafka config;
    private final ConsumerPositions positions;
    private volatile String topicId;

    TopicSetup(KafkaBroker broker, ImdbConfig config, ConsumerPositions positions) {
        this.broker = broker;
        this.config = config.kafka();
        this.positions = positions;
    }

    /** Also fixes what "store loaded" means: consumed up to the end of the topic as it is now. */
    void onStart(@Observes @Priority(KafkaBroker.START_PRIORITY + 1) StartupEvent event) {
        ensureTopic();
        endOffsets().ifPresent(positions::expectLoadedAt);
    }

    /** The topic's id, once known: outputs written from another topic must not be resumed. */
    public Optional<String> topicId() {
        return Optional.ofNullable(topicId);
    }

    /** The next offset to be written in each partition, or empty if the broker did not answer. */
    public Optional<Map<Integer, Long>> endOffsets() {
        String topic = config.topic();
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
            return Optional.of(offsets);
        } catch (ExecutionException | TimeoutException e) {
            Log.errorf("Kafka: could not read the end offsets of %s on %s: %s", topic, broker.bootstrapServers(), e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    void ensureTopic() {
        String topic = config.topic();
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                checkPartitions(admin, topic);
                return;
            }
            NewTopic newTopic = new NewTopic(topic, Optional.of(config.partitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            CreateTopicsResult created = admin.createTopics(List.of(newTopic));
            created.all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            topicId = created.topicId(topic).get().toString();
            Log.infof("Kafka: created topic %s with %d partitions, cleanup.policy=compact", topic, config.partitions());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            Log.errorf("Kafka: could not create topic %s on %s: %s", topic, broker.bootstrapServers(), e.getCause().getMessage());
        } catch (TimeoutException e) {
            Log.errorf("Kafka: broker %s did not answer within %s; topic %s was not checked", broker.bootstrapServers(), TIMEOUT, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkPartitions(Admin admin, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        topicId = description.topicId().toString();
        int partitions = description.partitions().size();
        if (partitions != config.partitions()) {
            Log.warnf("Kafka: topic %s exists with %d partitions, not the configured %d; using it as it is",
                    topic, partitions, config.partitions());
        } else {
            Log.infof("Kafka: using existing topic %s (%d partitions)", topic, partitions);
        }
    }
}
