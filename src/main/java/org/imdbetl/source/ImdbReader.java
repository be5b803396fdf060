package org.imdbetl.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.TitleRecord;

/**
 * Streams the two IMDb dumps: title.ratings into a {@link RatingsIndex}, then title.basics row by
 * row, filtered to the wanted title types and joined with the ratings. Plain Java, no framework.
 */
public final class ImdbReader {

    public static final String BASICS_FILE = "title.basics.tsv.gz";
    public static final String RATINGS_FILE = "title.ratings.tsv.gz";
    public static final String EPISODE_FILE = "title.episode.tsv.gz";
    static final String EPISODE_TYPE = "tvEpisode";

    static final List<String> BASICS_COLUMNS = List.of(
            "tconst", "titleType", "primaryTitle", "originalTitle", "startYear", "runtimeMinutes", "genres");
    static final List<String> TITLE_COLUMNS = List.of("tconst", "titleType", "primaryTitle", "originalTitle",
            "isAdult", "startYear", "endYear", "runtimeMinutes", "genres");
    static final List<String> RATINGS_COLUMNS = List.of("tconst", "averageRating", "numVotes");

    private final int maxLineBytes;
    private final RowListener listener;

    public ImdbReader(int maxLineBytes, RowListener listener) {
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
    }

    /** Reads an uncompressed title.ratings stream; the caller owns decompression. */
    public RatingsIndex readRatings(InputStream tsv, String file)
            throws IOException, InvalidFileException, InterruptedException {
        RatingsIndex index = new RatingsIndex();
        try (LineReader lines = new LineReader(tsv, maxLineBytes)) {
            TsvHeader header = TsvHeader.parse(file, lines.next(), RATINGS_COLUMNS);
            int tconst = header.indexOf("tconst");
            int rating = header.indexOf("averageRating");
            int votes = header.indexOf("numVotes");
            boolean complete = forEachRow(lines, header, file, line -> true, fields -> {
                String id = Fields.tconst(fields[tconst]);
                double averageRating = Fields.rating(fields[rating]);
                long numVotes = Fields.votes(fields[votes]);
                index.put(id, averageRating, (int) numVotes);
                return true;
            });
            int duplicates = index.seal();
            for (int i = 0; i < duplicates; i++) {
                listener.rejected(file, 0, RejectReason.DUPLICATE_TCONST, "a tconst rated twice, the last row wins", null);
            }
            if (!complete) {
                // Movies whose rating was cut off would be sent as unrated, overwriting good ratings.
                throw new InvalidFileException(file, "is truncated after line " + lines.lineNumber()
                        + "; no movie was sent. Download it again (delete the cached copy) or fix the file");
            }
        } catch (RejectedRowException e) {
            throw new InvalidFileException(file, "has an unreadable header line: " + e.getMessage());
        }
        return index;
    }

    /**
     * Reads an uncompressed title.basics stream and hands every wanted title to the sink.
     *
     * @return true when the stream was read to its end; false when it was cut off or the sink stopped
     */
    public boolean readMovies(InputStream tsv, String file, Set<String> titleTypes, RatingsIndex ratings, MovieSink sink)
            throws IOException, InvalidFileException, InterruptedException {
        try (LineReader lines = new LineReader(tsv, maxLineBytes)) {
            TsvHeader header = TsvHeader.parse(file, lines.next(), BASICS_COLUMNS);
            BasicsColumns columns = new BasicsColumns(header);
            byte[][] wanted = titleTypes.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            int titleType = columns.titleType;
            int fieldCount = header.size();
            // Most rows are not movies: skip them on their bytes, before any decoding or splitting.
            RowFilter filter = line -> line.fieldCount() != fieldCount || line.fieldIn(titleType, wanted);
            return forEachRecord(lines, header, file, filter, fields -> columns.toMovie(fields, ratings), Movie::tconst,
                    sink::accept);
        } catch (RejectedRowException e) {
            throw new InvalidFileException(file, "has an unreadable header line: " + e.getMessage());
        }
    }

    /**
     * Reads an uncompressed title.basics stream and hands every title of the wanted types (every type
     * when {@code titleTypes} is empty) to the sink, joined with its rating and, for an episode, with its
     * title.episode row read alongside ({@link EpisodeLinks}).
     *
     * @param episodes the uncompressed title.episode stream, or null when there is none: episodes then have no series;
     *                 it is not read when the wanted types leave out {@code tvEpisode}
     * @return true when both streams were read to their end; false when one was cut off or the sink stopped
     */
    public boolean readTitles(InputStream basics, String file, InputStream episodes, String episodeFile,
                              Set<String> titleTypes, RatingsIndex ratings, TitleSink sink)
            throws IOException, InvalidFileException, InterruptedException {
        // Without episodes among the wanted types, no row of title.episode is asked for: it is not read.
        boolean episodesWanted = titleTypes.isEmpty() || titleTypes.contains(EPISODE_TYPE);
        try (LineReader lines = new LineReader(basics, maxLineBytes);
             EpisodeLinks links = episodes == null || !episodesWanted ? null
                     : new EpisodeLinks(episodes, episodeFile, maxLineBytes, listener)) {
            TsvHeader header = TsvHeader.parse(file, lines.next(), TITLE_COLUMNS);
            BasicsColumns columns = new BasicsColumns(header);
            byte[][] wanted = titleTypes.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            int fieldCount = header.size();
            RowFilter filter = wanted.length == 0 ? line -> true
                    : line -> line.fieldCount() != fieldCount || line.fieldIn(columns.titleType, wanted);
            boolean complete = forEachRecord(lines, header, file, filter, fields -> columns.toTitle(fields, ratings, links),
                    TitleRecord::tconst, sink::accept);
            if (links != null && complete) {
                links.finish();
                return links.complete();
            }
            return complete;
        } catch (RejectedRowException e) {
            throw new InvalidFileException(file, "has an unreadable header line: " + e.getMessage());
        }
    }

