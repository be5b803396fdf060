package org.imdbetl.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.Tconst;
import org.imdbetl.domain.TitleRecord;

/**
 * The catalogue topic's value: Avro's single-object encoding of {@link #SCHEMA} (two marker bytes, the
 * schema's 8-byte fingerprint, then Avro binary), so any Avro reader given the schema reads the topic,
 * and a reader refuses a fingerprint it does not know. Written and read field by field, without a
 * GenericRecord in between; chosen over JSON and a hand-made format in bench/ENCODING.md. The tconst is
 * the record's key, not in the value.
 */
public final class TitleRecordCodec {

    /** Version 1 of the title record. A new version gets a new schema; readers keep the old ones to resolve. */
    public static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "TitleRecord", "namespace": "org.imdbetl.catalogue",
             "doc": "One IMDb title: its title.basics row, its title.ratings row, its title.episode row. Key: the tconst.",
             "fields": [
              {"name": "titleType", "type": "string"},
              {"name": "primaryTitle", "type": "string"},
              {"name": "originalTitle", "type": ["null", "string"], "default": null, "doc": "null when it is the primary title"},
              {"name": "isAdult", "type": "boolean"},
              {"name": "startYear", "type": ["null", "int"], "default": null},
              {"name": "endYear", "type": ["null", "int"], "default": null},
              {"name": "runtimeMinutes", "type": ["null", "int"], "default": null},
              {"name": "genres", "type": {"type": "array", "items": "string"}},
              {"name": "averageRatingTenths", "type": ["null", "int"], "default": null, "doc": "73 for 7.3"},
              {"name": "numVotes", "type": ["null", "long"], "default": null},
              {"name": "parentTconst", "type": ["null", "string"], "default": null, "doc": "an episode's series"},
              {"name": "seasonNumber", "type": ["null", "int"], "default": null},
              {"name": "episodeNumber", "type": ["null", "int"], "default": null}
             ]}""");
    static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);
    private static final byte MARKER_1 = (byte) 0xC3;
    private static final byte MARKER_2 = 0x01;
    static final int HEADER_BYTES = 10;
    /** Longer values are refused before anything is allocated: IMDb's longest title is a few hundred bytes. */
    static final int MAX_STRING_BYTES = 4096;
    private static final int MAX_GENRES = 16;
    private static final int NULL = 0;
    private static final int PRESENT = 1;

    private TitleRecordCodec() {
    }

    public static byte[] encode(TitleRecord title) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        bytes.write(MARKER_1);
        bytes.write(MARKER_2);
        long fingerprint = FINGERPRINT;
        for (int i = 0; i < Long.BYTES; i++) {
            bytes.write((int) (fingerprint >>> (8 * i)));
        }
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            out.writeString(title.titleType());
            out.writeString(title.primaryTitle());
            boolean original = !title.originalTitle().equals(title.primaryTitle());
            out.writeIndex(original ? PRESENT : NULL);
            if (original) {
                out.writeString(title.originalTitle());
            }
            out.writeBoolean(title.adult());
            writeInt(out, title.startYear());
            writeInt(out, title.endYear());
            writeInt(out, title.runtimeMinutes());
            out.writeArrayStart();
            out.setItemCount(title.genres().size());
            for (String genre : title.genres()) {
                out.startItem();
                out.writeString(genre);
            }
            out.writeArrayEnd();
            writeInt(out, title.rated() ? (Integer) (int) Math.round(title.averageRating() * 10) : null);
            out.writeIndex(title.rated() ? PRESENT : NULL);
            if (title.rated()) {
                out.writeLong(title.numVotes());
            }
            out.writeIndex(title.parentTconst() == null ? NULL : PRESENT);
            if (title.parentTconst() != null) {
                out.writeString(title.parentTconst());
            }
            writeInt(out, title.seasonNumber());
            writeInt(out, title.episodeNumber());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws InvalidRecordException {@code UNKNOWN_VERSION} for another schema (or not the single-object
     *                                encoding), {@code MALFORMED} for a value cut short or out of range
     */
    public static TitleRecord decode(String tconst, byte[] value) throws InvalidRecordException {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(Reason.EMPTY, "no value");
        }
        if (value.length < HEADER_BYTES || value[0] != MARKER_1 || value[1] != MARKER_2) {
            throw new InvalidRecordException(Reason.UNKNOWN_VERSION,
                    "not an Avro single-object encoded title record (no C3 01 marker)");
        }
        long fingerprint = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            fingerprint = fingerprint << 8 | (value[2 + i] & 0xFF);
        }
        if (fingerprint != FINGERPRINT) {
            throw new InvalidRecordException(Reason.UNKNOWN_VERSION, "title record of schema fingerprint "
                    + Long.toHexString(fingerprint) + "; this build reads " + Long.toHexString(FINGERPRINT));
        }
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, HEADER_BYTES, value.length - HEADER_BYTES, null);
        try {
            String type = readString(in);
            String primary = readString(in);
            String original = isPresent(in) ? readString(in) : primary;
            boolean adult = in.readBoolean();
            Integer start = readInt(in);
            Integer end = readInt(in);
            Integer runtime = readInt(in);
            List<String> genres = new ArrayList<>(3);
            for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
                if (block < 0 || genres.size() + block > MAX_GENRES) {
                    throw malformed("more than " + MAX_GENRES + " genres");
                }
                for (long i = 0; i < block; i++) {
                    genres.add(readString(in));
                }
            }
            Integer tenths = readInt(in);
            Long votes = isPresent(in) ? in.readLong() : null;
            String parent = isPresent(in) ? readString(in) : null;
            Integer season = readInt(in);
            Integer episode = readInt(in);
            if (!in.isEnd()) {
                throw malformed("bytes left over after the last field");
            }
            if ((tenths == null) != (votes == null) || tenths != null && (tenths < 10 || tenths > 100)) {
                throw malformed("rating " + tenths + " with votes " + votes);
            }
            if (parent != null && !Tconst.isValid(parent)) {
                throw malformed("parentTconst is not a tconst");
            }
            if (!Tconst.isValid(tconst)) {
                throw new InvalidRecordException(Reason.NO_TCONST, "key is not a tconst");
            }
            return new TitleRecord(tconst, type, primary, original, adult, start, end, runtime, genres,
                    tenths == null ? null : tenths / 10.0, votes, parent, season, episode);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw malformed("cut short or damaged (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void writeInt(BinaryEncoder out, Integer value) throws IOException {
        out.writeIndex(value == null ? NULL : PRESENT);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static boolean isPresent(BinaryDecoder in) throws IOException, InvalidRecordException {
        int index = in.readIndex();
        if (index != NULL && index != PRESENT) {
            throw malformed("union branch " + index);
        }
        return index == PRESENT;
    }

    private static Integer readInt(BinaryDecoder in) throws IOException, InvalidRecordException {
        return isPresent(in) ? in.readInt() : null;
    }

    private static String readString(BinaryDecoder in) throws IOException, InvalidRecordException {
        long length = in.readLong();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw malformed("string of " + length + " bytes");
        }
        byte[] utf8 = new byte[(int) length];
        in.readFixed(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static InvalidRecordException malformed(String detail) {
        return new InvalidRecordException(Reason.MALFORMED, "title record: " + detail);
    }
}
