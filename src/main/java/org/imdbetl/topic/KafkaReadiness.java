package org.imdbetl.topic;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker answers: a load balancer stops sending traffic during an outage. Not the
 * Quarkus Kafka health check ({@code quarkus.kafka.health.enabled}): that one dials
 * {@code kafka.bootstrap.servers}, which is deliberately unset when the broker is embedded (unset is
 * what starts it), so it would check a default address instead of the broker in use.
 */
@Readiness
@ApplicationScoped
class KafkaReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaBroker broker;
    private final TopicAdmin topics;

    KafkaReadiness(KafkaBroker broker, TopicAdmin topics) {
        this.broker = broker;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> failure = broker.failure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .status(failure.isEmpty() && topics.reachable(TIMEOUT))
                .withData("bootstrapServers", broker.bootstrapServers())
                .withData("embedded", broker.isEmbedded());
        failure.ifPresent(reason -> response.withData("brokerStopped", reason));
        return response.build();
    }
}
