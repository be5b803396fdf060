package org.imdbetl.scoring;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Re-ranks when an automatic C has moved; does nothing with a fixed GLOBAL_MEAN_RATING. */
@ApplicationScoped
public class RankingRefresh {

    private final ScoringStore store;

    RankingRefresh(ScoringStore store) {
        this.store = store;
    }

    @Scheduled(every = "${imdb.scoring.auto-mean-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        store.refreshRanking();
    }
}
