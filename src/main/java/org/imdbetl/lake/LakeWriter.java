package org.imdbetl.lake;

import org.imdbetl.catalogue.Catalogue;
import org.imdbetl.catalogue.RatedTitles;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.files.AtomicFiles;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.scoring.GenreCount;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.state.ConsistentState.Capture;
import org.imdbetl.state.ConsistentState;
import org.imdbetl.state.SilverLog;
import org.imdbetl.state.SilverRow;
import org.imdbetl.state.StoreCheckpoint;

/**
 * Writes the lake outputs. Each snapshot: (1) the records consumed since the last one as a new
 * silver part, (2) the manifest naming that part and the offsets it covers, written last and
 * atomically, (3) the current-state tables, replaced atomically, once the store is loaded, (4) the
 * history of every refresh date whose points changed since it was last written, one file per date,
 * replaced atomically, and then the list of what was written.
 * {@link #recover} deletes what a crash left half-done and resumes the silver log after the manifest.
 */
@ApplicationScoped
public class LakeWriter {

    private static final String PART_GLOB = "part-*.parquet";

    private final ImdbConfig.Snapshot config;
    private final String topic;
    private final String titlesTopic;
    private final SilverLog silver;
    private final ConsistentState state;
    private final RatingHistory history;
    private final LakeLayout layout;
    /** Per refresh date, the sum of its points' revisions that the file holds. */
    private Map<LocalDate, Long> historyWritten = new TreeMap<>();
    private Manifest manifest;
    private long writtenStoreVersion = -1;
    private volatile SnapshotStatus status;

    LakeWriter(ImdbConfig config, SilverLog silver, ConsistentState state, RatingHistory history) {
        this.config = config.snapshot();
        this.topic = config.kafka().topic();
        this.titlesTopic = config.kafka().titlesTopic();
        this.silver = silver;
        this.state = state;
        this.history = history;
        this.layout = new LakeLayout(config.snapshot().outputDir());
        this.status = new SnapshotStatus(this.config.enabled(), layout.root().toString(), null, 0, 0, 0, Map.of(), null);
    }

    /**
     * Call before the listener starts, so no record is consumed before the silver log knows where to
     * resume.
     *
     * @param topicId the movies topic's id, or null while the broker is unreachable
     */
    public synchronized void recover(String topicId) throws IOException {
        if (!config.enabled()) {
            silver.disable();
            Log.infof("Snapshot: disabled on this instance (imdb.snapshot.enabled=false)");
            return;
        }
        List<Path> dirs = new ArrayList<>(layout.directories());
        if (Files.isDirectory(layout.historyDir())) {
            try (DirectoryStream<Path> dates = Files.newDirectoryStream(layout.historyDir(), "as_of=*")) {
                dates.forEach(dirs::add);
            }
        }
        for (Path dir : dirs) {
            int deleted = AtomicFiles.deleteLeftovers(dir);
            if (deleted > 0) {
                Log.infof("Snapshot: deleted %d unfinished temp file(s) in %s", deleted, dir);
            }
        }
        manifest = Manifest.read(layout.manifest()).orElse(null);
        if (manifest != null && topicId != null && manifest.topicId() != null && !manifest.topicId().equals(topicId)) {
            Path stale = layout.silverDir().resolveSibling("silver_movies.stale-" + System.currentTimeMillis());
            Log.warnf("Snapshot: %s was written from another topic (id %s, now %s); moved it to %s and starting afresh",
                    layout.silverDir(), manifest.topicId(), topicId, stale);
            Files.move(layout.silverDir(), stale);
            manifest = null;
        }
        if (manifest == null) {
            manifest = Manifest.empty(topic, topicId);
        }
        deleteUnlistedParts();
        historyWritten = readHistoryWritten();
        silver.resumeAfter(manifest.offsets());
        status = statusNow(null, 0, null);
        Log.infof("Snapshot: writing to %s; silver resumes after offsets %s (%d parts)",
                layout.root().toAbsolutePath(), manifest.offsets(), manifest.parts().size());
    }

