package org.imdbetl.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.imdbetl.domain.Tconst;
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

    private final Settings settings;
    private final ProgressLog log;
    private final Consumer<String> rejectedMovies;

    public DumpReader(Settings settings, IngestProgress progress, RejectSamples rejects) {
        this(settings, progress, rejects, tconst -> { });
    }

    /**
     * @param rejectedMovies receives the tconst of every title.basics row that was rejected but names a
     *        valid tconst: a movie whose row is broken today is not a movie that left the dump
     */
    public DumpReader(Settings settings, IngestProgress progress, RejectSamples rejects, Consumer<String> rejectedMovies) {
        this.settings = settings;
        this.log = new ProgressLog(progress, rejects, settings.progressInterval());
        this.rejectedMovies = rejectedMovies;
    }

    /**
     * Reads both files into the sink; a truncated ratings file fails before any movie is handed on.
     * Neither file is committed: that is the caller's decision once it has seen the result.
     *
     * @return true when title.basics was read to its very end (the gzip trailer checked); false when it
     *         was cut off or the sink stopped the read
     */
    public boolean readInto(DumpFile ratingsFile, DumpFile basicsFile, MovieSink sink)
            throws IOException, InvalidFileException, InterruptedException {
        ImdbReader reader = reader(basicsFile);
        RatingsIndex ratings = ratings(reader, ratingsFile);
        try (InputStream in = gunzip(basicsFile)) {
            return reader.readMovies(in, basicsFile.describe(), settings.titleTypes(), ratings, sink);
        }
    }

    /**
     * Reads the catalogue's three files into the sink: ratings first, then title.basics streamed with
     * title.episode beside it (each title with its episode link). As {@link #readInto}, nothing is committed.
     *
     * @return true when title.basics (and title.episode) were read to their very end
     */
    public boolean readTitlesInto(DumpFile ratingsFile, DumpFile basicsFile, DumpFile episodeFile, TitleSink sink)
            throws IOException, InvalidFileException, InterruptedException {
        ImdbReader reader = reader(basicsFile);
        RatingsIndex ratings = ratings(reader, ratingsFile);
        try (InputStream basics = gunzip(basicsFile); InputStream episodes = gunzip(episodeFile)) {
            return reader.readTitles(basics, basicsFile.describe(), episodes, episodeFile.describe(), settings.titleTypes(),
                    ratings, sink);
        }
    }

    private ImdbReader reader(DumpFile basicsFile) {
        String basicsName = basicsFile.describe();
        return new ImdbReader(settings.maxLineBytes(), new RowListener() {
            @Override
            public void rowRead(String file) {
                log.rowRead(file);
            }

            @Override
            public void rejected(String file, long line, RejectReason reason, String detail, String row) {
                log.rejected(file, line, reason, detail, row);
                if (row != null && basicsName.equals(file)) {
                    int tab = row.indexOf('\t');
                    String tconst = tab < 0 ? row : row.substring(0, tab);
                    if (Tconst.isValid(tconst)) {
                        rejectedMovies.accept(tconst);
                    }
                }
            }
        });
    }

    private RatingsIndex ratings(ImdbReader reader, DumpFile ratingsFile)
            throws IOException, InvalidFileException, InterruptedException {
        RatingsIndex ratings;
        try (InputStream in = gunzip(ratingsFile)) {
            ratings = reader.readRatings(in, ratingsFile.describe());
        }
        LOG.infof("Ingest: %d ratings read from %s", ratings.size(), ratingsFile.describe());
        return ratings;
    }

    /** Logs the final counts. */
    public void logFinished() {
        log.finished();
    }

    private InputStream gunzip(DumpFile file) throws IOException {
        InputStream raw = new CountingInputStream(file.open(), file.totalBytes(), file.name(), log);
        return new GZIPInputStream(new BufferedInputStream(raw, GZIP_BUFFER), GZIP_BUFFER);
    }
}
