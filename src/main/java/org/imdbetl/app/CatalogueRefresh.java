package org.imdbetl.app;

import com.carrotsearch.hppc.ObjectIntHashMap;
import com.carrotsearch.hppc.cursors.ObjectIntCursor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.ingest.DeletionPlan;
import org.imdbetl.ingest.TitleRefresh;
import org.imdbetl.ingest.TitleSender;
import org.imdbetl.lake.LakeWriter;
import org.imdbetl.source.DatasetState;
import org.imdbetl.source.DumpFile;
import org.imdbetl.source.DumpReader;
import org.imdbetl.source.FileVersion;
import org.imdbetl.source.ImdbReader;
import org.imdbetl.source.ImdbSource;
import org.imdbetl.source.IngestProgress;
import org.imdbetl.source.IngestState;
import org.imdbetl.source.InvalidFileException;
import org.imdbetl.source.RejectReason;
import org.imdbetl.source.RejectSamples;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.topic.TopicAdmin;

/**
 * The catalogue's part of a refresh, run by {@link IngestJob} after the movies' part, on its thread:
 * <ol>
 * <li>wait for the catalogue store to hold the titles topic;</li>
 * <li>check title.ratings, title.basics and title.episode against the versions last ingested into this
 * topic, and stop there when none changed (and the store is not empty);</li>
 * <li>read them, compare each title with the store in one walk, send only what changed ({@link TitleRefresh});</li>
 * <li>once every file was read to its end, delete the titles the dump no longer has, within the safety valve;</li>
 * <li>wait for the acknowledgements and for the listener, write the catalogue's lake tables when something changed,
 * and record the versions ingested.</li>
 * </ol>
 */
@ApplicationScoped
public class CatalogueRefresh {

    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> FILES = List.of(ImdbReader.RATINGS_FILE, ImdbReader.BASICS_FILE, ImdbReader.EPISODE_FILE);

    /**
     * What the last catalogue refresh did. {@code episodesWithoutSeries}: episodes kept whose series is not in
     * the catalogue, as of the last refresh that read the files.
     */
    public record Status(IngestState state, String error, Instant startedAt, Instant finishedAt, long rowsRead,
            long rejected, Map<RejectReason, Long> rejectedByReason, long added, long changed, long unchanged,
            long removed, long heldBack, long episodesWithoutSeries) {

        static final Status IDLE = new Status(IngestState.IDLE, null, null, null, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0);
    }

    private final ImdbConfig config;
    private final TitleSender sender;
    private final CatalogueState state;
    private final TopicAdmin topics;
    private final LakeWriter lake;
    private final RatedTitles.Prior prior;
    private volatile Status status = Status.IDLE;

    CatalogueRefresh(ImdbConfig config, TitleSender sender, CatalogueState state, TopicAdmin topics, LakeWriter lake,
            RatedTitles.Prior prior) {
        this.config = config;
        this.sender = sender;
        this.state = state;
        this.topics = topics;
        this.lake = lake;
        this.prior = prior;
    }

    Status status() {
        return status;
    }

