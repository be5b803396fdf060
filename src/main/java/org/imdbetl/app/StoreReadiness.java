package org.imdbetl.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.state.ConsumerPositions;

/** Ready once the store has read the whole topic as it was at start-up: answers are then complete. */
@Readiness
@ApplicationScoped
class StoreReadiness implements HealthCheck {

    private final ConsumerPositions positions;
    private final ScoringStore store;

    StoreReadiness(ConsumerPositions positions, ScoringStore store) {
        this.positions = positions;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("store loaded")
                .status(positions.loaded())
                .withData("movies", store.stats().movies())
                .build();
    }
}
