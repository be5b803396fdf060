package org.imdbetl.app;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.state.ConsistentState;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.state.StoreCheckpoint;
import org.imdbetl.topic.KafkaBroker;
import org.imdbetl.topic.TopicAdmin;

/**
 * The start-up sequence, top to bottom, and the shutdown sequence after it. SmallRye Reactive
 * Messaging starts its channels (and so the listener) between the two start-up steps. Before any of
 * it, from the packaged jar, {@link Main} has a second thread load the classes this sequence will need
 * ({@link ClassPreloader}).
 * <ol>
 * <li>Locks: every folder this instance writes ({@link InstanceLocks}); a folder another instance holds
 * stops the start here, with its name and that instance's, before anything is written.</li>
 * <li>Broker: the embedded one, unless KAFKA_BOOTSTRAP_SERVERS names an external one.</li>
 * <li>Topics: created if missing; their end offsets now are what "store loaded" means. While the
 * broker is unreachable this goes on in the background.</li>
 * <li>History store: opened from its folder (it holds its own offsets in the history topic). The catalogue
 * store too (it holds its offsets in the titles topic); its heap parts are rebuilt from it as it opens.</li>
 * <li>Lake recovery: delete half-written files, resume the silver log after the manifest. Before the
 * listener, so no record is consumed before the silver log knows where to resume.</li>
 * <li>Store checkpoint: read and loaded into the store on a thread of its own, started first, while steps 2-5 run; once the
 * topic is known, kept (the listener starts after its offsets) if it fits the topic, or taken out again
 * (the listener reads the whole topic).</li>
 * <li>(The channels start: the listener loads the rest of the store from the topic; the history listener
 * resumes at the history store's offsets.)</li>
 * <li>Ingest: on its own thread; it waits for the store to be loaded, then sends only what changed. From
 * here on the REFRESH_INTERVAL schedule may refresh too (its checks before this point are skipped).</li>
 * </ol>
 * Shutdown: a last snapshot, then (once every Kafka client is closed) the embedded broker stops, and the
 * folders are released.
 */
@Singleton
public class Startup {

    private final ImdbConfig config;
    private final InstanceLocks locks;
    private final KafkaBroker broker;
    private final TopicAdmin topics;
    private final ConsumerPositions positions;
    private final ConsistentState state;
    private final ConsumerStats stats;
    private final RatingHistory history;
    private final LakeWriter lake;
    private final IngestJob ingest;
    private final CatalogueState catalogue;

    Startup(ImdbConfig config, InstanceLocks locks, KafkaBroker broker, TopicAdmin topics, ConsumerPositions positions, ConsistentState state, ConsumerStats stats,
            RatingHistory history, LakeWriter lake, IngestJob ingest, CatalogueState catalogue) {
        this.config = config;
        this.locks = locks;
        this.broker = broker;
        this.topics = topics;
        this.positions = positions;
        this.state = state;
        this.stats = stats;
        this.history = history;
        this.lake = lake;
        this.ingest = ingest;
        this.catalogue = catalogue;
    }

    /** Steps 2-6 (step 1 ran when this was made): before SmallRye Reactive Messaging starts its channels (it observes at LIBRARY_BEFORE). */
    void beforeChannels(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws IOException {
        // Read and loaded while the broker starts (both take seconds); checked against the topic below.
        CompletableFuture<Optional<Restored>> restored = CompletableFuture.supplyAsync(this::restore,
                task -> new Thread(task, "imdb-store-restore").start());
        broker.start();
        CompletableFuture<Map<Integer, Long>> topicEnds = topics.setUp();
        topicEnds.thenAccept(positions::expectLoadedAt);
        topics.titlesSetUp().thenAccept(ends -> {
            String id = topics.titlesTopicId().orElseThrow();
            if (catalogue.startOn(id, ends)) {
                Log.warnf("Catalogue: the store in %s was built from another titles topic; emptied, it reads topic %s from its start",
                        config.catalogue().dir(), id);
            }
        });
        Log.infof("History: %d refreshes in %s, resuming the history topic at %s", history.asOfs().size(),
                history.directory(), history.offsets());
        lake.recover(topics.topicId().orElse(null));
        restored.join().ifPresent(checkpoint -> adoptOrUndo(checkpoint, topicEnds));
    }

    /** A checkpoint loaded into the store, which then had that version. */
    private record Restored(StoreCheckpoint checkpoint, long storeVersion) {
    }

    private Optional<Restored> restore() {
        long started = System.nanoTime();
        Optional<Restored> restored = lake.readCheckpoint().map(checkpoint -> new Restored(checkpoint, state.restore(checkpoint)));
        restored.ifPresent(r -> Log.infof("Store: loaded %d movies from the checkpoint of %s in %d ms",
                r.checkpoint().movies().size(), r.checkpoint().writtenAt(), (System.nanoTime() - started) / 1_000_000));
        return restored;
    }

    private void adoptOrUndo(Restored restored, CompletableFuture<Map<Integer, Long>> topicEnds) {
        StoreCheckpoint checkpoint = restored.checkpoint();
        Optional<String> reason = topicEnds.isDone()
                ? lake.reasonNotToUse(checkpoint, topics.topicId().orElse(null), topicEnds.join(), topics.tombstoneRetention())
                : Optional.of("the broker is not reachable to check it against the topic");
        if (reason.isEmpty()) {
            state.adoptOffsets(checkpoint);
            stats.recordCheckpointLoaded(checkpoint.movies().size());
            lake.tablesMatch(restored.storeVersion(), config.scoring().globalMeanRating().trim().equalsIgnoreCase(PipelineBeans.AUTO_MEAN));
            Log.infof("Store: reading the topic after the checkpoint's offsets %s", checkpoint.offsets());
        } else {
            state.undoRestore(checkpoint);
            Log.warnf("Store: not starting from the checkpoint, %s; reading the whole topic instead", reason.get());
        }
    }

    /** Step 8: after the channels are wired, so the first record has somewhere to go. */
    void afterChannels(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        ingest.channelsWired();
        // Once loaded, off the start's path: a read of every table file, so a corruption nobody reads is found too.
        positions.whenLoaded().thenRunAsync(this::verifyHistory, task -> {
            Thread thread = new Thread(task, "imdb-history-verify");
            thread.setDaemon(true);
            thread.start();
        });
        if (config.ingest().onStart()) {
            ingest.start();
        } else {
            Log.info("Ingest: not run at start-up (imdb.ingest.on-start=false)");
        }
    }

    private void verifyHistory() {
        try {
            history.verify().ifPresentOrElse(
                    problem -> Log.errorf("History: a check of the store's checksums in %s failed (%s); it keeps serving,"
                            + " and the next start moves it aside and rebuilds it from the history topic", history.directory(), problem),
                    () -> Log.debugf("History: the checksums of %s are good", history.directory()));
        } catch (RuntimeException e) {
            Log.warnf("History: could not check the store's checksums: %s", e.getMessage());
        }
    }

    /** Only if the start got this far: a start stopped by a locked folder has nothing to snapshot. */
    void onShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        lake.snapshot("shutdown", !ingest.running());
    }

    /** Runs once every application-scoped bean, the Kafka connector's clients among them, is gone. */
    void afterBeans(@Observes(notifyObserver = Reception.IF_EXISTS) @Destroyed(ApplicationScoped.class) Object event) {
        broker.stop();
        locks.close();
    }
}
