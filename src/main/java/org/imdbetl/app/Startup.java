package org.imdbetl.app;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.state.ConsumerPositions;
import org.imdbetl.state.RatingHistory;
import org.imdbetl.topic.KafkaBroker;
import org.imdbetl.topic.TopicAdmin;

/**
 * The start-up sequence, top to bottom, and the shutdown sequence after it. SmallRye Reactive
 * Messaging starts its channels (and so the listener) between the two start-up steps.
 * <ol>
 * <li>Broker: the embedded one, unless KAFKA_BOOTSTRAP_SERVERS names an external one.</li>
 * <li>Topics: created if missing; their end offsets now are what "store loaded" means. While the
 * broker is unreachable this goes on in the background.</li>
 * <li>History store: opened from its folder (it holds its own offsets in the history topic); a folder
 * in use by another instance stops the start here, with its name.</li>
 * <li>Lake recovery: delete half-written files, resume the silver log after the manifest. Before the
 * listener, so no record is consumed before the silver log knows where to resume.</li>
 * <li>(The channels start: the listener loads the store from the topic; the history listener resumes
 * at the history store's offsets.)</li>
 * <li>Ingest: on its own thread; it waits for the store to be loaded, then sends only what changed. From
 * here on the REFRESH_INTERVAL schedule may refresh too (its checks before this point are skipped).</li>
 * </ol>
 * Shutdown: a last snapshot, then (once every Kafka client is closed) the embedded broker stops.
 */
@Singleton
public class Startup {

    private final ImdbConfig config;
    private final KafkaBroker broker;
    private final TopicAdmin topics;
    private final ConsumerPositions positions;
    private final RatingHistory history;
    private final LakeWriter lake;
    private final IngestJob ingest;

    Startup(ImdbConfig config, KafkaBroker broker, TopicAdmin topics, ConsumerPositions positions,
            RatingHistory history, LakeWriter lake, IngestJob ingest) {
        this.config = config;
        this.broker = broker;
        this.topics = topics;
        this.positions = positions;
        this.history = history;
        this.lake = lake;
        this.ingest = ingest;
    }

    /** Steps 1-4: before SmallRye Reactive Messaging starts its channels (it observes at LIBRARY_BEFORE). */
    void beforeChannels(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws IOException {
        broker.start();
        topics.setUp().thenAccept(positions::expectLoadedAt);
        Log.infof("History: %d refreshes in %s, resuming the history topic at %s", history.asOfs().size(),
                history.directory(), history.offsets());
        lake.recover(topics.topicId().orElse(null));
    }

    /** Step 6: after the channels are wired, so the first record has somewhere to go. */
    void afterChannels(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        ingest.channelsWired();
        if (config.ingest().onStart()) {
            ingest.start();
        } else {
            Log.info("Ingest: not run at start-up (imdb.ingest.on-start=false)");
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        lake.snapshot("shutdown", !ingest.running());
    }

    /** Runs once every application-scoped bean, the Kafka connector's clients among them, is gone. */
    void afterBeans(@Observes @Destroyed(ApplicationScoped.class) Object event) {
        broker.stop();
    }
}