    /**
     * Turns each kept row into a record and hands it on; a tconst listed twice is handed on again (keyed by
     * tconst, the later row replaces the earlier one downstream) and counted as a duplicate.
     */
    private <T> boolean forEachRecord(LineReader lines, TsvHeader header, String file, RowFilter filter,
                                      RowMapper<T> toRecord, Function<T, String> tconstOf, RecordSink<T> sink)
            throws IOException, InterruptedException {
        TconstSet seen = new TconstSet();
        return forEachRow(lines, header, file, filter, fields -> {
            T record = toRecord.map(fields);
            String tconst = tconstOf.apply(record);
            boolean duplicate = seen.add(tconst);
            boolean more = sink.accept(record);
            if (duplicate) {
                throw new RejectedRowException(RejectReason.DUPLICATE_TCONST, tconst + " listed twice, last row wins");
            }
            return more;
        });
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(String[] fields) throws RejectedRowException, InterruptedException, IOException;
    }

    @FunctionalInterface
    private interface RecordSink<T> {
        boolean accept(T record) throws InterruptedException, IOException;
    }

    /** @return false when the file was cut off before its end, or the handler stopped the read */
    private boolean forEachRow(LineReader lines, TsvHeader header, String file, RowFilter filter, RowHandler handler)
            throws IOException, InterruptedException {
        while (true) {
            String line;
            try {
                if (!lines.advance()) {
                    return true;
                }
                if (!filter.keep(lines)) {
                    listener.rowRead(file);
                    continue;
                }
                line = lines.text();
            } catch (RejectedRowException e) {
                listener.rowRead(file);
                listener.rejected(file, lines.lineNumber(), e.reason(), e.getMessage(), null);
                continue;
            } catch (EOFException e) {
                // A cut-off gzip: keep every row read so far, count the loss once.
                listener.rejected(file, lines.lineNumber() + 1, RejectReason.TRUNCATED_FILE,
                        "file ends before its gzip trailer: " + e.getMessage(), null);
                return false;
            }
            listener.rowRead(file);
            try {
                if (!handler.handle(header.split(line))) {
                    return false;
                }
            } catch (RejectedRowException e) {
                listener.rejected(file, lines.lineNumber(), e.reason(), e.getMessage(), line);
            }
        }
    }

    /** Decides on a line's bytes whether it is worth decoding. */
    @FunctionalInterface
    private interface RowFilter {
        boolean keep(LineReader line);
    }

    @FunctionalInterface
    private interface RowHandler {
        boolean handle(String[] fields) throws RejectedRowException, InterruptedException, IOException;
    }

    /**
     * Column positions of title.basics, looked up once from the header; isAdult and endYear are -1 in a
     * header without them, which only {@link #toTitle} needs (its caller requires them).
     */
    private static final class BasicsColumns {
        final int tconst;
        final int titleType;
        final int primaryTitle;
        final int originalTitle;
        final int adult;
        final int startYear;
        final int endYear;
        final int runtimeMinutes;
        final int genres;

        BasicsColumns(TsvHeader header) {
            tconst = header.indexOf("tconst");
            titleType = header.indexOf("titleType");
            primaryTitle = header.indexOf("primaryTitle");
            originalTitle = header.indexOf("originalTitle");
            adult = header.indexOf("isAdult");
            startYear = header.indexOf("startYear");
            endYear = header.indexOf("endYear");
            runtimeMinutes = header.indexOf("runtimeMinutes");
            genres = header.indexOf("genres");
        }

        TitleRecord toTitle(String[] fields, RatingsIndex ratings, EpisodeLinks links)
                throws RejectedRowException, IOException, InterruptedException {
            String id = Fields.tconst(fields[tconst]);
            String type = Fields.text(fields[titleType]);
            boolean isAdult = Fields.adult(fields[adult]);
            Integer start = Fields.year(fields[startYear]);
            Integer end = Fields.year(fields[endYear]);
            Integer runtime = Fields.runtime(fields[runtimeMinutes]);
            int slot = ratings.find(id);
            Double averageRating = slot < 0 ? null : ratings.ratingAt(slot);
            Long numVotes = slot < 0 ? null : (long) ratings.votesAt(slot);
            EpisodeLinks.Link link = links != null && EPISODE_TYPE.equals(type) ? links.find(id) : null;
            String primary = Fields.text(fields[primaryTitle]);
            return new TitleRecord(id, type == null ? "" : type, primary == null ? "" : primary,
                    Fields.text(fields[originalTitle]), isAdult, start, end, runtime, Fields.genres(fields[genres]),
                    averageRating, numVotes, link == null ? null : link.parentTconst(),
                    link == null ? null : link.season(), link == null ? null : link.episode());
        }

        Movie toMovie(String[] fields, RatingsIndex ratings) throws RejectedRowException {
            String id = Fields.tconst(fields[tconst]);
            Integer year = Fields.year(fields[startYear]);
            Integer runtime = Fields.runtime(fields[runtimeMinutes]);
            int slot = ratings.find(id);
            Double averageRating = slot < 0 ? null : ratings.ratingAt(slot);
            Long numVotes = slot < 0 ? null : (long) ratings.votesAt(slot);
            return new Movie(id, Fields.text(fields[primaryTitle]), Fields.text(fields[originalTitle]),
                    year, runtime, Fields.genres(fields[genres]), averageRating, numVotes);
        }
    }
}
