package org.imdbetl.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.luben.zstd.Zstd;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Measures the Kafka value encoding of a catalogue title (every IMDb title, not only movies): JSON
 * through Jackson as the service writes movies today, Avro binary, and a hand-written compact binary.
 * Per encoding: bytes per record, the whole set's size compressed in Kafka-like batches (lz4, zstd),
 * encode and decode time and allocation per record, single thread, median of alternating rounds after
 * warm-up. Reads a DumpGenerator dump (title.episode.tsv.gz if there, else derived episode fields).
 * Prints its report and writes it to target/record-encoding-bench.md; bench/ENCODING.md has results.
 *
 * <pre>bench/program.sh RecordEncodingBench -Dbench.dir=DIR [-Dbench.titles=0 (all)] [-Dbench.rounds=5] [-Dbench.warmup=2]</pre>
 *
 * <p>All encoders start from the same {@link Title} and all decoders fill the same reused
 * {@link Fields}, every field, so the rows differ only in the encoding; a pass before the timed rounds
 * checks each decoder gives back exactly what was encoded.
 */
public final class RecordEncodingBench {

    static final Path REPORT = Path.of("target/record-encoding-bench.md");
    static final int FORMAT_VERSION = 1;
    static final String NULL = "\\N";
    /** Title types; a type's code is its index, in Avro's enum and in the compact form. */
    static final List<String> TYPES = List.of("movie", "short", "tvEpisode", "tvSeries", "tvMiniSeries", "tvMovie",
            "tvSpecial", "tvShort", "tvPilot", "video", "videoGame", "other");
    static final int OTHER_TYPE = TYPES.size() - 1;
    private static final Map<String, Integer> TYPE_CODES = new HashMap<>();
    private static final int[] BATCH_BYTES = {16 * 1024, 1024 * 1024};
    /** Kafka's default zstd level. */
    private static final int ZSTD_LEVEL = 3;
    private static final int NONE = -1;
    /** Records encoded, then decoded, at a time in the timed rounds. */
    private static final int CHUNK = 4096;
    private static final long DERIVE_SEED = 20_261_207L;
    private static final Pattern EPISODE_TITLE = Pattern.compile("Episode #(\\d{1,4})\\.(\\d{1,5})");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        for (int i = 0; i < TYPES.size(); i++) {
            TYPE_CODES.put(TYPES.get(i), i);
        }
    }

    /** A catalogue title as the producer has it after joining basics, ratings and episode rows. */
    public record Title(
            int formatVersion,
            String tconst,
            String titleType,
            String primaryTitle,
            String originalTitle,
            @JsonProperty("isAdult") boolean isAdult,
            Integer startYear,
            Integer endYear,
            Integer runtimeMinutes,
            List<String> genres,
            Double averageRating,
            Integer numVotes,
            String parentTconst,
            Integer seasonNumber,
            Integer episodeNumber) {
    }

    /** Where a decoder puts every field of a record; reused from record to record. -1 stands for null. */
    static final class Fields {
        int version;
        int tconst;
        int type;
        String primaryTitle;
        String originalTitle;
        boolean adult;
        int startYear;
        int endYear;
        int runtime;
        final List<String> genres = new ArrayList<>(4);
        /** Tenths of a point: 85 for 8.5. */
        int rating10;
        int votes;
        int parent;
        int season;
        int episode;

        void clear() {
            version = tconst = type = startYear = endYear = runtime = rating10 = votes = parent = season = episode = NONE;
            primaryTitle = originalTitle = null;
            adult = false;
            genres.clear();
        }

        void of(Title t) {
            clear();
            version = t.formatVersion();
            tconst = tconstNumber(t.tconst());
            type = typeCode(t.titleType());
            primaryTitle = t.primaryTitle();
            originalTitle = t.originalTitle();
            adult = t.isAdult();
            startYear = orNone(t.startYear());
            endYear = orNone(t.endYear());
            runtime = orNone(t.runtimeMinutes());
            genres.addAll(t.genres());
            rating10 = t.averageRating() == null ? NONE : tenths(t.averageRating());
            votes = orNone(t.numVotes());
            parent = t.parentTconst() == null ? NONE : tconstNumber(t.parentTconst());
            season = orNone(t.seasonNumber());
            episode = orNone(t.episodeNumber());
        }

        /** Folds the fields into a number, so that no decoded field is dead code to the JIT. */
        long fold() {
            return version + tconst + type + primaryTitle.length() + (originalTitle == null ? 0 : originalTitle.length())
                    + (adult ? 1 : 0) + startYear + endYear + runtime + genres.size() + rating10 + votes + parent + season
                    + episode;
        }

        @Override
        public String toString() {
            return Arrays.asList(version, tconst, type, primaryTitle, originalTitle, adult, startYear, endYear, runtime,
                    genres, rating10, votes, parent, season, episode).toString();
        }
    }

    /** One way to write a title and read it back. */
    interface Codec {
        String name();

        byte[] encode(Title title) throws IOException;

        void decode(byte[] value, Fields into) throws IOException;
    }

    private final Path dumpDir;
    private final int maxTitles;
    private final int warmup;
    private final int rounds;
    private final PrintStream out;
    private final StringBuilder report = new StringBuilder();
    private long sink;

    RecordEncodingBench(Path dumpDir, int maxTitles, int warmup, int rounds, PrintStream out) {
        this.dumpDir = dumpDir;
        this.maxTitles = maxTitles <= 0 ? Integer.MAX_VALUE : maxTitles;
        this.warmup = warmup;
        this.rounds = rounds;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String dir = System.getProperty("bench.dir");
        if (dir == null) {
            System.err.println("usage: bench/program.sh RecordEncodingBench -Dbench.dir=DIR [-Dbench.titles=N]"
                    + " [-Dbench.rounds=5] [-Dbench.warmup=2]   (DIR from bench/generate.sh 0.1 DIR)");
            System.exit(2);
        }
        new RecordEncodingBench(Path.of(dir), Integer.getInteger("bench.titles", 0), Integer.getInteger("bench.warmup", 2),
                Integer.getInteger("bench.rounds", 5), System.out).run(REPORT);
    }

    void run(Path reportFile) throws IOException {
        Loaded loaded = load();
        Title[] titles = loaded.titles();
        List<Codec> codecs = List.of(new JsonCodec(false, true), new JsonCodec(false, false), new JsonCodec(true, false),
                new AvroCodec(), new AvroGenericCodec(), new CompactCodec());
        line("# Catalogue record encoding: JSON, Avro, compact binary");
        line("");
        line(String.format(Locale.ROOT, "%,d titles from %s (%s), %.0f%% tvEpisode; episode fields from %s. One thread, %d"
                        + " warm-up and %d measured rounds, codecs alternating; medians. %s, %d cores, -Xmx%dm.",
                titles.length, dumpDir, String.join(" + ", loaded.files()), 100.0 * loaded.episodes() / titles.length,
                loaded.episodeSource(), warmup, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        line("");

        Map<Codec, long[][]> samples = new HashMap<>();
        Map<Codec, long[]> sizes = new HashMap<>();
        for (Codec codec : codecs) {
            sizes.put(codec, checkAndSize(codec, titles));
        }
        byte[][] values = new byte[CHUNK][];
        Fields fields = new Fields();
        for (int round = 0; round < warmup + rounds; round++) {
            for (int k = 0; k < codecs.size(); k++) {
                // A different codec goes first each round, so no codec always runs right after the same one.
                Codec codec = codecs.get((k + round) % codecs.size());
                long[] totals = new long[4];
                // Chunk by chunk, so that values live briefly, as in a producer and a consumer. Thread CPU time,
                // not wall time: on a shared machine other processes' load would otherwise count.
                for (int from = 0; from < titles.length; from += CHUNK) {
                    int count = Math.min(CHUNK, titles.length - from);
                    long allocated = THREADS.getCurrentThreadAllocatedBytes();
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        values[i] = codec.encode(titles[from + i]);
                    }
                    long encoded = THREADS.getCurrentThreadCpuTime();
                    long encodedAllocated = THREADS.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < count; i++) {
                        fields.clear();
                        codec.decode(values[i], fields);
                        sink += fields.fold();
                    }
                    totals[0] += encoded - start;
                    totals[1] += encodedAllocated - allocated;
                    totals[2] += THREADS.getCurrentThreadCpuTime() - encoded;
                    totals[3] += THREADS.getCurrentThreadAllocatedBytes() - encodedAllocated;
                }
                if (round >= warmup) {
                    long[][] s = samples.computeIfAbsent(codec, c -> new long[4][rounds]);
                    for (int m = 0; m < 4; m++) {
                        s[m][round - warmup] = totals[m];
                    }
                }
            }
        }

        int n = titles.length;
        line("| encoding | value B/record | lz4 16 KiB | zstd 16 KiB | lz4 1 MiB | zstd 1 MiB | encode CPU ns/record |"
                + " encode B alloc/record | decode CPU ns/record | decode B alloc/record |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Codec codec : codecs) {
            long[] size = sizes.get(codec);
            long[][] s = samples.get(codec);
            line(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.0f |", codec.name(),
                    (double) size[0] / n, compressed(size[1], n), compressed(size[2], n), compressed(size[3], n),
                    compressed(size[4], n), median(s[0]) / n, median(s[1]) / n, median(s[2]) / n, median(s[3]) / n));
        }
        line("");
        line("Compressed columns: bytes per record (MB for the whole set) after concatenating the values, each behind"
                + " its length as a varint, into batches of at most that size and compressing each batch (lz4 frame with"
                + " 64 KiB blocks as Kafka's lz4; zstd level " + ZSTD_LEVEL + "). Encode allocation includes the returned"
                + " byte[]. Every decoder was checked field by field against its input before the timed rounds.");
        line("");
        line("Timed rounds encode " + CHUNK + " titles, then decode them, and so on through the set. (checksum "
                + Long.toHexString(sink) + ")");
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report);
    }

    private void line(String text) {
        report.append(text).append('\n');
        out.println(text);
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static String compressed(long bytes, int n) {
        return String.format(Locale.ROOT, "%.1f (%.1f)", (double) bytes / n, bytes / 1e6);
    }

    /**
     * Encodes every title, checks that the codec decodes it back field by field, and returns the total
     * value bytes, then the set's compressed size for lz4 and zstd at each batch size.
     */
    private static long[] checkAndSize(Codec codec, Title[] titles) throws IOException {
        long[] sizes = new long[1 + 2 * BATCH_BYTES.length];
        Sink[] batches = new Sink[BATCH_BYTES.length];
        for (int b = 0; b < BATCH_BYTES.length; b++) {
            batches[b] = new Sink(BATCH_BYTES[b] + 16);
        }
        Fields fields = new Fields();
        Fields expected = new Fields();
        for (Title title : titles) {
            byte[] value = codec.encode(title);
            expected.of(title);
            fields.clear();
            codec.decode(value, fields);
            if (!fields.toString().equals(expected.toString())) {
                throw new IllegalStateException(codec.name() + " decoded " + title.tconst() + " as " + fields + ", not "
                        + expected);
            }
            sizes[0] += value.length;
            for (int b = 0; b < BATCH_BYTES.length; b++) {
                Sink batch = batches[b];
                if (batch.pos > 0 && batch.pos + value.length + 5 > BATCH_BYTES[b]) {
                    compress(batch, sizes, b);
                }
                batch.varint(value.length);
                batch.bytes(value, 0, value.length);
            }
        }
        for (int b = 0; b < BATCH_BYTES.length; b++) {
            compress(batches[b], sizes, b);
        }
        return sizes;
    }

    private static void compress(Sink batch, long[] sizes, int b) throws IOException {
        if (batch.pos > 0) {
            sizes[1 + 2 * b] += lz4(batch.buf, batch.pos);
            sizes[2 + 2 * b] += zstd(batch.buf, batch.pos);
            batch.pos = 0;
        }
    }

    private static long lz4(byte[] batch, int length) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(length / 2 + 64);
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(compressed, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            lz4.write(batch, 0, length);
        }
        return compressed.size();
    }

    private static long zstd(byte[] batch, int length) {
        byte[] dst = new byte[(int) Zstd.compressBound(length)];
        long written = Zstd.compressByteArray(dst, 0, dst.length, batch, 0, length, ZSTD_LEVEL);
        if (Zstd.isError(written)) {
            throw new IllegalStateException("zstd: " + Zstd.getErrorName(written));
        }
        return written;
    }

    // ---- the codecs ----

    /** JSON through Jackson as MovieJson writes a movie: an ObjectWriter for the record class. */
    static final class JsonCodec implements Codec {
        private final boolean omitNulls;
        private final boolean tree;
        private final ObjectWriter writer;
        private final ObjectReader reader;
        private final JsonFactory factory;

        JsonCodec(boolean omitNulls, boolean tree) {
            JsonMapper.Builder builder = JsonMapper.builder();
            if (omitNulls) {
                builder.serializationInclusion(JsonInclude.Include.NON_NULL);
            }
            JsonMapper mapper = builder.build();
            this.omitNulls = omitNulls;
            this.tree = tree;
            this.writer = mapper.writerFor(Title.class);
            this.reader = mapper.reader();
            this.factory = mapper.getFactory();
        }

        @Override
        public String name() {
            return "JSON" + (omitNulls ? " without nulls" : "") + ", Jackson ObjectWriter; "
                    + (tree ? "readTree (as MovieJson)" : "JsonParser into fields");
        }

        @Override
        public byte[] encode(Title title) throws IOException {
            return writer.writeValueAsBytes(title);
        }

        @Override
        public void decode(byte[] value, Fields into) throws IOException {
            if (tree) {
                fromTree(reader.readTree(value), into);
            } else {
                try (JsonParser parser = factory.createParser(value)) {
                    fromParser(parser, into);
                }
            }
        }

        private static void fromTree(JsonNode node, Fields into) {
            into.version = node.get("formatVersion").asInt();
            into.tconst = tconstNumber(node.get("tconst").asText());
            into.type = typeCode(node.get("titleType").asText());
            into.primaryTitle = node.get("primaryTitle").asText();
            JsonNode original = node.get("originalTitle");
            into.originalTitle = original == null || original.isNull() ? null : original.asText();
            JsonNode adult = node.get("isAdult");
            into.adult = adult != null && adult.asBoolean();
            into.startYear = intOrNone(node.get("startYear"));
            into.endYear = intOrNone(node.get("endYear"));
            into.runtime = intOrNone(node.get("runtimeMinutes"));
            JsonNode genres = node.get("genres");
            if (genres != null) {
                for (JsonNode genre : genres) {
                    into.genres.add(genre.asText());
                }
            }
            JsonNode rating = node.get("averageRating");
            into.rating10 = rating == null || rating.isNull() ? NONE : tenths(rating.asDouble());
            into.votes = intOrNone(node.get("numVotes"));
            JsonNode parent = node.get("parentTconst");
            into.parent = parent == null || parent.isNull() ? NONE : tconstNumber(parent.asText());
            into.season = intOrNone(node.get("seasonNumber"));
            into.episode = intOrNone(node.get("episodeNumber"));
        }

        private static int intOrNone(JsonNode value) {
            return value == null || value.isNull() ? NONE : value.asInt();
        }

        private static void fromParser(JsonParser parser, Fields into) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                boolean isNull = token == JsonToken.VALUE_NULL;
                switch (name) {
                    case "formatVersion" -> into.version = parser.getIntValue();
                    case "tconst" -> into.tconst = tconstNumber(parser.getText());
                    case "titleType" -> into.type = typeCode(parser.getText());
                    case "primaryTitle" -> into.primaryTitle = parser.getText();
                    case "originalTitle" -> into.originalTitle = isNull ? null : parser.getText();
                    case "isAdult" -> into.adult = token == JsonToken.VALUE_TRUE;
                    case "startYear" -> into.startYear = isNull ? NONE : parser.getIntValue();
                    case "endYear" -> into.endYear = isNull ? NONE : parser.getIntValue();
                    case "runtimeMinutes" -> into.runtime = isNull ? NONE : parser.getIntValue();
                    case "genres" -> {
                        if (!isNull) {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                into.genres.add(parser.getText());
                            }
                        }
                    }
                    case "averageRating" -> into.rating10 = isNull ? NONE : tenths(parser.getDoubleValue());
                    case "numVotes" -> into.votes = isNull ? NONE : parser.getIntValue();
                    case "parentTconst" -> into.parent = isNull ? NONE : tconstNumber(parser.getText());
                    case "seasonNumber" -> into.season = isNull ? NONE : parser.getIntValue();
                    case "episodeNumber" -> into.episode = isNull ? NONE : parser.getIntValue();
                    default -> parser.skipChildren(); // a newer writer's field: ignored
                }
            }
        }
    }

    /** The Avro schema of a catalogue title, version 1. tconst and parentTconst are the numbers after "tt". */
    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Title", "namespace": "org.imdbetl.catalogue", "fields": [
              {"name": "formatVersion", "type": "int"},
              {"name": "tconst", "type": "int"},
              {"name": "titleType", "type": {"type": "enum", "name": "TitleType", "default": "other", "symbols":
                ["movie", "short", "tvEpisode", "tvSeries", "tvMiniSeries", "tvMovie", "tvSpecial", "tvShort", "tvPilot",
                 "video", "videoGame", "other"]}},
              {"name": "primaryTitle", "type": "string"},
              {"name": "originalTitle", "type": ["null", "string"], "default": null},
              {"name": "isAdult", "type": "boolean", "default": false},
              {"name": "startYear", "type": ["null", "int"], "default": null},
              {"name": "endYear", "type": ["null", "int"], "default": null},
              {"name": "runtimeMinutes", "type": ["null", "int"], "default": null},
              {"name": "genres", "type": {"type": "array", "items": "string"}, "default": []},
              {"name": "averageRating10", "type": ["null", "int"], "default": null},
              {"name": "numVotes", "type": ["null", "int"], "default": null},
              {"name": "parentTconst", "type": ["null", "int"], "default": null},
              {"name": "seasonNumber", "type": ["null", "int"], "default": null},
              {"name": "episodeNumber", "type": ["null", "int"], "default": null}
            ]}""");

    /** Avro binary written by hand-driven Encoder calls and read by hand straight into the fields. */
    static final class AvroCodec implements Codec {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        @Override
        public String name() {
            return "Avro binary, Encoder calls; BinaryDecoder into fields";
        }

        @Override
        public byte[] encode(Title t) throws IOException {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            encoder.writeInt(t.formatVersion());
            encoder.writeInt(tconstNumber(t.tconst()));
            encoder.writeEnum(typeCode(t.titleType()));
            encoder.writeString(t.primaryTitle());
            optionalString(t.originalTitle());
            encoder.writeBoolean(t.isAdult());
            optionalInt(t.startYear());
            optionalInt(t.endYear());
            optionalInt(t.runtimeMinutes());
            encoder.writeArrayStart();
            encoder.setItemCount(t.genres().size());
            for (String genre : t.genres()) {
                encoder.startItem();
                encoder.writeString(genre);
            }
            encoder.writeArrayEnd();
            optionalInt(t.averageRating() == null ? null : tenths(t.averageRating()));
            optionalInt(t.numVotes());
            optionalInt(t.parentTconst() == null ? null : tconstNumber(t.parentTconst()));
            optionalInt(t.seasonNumber());
            optionalInt(t.episodeNumber());
            encoder.flush();
            return buffer.toByteArray();
        }

        private void optionalString(String value) throws IOException {
            encoder.writeIndex(value == null ? 0 : 1);
            if (value != null) {
                encoder.writeString(value);
            }
        }

        private void optionalInt(Integer value) throws IOException {
            encoder.writeIndex(value == null ? 0 : 1);
            if (value != null) {
                encoder.writeInt(value);
            }
        }

        @Override
        public void decode(byte[] value, Fields into) throws IOException {
            BinaryDecoder in = decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            into.version = in.readInt();
            into.tconst = in.readInt();
            into.type = in.readEnum();
            into.primaryTitle = in.readString();
            into.originalTitle = in.readIndex() == 0 ? null : in.readString();
            into.adult = in.readBoolean();
            into.startYear = optionalInt(in);
            into.endYear = optionalInt(in);
            into.runtime = optionalInt(in);
            for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
                for (long i = 0; i < block; i++) {
                    into.genres.add(in.readString());
                }
            }
            into.rating10 = optionalInt(in);
            into.votes = optionalInt(in);
            into.parent = optionalInt(in);
            into.season = optionalInt(in);
            into.episode = optionalInt(in);
        }

        private static int optionalInt(BinaryDecoder in) throws IOException {
            return in.readIndex() == 0 ? NONE : in.readInt();
        }
    }

    /** The same Avro bytes through GenericData.Record, GenericDatumWriter and GenericDatumReader. */
    static final class AvroGenericCodec implements Codec {
        private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
        private final GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
        private final Schema typeSchema = SCHEMA.getField("titleType").schema();
        private final GenericData.EnumSymbol[] types = TYPES.stream()
                .map(type -> new GenericData.EnumSymbol(typeSchema, type)).toArray(GenericData.EnumSymbol[]::new);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;
        private GenericRecord reused;

        @Override
        public String name() {
            return "Avro binary, GenericRecord + GenericDatumWriter/Reader";
        }

        @Override
        public byte[] encode(Title t) throws IOException {
            GenericData.Record record = new GenericData.Record(SCHEMA);
            record.put(0, t.formatVersion());
            record.put(1, tconstNumber(t.tconst()));
            record.put(2, types[typeCode(t.titleType())]);
            record.put(3, t.primaryTitle());
            record.put(4, t.originalTitle());
            record.put(5, t.isAdult());
            record.put(6, t.startYear());
            record.put(7, t.endYear());
            record.put(8, t.runtimeMinutes());
            record.put(9, t.genres());
            record.put(10, t.averageRating() == null ? null : tenths(t.averageRating()));
            record.put(11, t.numVotes());
            record.put(12, t.parentTconst() == null ? null : tconstNumber(t.parentTconst()));
            record.put(13, t.seasonNumber());
            record.put(14, t.episodeNumber());
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return buffer.toByteArray();
        }

        @Override
        public void decode(byte[] value, Fields into) throws IOException {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            GenericRecord r = reused = reader.read(reused, decoder);
            into.version = (Integer) r.get(0);
            into.tconst = (Integer) r.get(1);
            into.type = typeSchema.getEnumOrdinal(r.get(2).toString());
            into.primaryTitle = r.get(3).toString();
            Object original = r.get(4);
            into.originalTitle = original == null ? null : original.toString();
            into.adult = (Boolean) r.get(5);
            into.startYear = orNone((Integer) r.get(6));
            into.endYear = orNone((Integer) r.get(7));
            into.runtime = orNone((Integer) r.get(8));
            for (Object genre : (List<?>) r.get(9)) {
                into.genres.add(genre.toString());
            }
            into.rating10 = orNone((Integer) r.get(10));
            into.votes = orNone((Integer) r.get(11));
            into.parent = orNone((Integer) r.get(12));
            into.season = orNone((Integer) r.get(13));
            into.episode = orNone((Integer) r.get(14));
        }
    }

    /**
     * A hand-written layout: version byte; tconst as a varint; type code byte; a 2-byte presence bitmap
     * (bit 0 isAdult, then one bit per nullable field); then the present values in field order, strings
     * as varint length + UTF-8, small ints as varints, rating as one byte of tenths. A later version may
     * only append fields, so a reader skips what follows the fields it knows.
     */
    static final class CompactCodec implements Codec {
        private static final int ADULT = 1;
        private static final int ORIGINAL = 1 << 1;
        private static final int START = 1 << 2;
        private static final int END = 1 << 3;
        private static final int RUNTIME = 1 << 4;
        private static final int RATING = 1 << 5;
        private static final int VOTES = 1 << 6;
        private static final int PARENT = 1 << 7;
        private static final int SEASON = 1 << 8;
        private static final int EPISODE = 1 << 9;

        private final Sink sink = new Sink(512);

        @Override
        public String name() {
            return "compact binary, hand-written";
        }

        @Override
        public byte[] encode(Title t) {
            Sink s = sink;
            s.pos = 0;
            int bits = (t.isAdult() ? ADULT : 0) | (t.originalTitle() != null ? ORIGINAL : 0)
                    | (t.startYear() != null ? START : 0) | (t.endYear() != null ? END : 0)
                    | (t.runtimeMinutes() != null ? RUNTIME : 0) | (t.averageRating() != null ? RATING : 0)
                    | (t.numVotes() != null ? VOTES : 0) | (t.parentTconst() != null ? PARENT : 0)
                    | (t.seasonNumber() != null ? SEASON : 0) | (t.episodeNumber() != null ? EPISODE : 0);
            s.byte1(t.formatVersion());
            s.varint(tconstNumber(t.tconst()));
            s.byte1(typeCode(t.titleType()));
            s.byte1(bits);
            s.byte1(bits >>> 8);
            s.string(t.primaryTitle());
            if (t.originalTitle() != null) {
                s.string(t.originalTitle());
            }
            if (t.startYear() != null) {
                s.varint(t.startYear());
            }
            if (t.endYear() != null) {
                s.varint(t.endYear());
            }
            if (t.runtimeMinutes() != null) {
                s.varint(t.runtimeMinutes());
            }
            s.varint(t.genres().size());
            for (String genre : t.genres()) {
                s.string(genre);
            }
            if (t.averageRating() != null) {
                s.byte1(tenths(t.averageRating()));
            }
            if (t.numVotes() != null) {
                s.varint(t.numVotes());
            }
            if (t.parentTconst() != null) {
                s.varint(tconstNumber(t.parentTconst()));
            }
            if (t.seasonNumber() != null) {
                s.varint(t.seasonNumber());
            }
            if (t.episodeNumber() != null) {
                s.varint(t.episodeNumber());
            }
            return Arrays.copyOf(s.buf, s.pos);
        }

        @Override
        public void decode(byte[] value, Fields into) {
            Source in = new Source(value);
            into.version = in.byte1();
            into.tconst = in.varint();
            into.type = in.byte1();
            int bits = in.byte1() | in.byte1() << 8;
            into.adult = (bits & ADULT) != 0;
            into.primaryTitle = in.string();
            into.originalTitle = (bits & ORIGINAL) != 0 ? in.string() : null;
            into.startYear = (bits & START) != 0 ? in.varint() : NONE;
            into.endYear = (bits & END) != 0 ? in.varint() : NONE;
            into.runtime = (bits & RUNTIME) != 0 ? in.varint() : NONE;
            for (int i = in.varint(); i > 0; i--) {
                into.genres.add(in.string());
            }
            into.rating10 = (bits & RATING) != 0 ? in.byte1() : NONE;
            into.votes = (bits & VOTES) != 0 ? in.varint() : NONE;
            into.parent = (bits & PARENT) != 0 ? in.varint() : NONE;
            into.season = (bits & SEASON) != 0 ? in.varint() : NONE;
            into.episode = (bits & EPISODE) != 0 ? in.varint() : NONE;
        }
    }

    /** A growable byte buffer with varint and UTF-8 string writes. */
    static final class Sink {
        byte[] buf;
        int pos;

        Sink(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int bytes) {
            if (pos + bytes > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes));
            }
        }

        void byte1(int value) {
            room(1);
            buf[pos++] = (byte) value;
        }

        void varint(int value) {
            room(5);
            while ((value & ~0x7F) != 0) {
                buf[pos++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buf[pos++] = (byte) value;
        }

        void bytes(byte[] bytes, int from, int length) {
            room(length);
            System.arraycopy(bytes, from, buf, pos, length);
            pos += length;
        }

        /** ASCII strings are copied char by char; others go through String.getBytes. */
        void string(String value) {
            int length = value.length();
            for (int i = 0; i < length; i++) {
                if (value.charAt(i) >= 0x80) {
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    varint(utf8.length);
                    bytes(utf8, 0, utf8.length);
                    return;
                }
            }
            varint(length);
            room(length);
            for (int i = 0; i < length; i++) {
                buf[pos++] = (byte) value.charAt(i);
            }
        }
    }

    /** Reads what {@link Sink} wrote. */
    static final class Source {
        private final byte[] buf;
        private int pos;

        Source(byte[] buf) {
            this.buf = buf;
        }

        int byte1() {
            return buf[pos++] & 0xFF;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = buf[pos++];
                value |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        String string() {
            int length = varint();
            String value = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return value;
        }
    }

    // ---- input ----

    record Loaded(Title[] titles, List<String> files, int episodes, String episodeSource) {
    }

    /** Joins basics with ratings and episodes (all sorted by tconst), one pass over each file. */
    Loaded load() throws IOException {
        Path episodeFile = dumpDir.resolve("title.episode.tsv.gz");
        boolean haveEpisodes = Files.exists(episodeFile);
        List<String> files = new ArrayList<>(List.of("title.basics.tsv.gz", "title.ratings.tsv.gz"));
        if (haveEpisodes) {
            files.add("title.episode.tsv.gz");
        }
        List<Title> titles = new ArrayList<>();
        List<Integer> series = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(DERIVE_SEED);
        int episodes = 0;
        try (BufferedReader basics = gzip(dumpDir.resolve("title.basics.tsv.gz"));
                Joined ratings = new Joined(gzip(dumpDir.resolve("title.ratings.tsv.gz")));
                Joined episodeRows = new Joined(haveEpisodes ? gzip(episodeFile) : null)) {
            basics.readLine();
            for (String line = basics.readLine(); line != null && titles.size() < maxTitles; line = basics.readLine()) {
                String[] b = line.split("\t", -1);
                String tconst = b[0];
                String type = b[1];
                if (nullable(b[2]) == null) {
                    continue; // IMDb always has a primary title; the schemas require one
                }
                String[] rating = ratings.row(tconst);
                String parent = null;
                Integer season = null;
                Integer episode = null;
                if (type.equals("tvSeries") || type.equals("tvMiniSeries")) {
                    series.add(tconstNumber(tconst));
                }
                if (haveEpisodes) {
                    String[] e = episodeRows.row(tconst);
                    if (e != null) {
                        parent = nullable(e[1]);
                        season = integer(e[2]);
                        episode = integer(e[3]);
                    }
                } else if (type.equals("tvEpisode")) {
                    // Derived: a series seen before this row; season and episode from an "Episode #S.E" title, else
                    // drawn, a tenth of them without numbers.
                    int parentNumber = series.isEmpty() ? 1 + random.nextInt(tconstNumber(tconst))
                            : series.get(random.nextInt(series.size()));
                    parent = String.format(Locale.ROOT, "tt%07d", parentNumber);
                    Matcher numbered = EPISODE_TITLE.matcher(b[2]);
                    if (numbered.matches()) {
                        season = Integer.valueOf(numbered.group(1));
                        episode = Integer.valueOf(numbered.group(2));
                    } else if (random.nextInt(10) != 0) {
                        season = 1 + random.nextInt(random.nextInt(10) + 1);
                        episode = 1 + random.nextInt(24);
                    }
                }
                if (type.equals("tvEpisode")) {
                    episodes++;
                }
                String primary = b[2];
                String original = nullable(b[3]);
                titles.add(new Title(FORMAT_VERSION, tconst, type, primary, primary.equals(original) ? null : original,
                        b[4].equals("1"), integer(b[5]), integer(b[6]), integer(b[7]),
                        b[8].equals(NULL) ? List.of() : List.of(b[8].split(",")),
                        rating == null ? null : Double.valueOf(rating[1]), rating == null ? null : integer(rating[2]),
                        parent, season, episode));
            }
        }
        return new Loaded(titles.toArray(Title[]::new), files, episodes,
                haveEpisodes ? "title.episode.tsv.gz" : "derived (seeded; no title.episode.tsv.gz in the dump)");
    }

    /** The rows of a tconst-sorted file, read forward as the basics rows ask for them. */
    private static final class Joined implements AutoCloseable {
        private final BufferedReader reader;
        private String[] next;

        Joined(BufferedReader reader) throws IOException {
            this.reader = reader;
            if (reader != null) {
                reader.readLine();
                advance();
            }
        }

        private void advance() throws IOException {
            String line = reader.readLine();
            next = line == null ? null : line.split("\t", -1);
        }

        String[] row(String tconst) throws IOException {
            int wanted = tconstNumber(tconst);
            while (next != null && tconstNumber(next[0]) < wanted) {
                advance();
            }
            if (next != null && tconstNumber(next[0]) == wanted) {
                String[] row = next;
                advance();
                return row;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static BufferedReader gzip(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static String nullable(String value) {
        return value.equals(NULL) ? null : value;
    }

    private static Integer integer(String value) {
        return value.equals(NULL) ? null : Integer.valueOf(value);
    }

    static int tconstNumber(String tconst) {
        return Integer.parseInt(tconst, 2, tconst.length(), 10);
    }

    static int typeCode(String type) {
        Integer code = TYPE_CODES.get(type);
        return code == null ? OTHER_TYPE : code;
    }

    static int tenths(double rating) {
        return (int) Math.round(rating * 10);
    }

    private static int orNone(Integer value) {
        return value == null ? NONE : value;
    }
}
