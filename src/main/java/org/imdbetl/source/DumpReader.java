package org.imdbetl.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * One read of both dumps from a source: title.ratings into memory first, then title.basics streamed
 * row by row, joined and filtered, into a {@link MovieSink}. Counts land in {@link IngestProgress},
 * rejected rows also in {@link RejectSamples}; progress is logged every interval.
 */
public final class DumpReader {

    private static final Logger LOG = Logger.getLogger(DumpReader.class);
    private static final int GZIP_BUFFER = 1 << 16;

    /** What to keep and how to read it. */
    public record Settings(Set<String> titleTypes, int maxLineBytes, Duration progressInterval) {
    }

    private final ImdbSource source;
    private final Settings settings;
    private final ProgressLog log;

    public DumpReader(ImdbSource source, Settings settings, IngestProgress progress, RejectSamples rejects) {
        this.source = source;
        this.settings = settings;
        this.log = new ProgressLog(progress, rejects, settings.progressInterval());
    }

    /** Reads both files into the sink; a truncated ratings file fails before any movie is handed on. */
    public void readInto(MovieSink sink) throws IOException, InvalidFileException, InterruptedException {
        ImdbReader reader = new ImdbReader(settings.maxLineBytes(), log);
        Path ratingsFile = source.resolve(ImdbReader.RATINGS_FILE);
        Path basicsFile = source.resolve(ImdbReader.BASICS_FILE);
        RatingsIndex ratings;
        try (InputStream in = gunzip(ratingsFile)) {
            ratings = reader.readRatings(in, ratingsFile.toString());
        }
        LOG.infof("Ingest: %d ratings read from %s", ratings.size(), ratingsFile);
        try (InputStream in = gunzip(basicsFile)) {
            reader.readMovies(in, basicsFile.toString(), settings.titleTypes(), ratings, sink);
        }
    }

    /** Logs the final counts. */
    public void logFinished() {
        log.finished();
    }

    private InputStream gunzip(Path file) throws IOException {
        InputStream raw = new CountingInputStream(Files.newInputStream(file), Files.size(file),
                file.getFileName().toString(), log);
        return new GZIPInputStream(new BufferedInputStream(raw, GZIP_BUFFER), GZIP_BUFFER);
    }
}
