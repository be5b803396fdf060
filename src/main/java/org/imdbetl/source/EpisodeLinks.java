package org.imdbetl.source;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import org.imdbetl.domain.Tconst;

/**
 * title.episode joined to title.basics as both are read, without holding the file: rows are taken
 * in the order basics asks for them. Both files list titles in the same order, but that order is
 * either text (tt10000000 before tt9999999, as IMDb writes) or number (as the generator writes); inside
 * one digit count the two agree, so the rows wait in one queue per digit count and each queue is read
 * in ascending order. A row nobody asks for is counted as {@link RejectReason#UNMATCHED_EPISODE}.
 */
final class EpisodeLinks implements Closeable {

    static final List<String> COLUMNS = List.of("tconst", "parentTconst", "seasonNumber", "episodeNumber");
    /** Rows read ahead at most; beyond it the file is not in the order of title.basics and the eldest go. */
    static final int MAX_WAITING = 1 << 20;

    /** An episode's series and numbers, as title.episode gives them. */
    record Link(long number, String tconst, String parentTconst, Integer season, Integer episode, long line) {
    }

    private final LineReader lines;
    private final String file;
    private final RowListener listener;
    private final TsvHeader header;
    private final int tconst;
    private final int parent;
    private final int season;
    private final int episode;
    /** One queue per digit count, indexed by the count (the low nibble of {@link Tconst#number}). */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Link>[] waiting = new ArrayDeque[16];
    private int waitingCount;
    private boolean ended;
    private boolean complete = true;

    EpisodeLinks(InputStream tsv, String file, int maxLineBytes, RowListener listener)
            throws IOException, InvalidFileException {
        this.lines = new LineReader(tsv, maxLineBytes);
        this.file = file;
        this.listener = listener;
        try {
            this.header = TsvHeader.parse(file, lines.next(), COLUMNS);
        } catch (RejectedRowException e) {
            throw new InvalidFileException(file, "has an unreadable header line: " + e.getMessage());
        }
        tconst = header.indexOf("tconst");
        parent = header.indexOf("parentTconst");
        season = header.indexOf("seasonNumber");
        episode = header.indexOf("episodeNumber");
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new ArrayDeque<>();
        }
    }

    /**
     * The link of an episode of title.basics; call it for every episode in the file's order.
     *
     * @return null when title.episode has no row for it
     */
    Link find(String title) throws IOException, InterruptedException {
        long number = Tconst.number(title);
        ArrayDeque<Link> queue = waiting[digits(number)];
        while (true) {
            while (!queue.isEmpty() && queue.peekFirst().number() < number) {
                unmatched(queue.pollFirst());
            }
            if (!queue.isEmpty()) {
                if (queue.peekFirst().number() == number) {
                    waitingCount--;
                    return queue.pollFirst();
                }
                return null;
            }
            if (!readOne()) {
                return null;
            }
        }
    }

    /** Counts every row nobody asked for; call it once title.basics was read to its end. */
    void finish() throws IOException, InterruptedException {
        while (readOne()) {
            // Drains the file so its rows are counted.
        }
        for (ArrayDeque<Link> queue : waiting) {
            while (!queue.isEmpty()) {
                unmatched(queue.pollFirst());
            }
        }
    }

    /** False when the file ended before its gzip trailer: its last links are missing. */
    boolean complete() {
        return complete;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** @return false at the end of the file */
    private boolean readOne() throws IOException, InterruptedException {
        while (!ended) {
            String line;
            try {
                if (!lines.advance()) {
                    ended = true;
                    return false;
                }
                line = lines.text();
            } catch (RejectedRowException e) {
                listener.rowRead(file);
                listener.rejected(file, lines.lineNumber(), e.reason(), e.getMessage(), null);
                continue;
            } catch (EOFException e) {
                listener.rejected(file, lines.lineNumber() + 1, RejectReason.TRUNCATED_FILE,
                        "file ends before its gzip trailer: " + e.getMessage(), null);
                ended = true;
                complete = false;
                return false;
            }
            listener.rowRead(file);
            try {
                String[] fields = header.split(line);
                String id = Fields.tconst(fields[tconst]);
                String series = Fields.tconst(fields[parent]);
                Link link = new Link(Tconst.number(id), id, series,
                        Fields.number(fields[season], RejectReason.INVALID_EPISODE_NUMBER, "seasonNumber"),
                        Fields.number(fields[episode], RejectReason.INVALID_EPISODE_NUMBER, "episodeNumber"),
                        lines.lineNumber());
                ArrayDeque<Link> queue = waiting[digits(link.number())];
                if (!queue.isEmpty() && queue.peekLast().number() >= link.number()) {
                    throw new RejectedRowException(RejectReason.UNMATCHED_EPISODE, id + " is out of order");
                }
                queue.addLast(link);
                if (++waitingCount > MAX_WAITING) {
                    dropEldest();
                }
                return true;
            } catch (RejectedRowException e) {
                listener.rejected(file, lines.lineNumber(), e.reason(), e.getMessage(), line);
            }
        }
        return false;
    }

    private void dropEldest() {
        ArrayDeque<Link> longest = waiting[0];
        for (ArrayDeque<Link> queue : waiting) {
            if (queue.size() > longest.size()) {
                longest = queue;
            }
        }
        unmatched(longest.pollFirst());
    }

    private void unmatched(Link link) {
        waitingCount--;
        listener.rejected(file, link.line(), RejectReason.UNMATCHED_EPISODE,
                link.tconst() + " is not an episode of title.basics (or not in its order)", null);
    }

    private static int digits(long number) {
        return (int) (number & 0xF);
    }
}
