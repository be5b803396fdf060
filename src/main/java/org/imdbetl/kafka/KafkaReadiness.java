package org.imdbetl.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker answers: a load balancer stops sending traffic during an outage. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaBroker broker;
    private final TopicSetup topics;

    KafkaReadiness(KafkaBroker broker, TopicSetup topics) {
        this.broker = broker;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka")
                .status(topics.reachable(TIMEOUT))
                .withData("bootstrapServers", broker.bootstrapServers())
                .withData("embedded", broker.isEmbedded())
                .build();
    }
}
