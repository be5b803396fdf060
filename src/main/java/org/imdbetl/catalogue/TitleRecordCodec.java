package org.imdbetl.catalogue;

import org.imdbetl.domain.TitleRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.Tconst;

/**
 * The catalogue topic's value, version 1: a version byte, a varint of flags saying which fields are
 * present, then the present fields (varints, length-prefixed UTF-8, known types and genres as one
 * byte). The tconst is the record's key, not in the value; the layout is in docs/catalogue.md. Written
 * by hand: against JSON and Avro it was the smallest and the cheapest per title in the catalogue's own
 * load and refresh (bench/ENCODING.md, bench/CATALOGUE.md). A reader refuses a version it does not know.
 */
public final class TitleRecordCodec {

    public static final byte VERSION = 1;
    /** Longer values are refused: IMDb's longest title is a few hundred bytes. */
    static final int MAX_STRING_BYTES = 4096;
    private static final int MAX_GENRES = 16;

    private static final int ADULT = 1;
    private static final int ORIGINAL = 1 << 1;
    private static final int START_YEAR = 1 << 2;
    private static final int END_YEAR = 1 << 3;
    private static final int RUNTIME = 1 << 4;
    private static final int GENRES = 1 << 5;
    private static final int RATING = 1 << 6;
    private static final int PARENT = 1 << 7;
    private static final int SEASON = 1 << 8;
    private static final int EPISODE = 1 << 9;
    private static final int KNOWN_FLAGS = (1 << 10) - 1;

    /** Codes 1..n: a value outside the table is code 0 followed by its text, so new values need no new version. */
    static final List<String> TYPES = List.of("movie", "short", "tvEpisode", "tvSeries", "tvMiniSeries", "tvMovie",
            "tvSpecial", "tvShort", "video", "videoGame", "tvPilot");
    static final List<String> KNOWN_GENRES = List.of("Action", "Adult", "Adventure", "Animation", "Biography",
            "Comedy", "Crime", "Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "Game-Show", "History",
            "Horror", "Music", "Musical", "Mystery", "News", "Reality-TV", "Romance", "Sci-Fi", "Short", "Sport",
            "Talk-Show", "Thriller", "War", "Western");

    private TitleRecordCodec() {
    }

    public static byte[] encode(TitleRecord title) {
        Writer out = new Writer();
        out.bytes[out.size++] = VERSION;
        int flags = (title.adult() ? ADULT : 0)
                | (title.originalTitle() != null && !title.originalTitle().equals(title.primaryTitle()) ? ORIGINAL : 0)
                | (title.startYear() != null ? START_YEAR : 0)
                | (title.endYear() != null ? END_YEAR : 0)
                | (title.runtimeMinutes() != null ? RUNTIME : 0)
                | (title.genres().isEmpty() ? 0 : GENRES)
                | (title.rated() ? RATING : 0)
                | (title.parentTconst() != null ? PARENT : 0)
                | (title.seasonNumber() != null ? SEASON : 0)
                | (title.episodeNumber() != null ? EPISODE : 0);
        out.varint(flags);
        out.coded(TYPES, title.titleType());
        out.string(title.primaryTitle());
        if ((flags & ORIGINAL) != 0) {
            out.string(title.originalTitle());
        }
        if ((flags & START_YEAR) != 0) {
            out.varint(title.startYear());
        }
        if ((flags & END_YEAR) != 0) {
            out.varint(title.endYear());
        }
        if ((flags & RUNTIME) != 0) {
            out.varint(title.runtimeMinutes());
        }
        if ((flags & GENRES) != 0) {
            out.varint(title.genres().size());
            for (String genre : title.genres()) {
                out.coded(KNOWN_GENRES, genre);
            }
        }
        if ((flags & RATING) != 0) {
            out.varint((int) Math.round(title.averageRating() * 10));
            out.varint(title.numVotes());
        }
        if ((flags & PARENT) != 0) {
            out.varint(TitleKey.of(title.parentTconst()));
        }
        if ((flags & SEASON) != 0) {
            out.varint(title.seasonNumber());
        }
        if ((flags & EPISODE) != 0) {
            out.varint(title.episodeNumber());
        }
        return Arrays.copyOf(out.bytes, out.size);
    }

