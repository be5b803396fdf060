package org.imdbetl.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "survives-restart";

    @TempDir
    Path logDir;

    @Test
    void formatsOnceAndKeepsTopicsAcrossRestart() throws Exception {
        int port = EmbeddedKafkaResource.freePort();
        int controllerPort = EmbeddedKafkaResource.freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", port, controllerPort, logDir);
                Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all().get();
        }
        String metaProperties = Files.readString(logDir.resolve("meta.properties"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", port, controllerPort, logDir);
                Admin admin = admin(broker)) {
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()).hasSize(3);
        }
        assertThat(Files.readString(logDir.resolve("meta.properties"))).isEqualTo(metaProperties);
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