    /**
     * @param movies     the versions the movies' part ingested (and cached) just before: ratings and basics are
     *                   asked for as those, so a file it just downloaded is not downloaded again
     * @param rejectsOut where the rejected rows' samples go (one file per refresh, beside the movies' part's)
     */
    void run(ImdbSource source, RefreshOptions options, DatasetState movies, RejectSamples rejectsOut) throws InterruptedException {
        Instant started = Instant.now();
        IngestProgress progress = new IngestProgress();
        status = new Status(IngestState.RUNNING, null, started, null, 0, 0, Map.of(), 0, 0, 0, 0, 0,
                status.episodesWithoutSeries());
        try {
            awaitLoaded(config.ingest().storeLoadTimeout());
            Path stateFile = stateFile(source);
            DatasetState last = DatasetState.load(stateFile);
            // title.episode first: a source without it fails here, before anything else is asked for.
            try (DumpFile episodes = source.open(ImdbReader.EPISODE_FILE, last.file(ImdbReader.EPISODE_FILE));
                    DumpFile ratings = openShared(source, ImdbReader.RATINGS_FILE, movies, last);
                    DumpFile basics = openShared(source, ImdbReader.BASICS_FILE, movies, last)) {
                boolean changed = changedSince(ratings, last) || changedSince(basics, last) || episodes.changed();
                // An empty store with a recorded version: the topic was wiped, the cache was not.
                if (!changed && !options.force() && !state.catalogue().isEmpty()) {
                    Log.infof("Catalogue: %s unchanged, nothing read", FILES);
                    if (lake.enabled() && !lake.catalogueWritten()) {
                        lake.writeCatalogue(state.catalogue(), prior, state.catalogue().offsets());
                    }
                    status = finished(IngestState.COMPLETED, null, progress, null, 0, status.episodesWithoutSeries(), started);
                    return;
                }
                progress.started(source.describe());
                Log.infof("Catalogue: reading %s (%s, %s, %s)", source.describe(), ratings.checkResult(), basics.checkResult(),
                        episodes.checkResult());
                Outcome outcome = readAndSend(ratings, basics, episodes, progress, rejectsOut, options);
                if (outcome.state() == IngestState.COMPLETED) {
                    last.with(ImdbReader.RATINGS_FILE, ratings.commit()).with(ImdbReader.BASICS_FILE, basics.commit())
                            .with(ImdbReader.EPISODE_FILE, episodes.commit()).completed(Instant.now()).save(stateFile);
                }
                status = finished(outcome.state(), outcome.error(), progress, outcome.refresh(), outcome.heldBack(),
                        outcome.withoutSeries(), started);
            }
        } catch (InvalidFileException | IOException | RuntimeException e) {
            Log.errorf("Catalogue: the refresh from %s failed: %s", source.describe(), e.getMessage());
            status = finished(IngestState.FAILED, String.valueOf(e.getMessage()), progress, null, 0,
                    status.episodesWithoutSeries(), started);
        }
    }

    /** A file the movies' part also reads: asked for as the version it holds, else as the catalogue's own. */
    private static DumpFile openShared(ImdbSource source, String name, DatasetState movies, DatasetState last)
            throws InvalidFileException, InterruptedException {
        return source.open(name, movies.file(name).or(() -> last.file(name)));
    }

    /** Whether the file is not what the catalogue last ingested (it may be unchanged for the movies' part). */
    private static boolean changedSince(DumpFile file, DatasetState last) {
        if (file.changed()) {
            return true;
        }
        Optional<FileVersion> mine = last.file(file.name());
        if (mine.isEmpty()) {
            return true;
        }
        FileVersion now = file.version();
        if (now.sha256() != null && mine.get().sha256() != null) {
            return !now.sha256().equals(mine.get().sha256());
        }
        if (now.etag() != null && mine.get().etag() != null) {
            return !now.etag().equals(mine.get().etag());
        }
        return now.size() != mine.get().size() || now.modifiedMillis() != mine.get().modifiedMillis();
    }

    private record Outcome(IngestState state, String error, TitleRefresh refresh, long heldBack, long withoutSeries) {
    }