    /**
     * @throws InvalidRecordException {@code UNKNOWN_VERSION} for a version this build does not read,
     *                                {@code MALFORMED} for a value cut short or out of range
     */
    public static TitleRecord decode(String tconst, byte[] value) throws InvalidRecordException {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(Reason.EMPTY, "no value");
        }
        if (value[0] != VERSION) {
            throw new InvalidRecordException(Reason.UNKNOWN_VERSION,
                    "title record format version " + value[0] + "; this build reads version " + VERSION);
        }
        Reader in = new Reader(value);
        try {
            int flags = in.varint();
            if ((flags & ~KNOWN_FLAGS) != 0) {
                throw in.malformed("unknown flags " + Integer.toBinaryString(flags));
            }
            String type = in.coded(TYPES);
            String primary = in.string();
            String original = (flags & ORIGINAL) != 0 ? in.string() : primary;
            Integer start = (flags & START_YEAR) != 0 ? in.varint() : null;
            Integer end = (flags & END_YEAR) != 0 ? in.varint() : null;
            Integer runtime = (flags & RUNTIME) != 0 ? in.varint() : null;
            List<String> genres = List.of();
            if ((flags & GENRES) != 0) {
                int count = in.varint();
                if (count > MAX_GENRES) {
                    throw in.malformed(count + " genres");
                }
                List<String> read = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    read.add(in.coded(KNOWN_GENRES));
                }
                genres = read;
            }
            Double rating = null;
            Long votes = null;
            if ((flags & RATING) != 0) {
                rating = in.varint() / 10.0;
                votes = in.varlong();
            }
            String parent = null;
            if ((flags & PARENT) != 0) {
                long key = in.varlong();
                int digits = TitleKey.digits(key);
                if (digits < TitleKey.MIN_DIGITS || digits > TitleKey.MAX_DIGITS) {
                    throw in.malformed("parent key " + key);
                }
                parent = TitleKey.tconst(key);
            }
            Integer season = (flags & SEASON) != 0 ? in.varint() : null;
            Integer episode = (flags & EPISODE) != 0 ? in.varint() : null;
            if (in.position != value.length) {
                throw in.malformed((value.length - in.position) + " bytes left over");
            }
            if (!Tconst.isValid(tconst)) {
                throw new InvalidRecordException(Reason.NO_TCONST, "key is not a tconst");
            }
            return new TitleRecord(tconst, type, primary, original, (flags & ADULT) != 0, start, end, runtime,
                    genres, rating, votes, parent, season, episode);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new InvalidRecordException(Reason.MALFORMED, "title record cut short at byte " + value.length);
        }
    }

    private static final class Writer {
        byte[] bytes = new byte[128];
        int size;

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void coded(List<String> table, String value) {
            int code = table.indexOf(value);
            varint(code + 1);
            if (code < 0) {
                string(value);
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static final class Reader {
        final byte[] bytes;
        int position = 1;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varlong() throws InvalidRecordException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw malformed("varint longer than 10 bytes");
        }

        int varint() throws InvalidRecordException {
            long value = varlong();
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw malformed("number " + value + " out of range");
            }
            return (int) value;
        }

        String string() throws InvalidRecordException {
            int length = varint();
            if (length > MAX_STRING_BYTES || position + length > bytes.length) {
                throw malformed("string of " + length + " bytes");
            }
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        String coded(List<String> table) throws InvalidRecordException {
            int code = varint();
            if (code == 0) {
                return string();
            }
            if (code > table.size()) {
                throw malformed("code " + code);
            }
            return table.get(code - 1);
        }

        InvalidRecordException malformed(String detail) {
            return new InvalidRecordException(Reason.MALFORMED, "title record: " + detail + " at byte " + position);
        }
    }
}