    public boolean enabled() {
        return config.enabled();
    }

    public SnapshotStatus status() {
        return status;
    }

    /**
     * Writes a snapshot if anything changed. Never two at once; never a current-state table from an
     * empty or still-loading store, so a good file is never replaced by an empty or partial one.
     *
     * @param tablesWanted false while an ingest runs: the tables would only be replaced at its end
     */
    public synchronized SnapshotStatus snapshot(String reason, boolean tablesWanted) {
        if (!config.enabled() || manifest == null) {
            return status;
        }
        long started = System.nanoTime();
        Instant capturedAt = Instant.now();
        Capture capture = state.capture(writtenStoreVersion, tablesWanted, checkpointWanted(), config.topMovies());
        boolean wrote = false;
        try {
            if (!capture.silverRows().isEmpty()) {
                writeSilverPart(capture);
                wrote = true;
            }
            if (capture.hasTables()) {
                writeCurrentState(capture);
                writeCheckpoint(capture, capturedAt);
                wrote = true;
            }
            if (tablesWanted && writeHistory() > 0) {
                wrote = true;
            }
        } catch (IOException | RuntimeException e) {
            Log.errorf("Snapshot (%s) failed: %s", reason, e.getMessage());
            status = statusNow(status.lastWrittenAt(), status.lastDurationMillis(), e.getMessage());
            return status;
        }
        if (wrote) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            status = statusNow(Instant.now(), millis, null);
            Log.infof("Snapshot (%s): %d silver rows, %s movies, offsets %s, %d ms", reason,
                    capture.silverRows().size(), capture.hasTables() ? capture.movies().size() : "unchanged",
                    capture.offsets(), millis);
        }
        return status;
    }

    /**
     * The catalogue's tables (titles, episodes, genre counts per type), each replaced atomically, from one view
     * of the catalogue store; written after a catalogue refresh, not with every snapshot (a walk of every title).
     *
     * @return false when snapshots are off or a table could not be written (logged)
     */
    public synchronized boolean writeCatalogue(Catalogue catalogue, RatedTitles.Prior prior, Map<Integer, Long> offsets) {
        if (!config.enabled()) {
            return false;
        }
        long started = System.nanoTime();
        Map<String, String> metadata = Map.of("imdb.kafka.titles-topic", titlesTopic, "imdb.kafka.offsets", offsets.toString());
        try {
            long titles = CatalogueTables.writeTitles(layout.titlesParquet(), catalogue::forEachTitle,
                    title -> catalogue.weightedScore(title.averageRating(), title.numVotes(), title.titleType(), prior), metadata);
            long episodes = CatalogueTables.writeEpisodes(layout.episodesParquet(), catalogue::forEachTitle, metadata);
            Map<String, Map<String, Long>> counts = catalogue.genreCountsByType();
            CatalogueTables.writeTypeGenreCountsParquet(layout.typeGenreCountsParquet(), counts, metadata);
            CatalogueTables.writeTypeGenreCountsCsv(layout.typeGenreCountsCsv(), counts);
            Log.infof("Snapshot (catalogue): %d titles, %d episodes, genre counts of %d types, %d ms", titles, episodes,
                    counts.size(), (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException | RuntimeException e) {
            Log.errorf("Snapshot (catalogue) failed: %s", e.getMessage());
            return false;
        }
    }

    /** Whether the catalogue's tables are all on disk. */
    public boolean catalogueWritten() {
        return Files.exists(layout.titlesParquet()) && Files.exists(layout.episodesParquet())
                && Files.exists(layout.typeGenreCountsParquet()) && Files.exists(layout.typeGenreCountsCsv());
    }

    private void writeSilverPart(Capture capture) throws IOException {
        List<SilverRow> rows = capture.silverRows();
        Path part = layout.silverPart(manifest.sequence() + 1);
        Map<Integer, Long> from = new HashMap<>();
        rows.forEach(row -> from.merge(row.partition(), row.offset(), Math::min));
        Manifest.Part entry = new Manifest.Part(part.getFileName().toString(), rows.size(), from, capture.offsets());
        try {
            AtomicFiles.write(part, temp -> ParquetTables.writeSilver(temp, rows, Map.of(
                    "imdb.kafka.topic", topic,
                    "imdb.kafka.offsets.from", from.toString(),
                    "imdb.kafka.offsets.to", capture.offsets().toString())));
            Manifest next = manifest.withPart(entry, capture.offsets(), Instant.now().toString());
            next.write(layout.manifest());
            manifest = next;
            silver.committed(capture.offsets());
        } catch (IOException | RuntimeException e) {
            // Not in the manifest, so a part written here is an orphan: retried with the next snapshot.
            silver.restore(rows);
            throw e;
        }
    }

    private void writeCurrentState(Capture capture) throws IOException {
        List<ScoredMovie> movies = capture.movies();
        Map<String, String> metadata = Map.of("imdb.kafka.topic", topic, "imdb.kafka.offsets", capture.offsets().toString());
        List<GenreCount> genres = capture.genres();
        AtomicFiles.write(layout.genreCountsParquet(), temp -> ParquetTables.writeGenreCounts(temp, genres, metadata));
        AtomicFiles.write(layout.genreCountsCsv(), temp -> CsvTables.writeGenreCounts(temp, genres));
        AtomicFiles.write(layout.movieScoresParquet(), temp -> ParquetTables.writeMovieScores(temp, movies, metadata));
        AtomicFiles.write(layout.topMoviesCsv(), temp -> CsvTables.writeTopMovies(temp, capture.top()));
        writtenStoreVersion = capture.storeVersion();
    }

    /**
     * A checkpoint was kept and the store holds exactly its movies at {@code storeVersion}: the tables on
     * disk were written from the same capture as the checkpoint, so until the store changes no snapshot
     * writes them again (seconds of CPU right after every restart at full size). Not with an automatic
     * C: the restored store scores with the mean of its movies, which the tables' scores may predate.
     */
    public synchronized void tablesMatch(long storeVersion, boolean automaticMean) {
        if (!automaticMean) {
            writtenStoreVersion = storeVersion;
        }
    }

    /**
     * After the silver part of the same capture: the checkpoint must never be ahead of the manifest, or a
     * restart from it would skip silver rows. It is not, unless the capture had no silver rows and the
     * records since the last part were all dead letters; then the next capture with rows writes it.
     */
    private void writeCheckpoint(Capture capture, Instant capturedAt) throws IOException {
        if (!checkpointWanted()) {
            return;
        }
        if (StoreCheckpoint.partitionAhead(capture.offsets(), manifest.offsets()).isEmpty()) {
            long started = System.nanoTime();
            StoreCheckpoint.write(layout.storeCheckpoint(), manifest.topicId(), capture.offsets(), capturedAt, capture.movies(),
                    capture.titles());
            Log.infof("Snapshot: checkpoint of %d movies at offsets %s written to %s in %d ms", capture.movies().size(),
                    capture.offsets(), layout.storeCheckpoint(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Whether a snapshot with tables writes a checkpoint; asked before the capture too, so the title
     * analysis, exported under the capture's lock, is exported only for one.
     */
    private boolean checkpointWanted() {
        return config.checkpoint() && manifest.topicId() != null;
    }

    /**
     * The last snapshot's checkpoint, if there is one and it reads whole; unreadable, it is logged and
     * the store is loaded from the topic. Safe to call while {@link #recover} runs.
     */
    public Optional<StoreCheckpoint> readCheckpoint() {
        if (!config.enabled() || !config.checkpoint()) {
            return Optional.empty();
        }
        try {
            return StoreCheckpoint.read(layout.storeCheckpoint());
        } catch (IOException e) {
            Log.warnf("Store: %s; reading the whole topic instead", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Why a restart must not start from the checkpoint, if anything stops it. Call after {@link #recover}:
     * the silver log's offsets are among the checks.
     *
     * @param topicId the movies topic's id, or null while the broker is unreachable
     * @param endOffsets the topic's end offsets now
     * @param tombstoneRetention how long the topic keeps a tombstone
     */
    public synchronized Optional<String> reasonNotToUse(StoreCheckpoint checkpoint, String topicId,
            Map<Integer, Long> endOffsets, Duration tombstoneRetention) {
        if (manifest == null) {
            return Optional.of("the silver log has not been recovered");
        }
        return checkpoint.reasonNotToUse(topicId, endOffsets, manifest.offsets(), tombstoneRetention, Instant.now());
    }

    /** Rewrites the file of each refresh date whose points changed; returns how many were written. */
    private int writeHistory() throws IOException {
        Map<LocalDate, Long> revisions = new TreeMap<>();
        Map<LocalDate, List<Instant>> asOfs = new TreeMap<>();
        history.revisions().forEach((millis, revision) -> {
            LocalDate date = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
            revisions.merge(date, revision, Long::sum);
            asOfs.computeIfAbsent(date, d -> new ArrayList<>()).add(Instant.ofEpochMilli(millis));
        });
        int written = 0;
        for (Map.Entry<LocalDate, Long> date : revisions.entrySet()) {
            if (date.getValue().equals(historyWritten.get(date.getKey()))) {
                continue;
            }
            Map<String, String> metadata = Map.of("imdb.history.as_of", date.getKey().toString());
            List<Instant> refreshes = asOfs.get(date.getKey());
            long[] points = {0};
            AtomicFiles.write(layout.historyPart(date.getKey()), temp -> points[0] = ParquetTables.writeHistory(temp,
                    sink -> refreshes.forEach(asOf -> history.forEachPointAt(asOf, sink)), metadata));
            historyWritten.put(date.getKey(), date.getValue());
            written++;
            Log.infof("Snapshot: %d history points of %s written to %s", points[0], date.getKey(),
                    layout.historyPart(date.getKey()));
        }
        if (written > 0) {
            // After the files: a crash in between only rewrites them next time.
            Properties list = new Properties();
            historyWritten.forEach((date, revision) -> list.setProperty(date.toString(), revision.toString()));
            AtomicFiles.write(layout.historyWritten(), temp -> {
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    list.store(out, "revision of each refresh date's points in parquet/movie_history");
                }
            });
        }
        return written;
    }

    private Map<LocalDate, Long> readHistoryWritten() throws IOException {
        Map<LocalDate, Long> written = new TreeMap<>();
        Path file = layout.historyWritten();
        if (!Files.exists(file)) {
            return written;
        }
        Properties list = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            list.load(in);
        }
        for (String date : list.stringPropertyNames()) {
            try {
                written.put(LocalDate.parse(date), Long.parseLong(list.getProperty(date)));
            } catch (RuntimeException e) {
                // Unreadable entry: its date is written again, which is always safe.
                Log.warnf("Snapshot: ignoring %s=%s in %s", date, list.getProperty(date), file);
            }
        }
        return written;
    }

    private void deleteUnlistedParts() throws IOException {
        if (!Files.isDirectory(layout.silverDir())) {
            return;
        }
        Set<String> listed = new HashSet<>();
        manifest.parts().forEach(part -> listed.add(part.file()));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(layout.silverDir(), PART_GLOB)) {
            for (Path part : parts) {
                if (!listed.contains(part.getFileName().toString())) {
                    Log.infof("Snapshot: deleting %s, written by a snapshot that did not finish; its rows will be written again",
                            part);
                    Files.delete(part);
                }
            }
        }
    }

    private SnapshotStatus statusNow(Instant writtenAt, long millis, String error) {
        long rows = manifest == null ? 0 : manifest.parts().stream().mapToLong(Manifest.Part::rows).sum();
        long parts = manifest == null ? 0 : manifest.parts().size();
        Map<Integer, Long> offsets = manifest == null ? Map.of() : new TreeMap<>(manifest.offsets());
        return new SnapshotStatus(config.enabled(), layout.root().toString(), writtenAt, millis, parts, rows, offsets, error);
    }
}
