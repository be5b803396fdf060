package org.imdbetl.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.imdbetl.config.ImdbConfig;

/**
 * Creates the movies topic before the channels start: compacted, so the latest record of every
 * movie stays and the store can always be rebuilt from it. An existing topic is used as it is.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final ImdbConfig.Kafka config;

    TopicSetup(KafkaBroker broker, ImdbConfig config) {
        this.broker = broker;
        this.config = config.kafka();
    }

    void onStart(@Observes @Priority(KafkaBroker.START_PRIORITY + 1) StartupEvent event) {
        ensureTopic();
    }

    void ensureTopic() {
        String topic = config.topic();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                checkPartitions(admin, topic);
                return;
            }
            NewTopic newTopic = new NewTopic(topic, Optional.of(config.partitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
        int partitions = description.partitions().size();
        if (partitions != config.partitions()) {
            Log.warnf("Kafka: topic %s exists with %d partitions, not the configured %d; using it as it is",
                    topic, partitions, config.partitions());
        } else {
            Log.infof("Kafka: using existing topic %s (%d partitions)", topic, partitions);
        }
    }
}
