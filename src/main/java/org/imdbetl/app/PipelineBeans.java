package org.imdbetl.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imdbetl.catalogue.Catalogue;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.ingest.PublishedMovies;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.state.ConsistentState;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.state.SilverLog;
import org.imdbetl.topic.KafkaBroker;
import org.imdbetl.topic.MovieJson;

/** Turns the plain-Java parts of the pipeline into beans, configured from {@link ImdbConfig}. */
@ApplicationScoped
class PipelineBeans {

    /** The value of GLOBAL_MEAN_RATING that derives C from the store. */
    public static final String AUTO_MEAN = "auto";

    /** Rebuilds rankings off the request path: queries never sort, they read the last snapshot. */
    private final ExecutorService rankingRebuilds = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "imdb-ranking");
        thread.setDaemon(true);
        return thread;
    });

    @Produces
    @Singleton
    ScoringStore scoringStore(ImdbConfig config) {
        return new ScoringStore(config.scoring().minVotesPrior(), globalMean(config.scoring().globalMeanRating()),
                rankingRebuilds, config.scoring().rankingRebuildInterval().toNanos(), new ScoringStore.Retention(
                        config.scoring().pinnedRankings(), config.scoring().pinnedRankingIdle().toNanos()),
                config.scoring().concurrentSearches() > 0 ? config.scoring().concurrentSearches()
                        : Runtime.getRuntime().availableProcessors());
    }

    /** What the ingest compares a new dump with: the store, materialised from the topic. */
    @Produces
    @Singleton
    PublishedMovies publishedMovies(ScoringStore store) {
        return new StorePublishedMovies(store);
    }

    @PreDestroy
    void stop() {
        rankingRebuilds.shutdownNow();
    }

    @Produces
    @Singleton
    MovieJson movieJson(ImdbConfig config) {
        return new MovieJson(config.kafka().maxRecordBytes());
    }

    @Produces
    @Singleton
    ConsumerStats consumerStats() {
        return new ConsumerStats();
    }

    /**
     * The folders this instance writes, locked first (start-up step 0): a second instance on any of them stops
     * before it writes anything. Released by {@link Startup} once the broker has stopped.
     */
    @Produces
    @Singleton
    InstanceLocks instanceLocks(ImdbConfig config, KafkaBroker broker,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        return InstanceLocks.acquire(config, broker.isEmbedded(), httpPort);
    }

    /** Opened once for the service's life, after the folders are locked. */
    @Produces
    @Singleton
    RatingHistory ratingHistory(ImdbConfig config, InstanceLocks locks) {
        return RatingHistory.open(config.history().dir(), config.history().moversCacheRows());
    }

    void closeHistory(@Disposes RatingHistory history) {
        history.close();
    }

    /** Opened once for the service's life, after the folders are locked; the heap parts are rebuilt from it here. */
    @Produces
    @Singleton
    CatalogueState catalogueState(ImdbConfig config, InstanceLocks locks) {
        long started = System.nanoTime();
        Catalogue catalogue = Catalogue.open(config.catalogue().dir());
        io.quarkus.logging.Log.infof("Catalogue: %d titles (%d rated) in %s, read in %d ms; resuming the titles topic at %s",
                catalogue.size(), catalogue.ratedSize(), config.catalogue().dir(), (System.nanoTime() - started) / 1_000_000,
                catalogue.offsets());
        return new CatalogueState(catalogue, new ConsumerPositions());
    }

    void closeCatalogue(@Disposes CatalogueState state) {
        state.catalogue().close();
    }

    /** m and C of the catalogue's weighted scores: the movies' settings; {@code auto} is each type's own mean rating. */
    @Produces
    @Singleton
    RatedTitles.Prior prior(ImdbConfig config) {
        OptionalDouble mean = globalMean(config.scoring().globalMeanRating());
        return new RatedTitles.Prior(config.scoring().minVotesPrior(), mean.isPresent() ? mean.getAsDouble() : null);
    }

    @Produces
    @Singleton
    Catalogue catalogue(CatalogueState state) {
        return state.catalogue();
    }

    @Produces
    @Singleton
    ConsumerPositions consumerPositions() {
        return new ConsumerPositions();
    }

    @Produces
    @Singleton
    SilverLog silverLog() {
        return new SilverLog();
    }

    @Produces
    @Singleton
    ConsistentState consistentState(ScoringStore store, SilverLog silver, ConsumerPositions positions) {
        return new ConsistentState(store, silver, positions, Clock.systemUTC());
    }

    static OptionalDouble globalMean(String value) {
        if (AUTO_MEAN.equalsIgnoreCase(value.trim())) {
            return OptionalDouble.empty();
        }
        try {
            double mean = Double.parseDouble(value.trim());
            if (mean < 1.0 || mean > 10.0) {
                throw new IllegalArgumentException("imdb.scoring.global-mean-rating must be within 1-10 or 'auto', was " + value);
            }
            return OptionalDouble.of(mean);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("imdb.scoring.global-mean-rating must be a number or 'auto', was " + value, e);
        }
    }
}