    private Outcome readAndSend(DumpFile ratings, DumpFile basics, DumpFile episodes, IngestProgress progress,
            RejectSamples rejectsOut, RefreshOptions options) throws IOException, InvalidFileException, InterruptedException {
        ObjectIntHashMap<String> episodesBySeries = new ObjectIntHashMap<>();
        try (TitleRefresh refresh = new TitleRefresh(state.catalogue().store(), sender)) {
            DumpReader reader = new DumpReader(new DumpReader.Settings(titleTypes(), config.ingest().maxLineBytes(),
                    config.ingest().progressInterval()), progress, rejectsOut, refresh::keep);
            boolean complete = reader.readTitlesInto(ratings, basics, episodes, title -> {
                if (title.episode()) {
                    episodesBySeries.addTo(title.parentTconst(), 1);
                }
                return refresh.accept(title);
            });
            refresh.awaitAcknowledged(ACK_TIMEOUT);
            reader.logFinished();
            if (!complete) {
                Log.warnf("Catalogue: the files were not read to their end; nothing is deleted and the versions are not recorded");
                return new Outcome(IngestState.INCOMPLETE, "a file was not read to its end", refresh, 0, 0);
            }
            List<String> gone = refresh.finish();
            long held = 0;
            DeletionPlan plan = DeletionPlan.of(gone, state.catalogue().size(), config.refresh().maxDeleteFraction(),
                    options.allowDeletes());
            if (plan.isHeldBack()) {
                held = plan.heldBack();
                Log.warnf("Catalogue: %d titles left the dump, more than %.1f%% of the %d in the store; deletions HELD BACK."
                        + " POST /admin/ingest?allowDeletes=true applies them", held, config.refresh().maxDeleteFraction() * 100,
                        state.catalogue().size());
            } else {
                refresh.remove(plan);
                refresh.awaitAcknowledged(ACK_TIMEOUT);
            }
            awaitConsumed();
            state.catalogue().refreshRankings();
            state.catalogue().flush();
            long withoutSeries = 0;
            for (ObjectIntCursor<String> series : episodesBySeries) {
                if (state.catalogue().find(series.key).isEmpty()) {
                    withoutSeries += series.value;
                }
            }
            if (withoutSeries > 0) {
                Log.infof("Catalogue: %d episodes kept whose series is not in the catalogue", withoutSeries);
            }
            Log.infof("Catalogue: %d titles read; %d added, %d changed, %d unchanged, %d removed", refresh.read(),
                    refresh.added(), refresh.changed(), refresh.unchanged(), refresh.removed());
            if (refresh.added() + refresh.changed() + refresh.removed() > 0 || !lake.catalogueWritten()) {
                lake.writeCatalogue(state.catalogue(), prior, state.catalogue().offsets());
            }
            return new Outcome(held > 0 ? IngestState.HELD_BACK : IngestState.COMPLETED, null, refresh, held, withoutSeries);
        }
    }

    private Status finished(IngestState ended, String error, IngestProgress progress, TitleRefresh refresh, long heldBack,
            long withoutSeries, Instant started) {
        IngestProgress.Snapshot read = progress.snapshot();
        return new Status(ended, error, started, Instant.now(), read.rowsRead(), read.rejected(),
                new TreeMap<>(read.rejectedByReason()), refresh == null ? 0 : refresh.added(),
                refresh == null ? 0 : refresh.changed(), refresh == null ? 0 : refresh.unchanged(),
                refresh == null ? 0 : refresh.removed(), heldBack, withoutSeries);
    }

    /** The configured types; {@code all} (or nothing) is every type. */
    private Set<String> titleTypes() {
        List<String> types = config.catalogue().titleTypes();
        return types.isEmpty() || types.stream().anyMatch(t -> t.trim().equalsIgnoreCase("all")) ? Set.of()
                : Set.copyOf(types.stream().map(String::trim).toList());
    }

    private void awaitLoaded(Duration timeout) throws IOException, InterruptedException {
        try {
            state.positions().whenLoaded().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the catalogue did not finish loading the titles topic within " + timeout + "; is Kafka reachable?");
        }
    }

    /** Waits for the listener to hold what this refresh sent: the answers then show it. */
    private void awaitConsumed() throws InterruptedException {
        Optional<Map<Integer, Long>> end = topics.titlesEndOffsets();
        Duration timeout = config.snapshot().ingestCatchUpTimeout();
        if (end.isPresent()) {
            try {
                state.positions().reach(end.get()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                Log.warnf("Catalogue: the listener has not caught up with the refresh after %s", timeout);
            }
        }
    }

    /** The versions as ingested into the titles topic: a new topic starts from nothing. */
    private Path stateFile(ImdbSource source) {
        Path shared = source.stateFile();
        String topic = topics.titlesTopicId().orElse("unknown");
        return shared.resolveSibling("titles-" + topic + "-" + shared.getFileName());
    }
}
