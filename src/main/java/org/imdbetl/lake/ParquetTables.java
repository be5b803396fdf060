package org.imdbetl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.imdbetl.domain.Movie;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.scoring.GenreCount;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.state.SilverRow;

/**
 * The Parquet tables. Written through {@link LocalOutputFile} with a plain (non-Hadoop)
 * configuration: no Hadoop FileSystem, no .crc files, no HADOOP_HOME. Columns are snake_case,
 * {@code genres} a standard LIST of strings, nullable year/runtime INT32, votes INT64, scores DOUBLE.
 */
final class ParquetTables {

    static final Schema MOVIE_SCORES = movieFields(SchemaBuilder.record("movie_scores").namespace("org.imdbetl").fields())
            .endRecord();

    static final Schema SILVER_MOVIES = movieFields(SchemaBuilder.record("silver_movies").namespace("org.imdbetl").fields())
            .requiredInt("kafka_partition")
            .requiredLong("kafka_offset")
            .name("consumed_at").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            // UPSERT or DELETE (a tombstone: only tconst is set). Parts written before this column read it as
            // NULL with DuckDB's union_by_name=true.
            .requiredString("op")
            .endRecord();

    static final Schema GENRE_COUNTS = SchemaBuilder.record("genre_counts").namespace("org.imdbetl").fields()
            .requiredString("genre")
            .requiredLong("movie_count")
            .endRecord();

    /** The partition column {@code as_of} is the folder's date; {@code as_of_time} the exact dataset version. */
    static final Schema MOVIE_HISTORY = SchemaBuilder.record("movie_history").namespace("org.imdbetl").fields()
            .requiredString("tconst")
            .name("as_of_time").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .requiredString("event")
            .optionalDouble("average_rating")
            .optionalLong("num_votes")
            .optionalDouble("weighted_score")
            .endRecord();

    /** Columns every movie table starts with, in this order. */
    private static final int MOVIE_FIELDS = 9;

    private ParquetTables() {
    }

    public static void writeSilver(Path file, List<SilverRow> rows, Map<String, String> metadata) throws IOException {
        try (ParquetWriter<GenericRecord> writer = writer(file, SILVER_MOVIES, metadata)) {
            for (SilverRow row : rows) {
                GenericRecord record = row.movie() == null
                        ? deletedRecord(SILVER_MOVIES, row.tconst())
                        : movieRecord(SILVER_MOVIES, row.movie(), row.weightedScore());
                record.put(MOVIE_FIELDS, row.partition());
                record.put(MOVIE_FIELDS + 1, row.offset());
                record.put(MOVIE_FIELDS + 2, row.consumedAtMillis());
                record.put(MOVIE_FIELDS + 3, row.op().name());
                writer.write(record);
            }
        }
    }

    public static void writeMovieScores(Path file, List<ScoredMovie> movies, Map<String, String> metadata) throws IOException {
        try (ParquetWriter<GenericRecord> writer = writer(file, MOVIE_SCORES, metadata)) {
            for (ScoredMovie scored : movies) {
                writer.write(movieRecord(MOVIE_SCORES, scored.movie(), scored.weightedScore()));
            }
        }
    }

    public static void writeGenreCounts(Path file, List<GenreCount> counts, Map<String, String> metadata) throws IOException {
        try (ParquetWriter<GenericRecord> writer = writer(file, GENRE_COUNTS, metadata)) {
            for (GenreCount count : counts) {
                GenericRecord record = new GenericData.Record(GENRE_COUNTS);
                record.put(0, count.genre());
                record.put(1, count.movieCount());
                writer.write(record);
            }
        }
    }

    /**
     * Writes the points {@code points} hands to its consumer, one at a time, so a refresh's points are
     * never all in memory at once.
     *
     * @return how many were written
     */
    public static long writeHistory(Path file, Consumer<Consumer<HistoryEntry>> points, Map<String, String> metadata)
            throws IOException {
        long[] written = {0};
        try (ParquetWriter<GenericRecord> writer = writer(file, MOVIE_HISTORY, metadata)) {
            points.accept(entry -> {
                HistoryPoint point = entry.point();
                GenericRecord record = new GenericData.Record(MOVIE_HISTORY);
                record.put(0, entry.tconst());
                record.put(1, point.asOf().toEpochMilli());
                record.put(2, point.event().name());
                record.put(3, point.averageRating());
                record.put(4, point.numVotes());
                record.put(5, point.weightedScore());
                try {
                    writer.write(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return written[0];
    }

    private static SchemaBuilder.FieldAssembler<Schema> movieFields(SchemaBuilder.FieldAssembler<Schema> fields) {
        return fields
                .requiredString("tconst")
                .optionalString("title")
                .optionalString("original_title")
                .optionalInt("year")
                .optionalInt("runtime_minutes")
                .name("genres").type().array().items().stringType().noDefault()
                .optionalDouble("average_rating")
                .optionalLong("num_votes")
                .optionalDouble("weighted_score");
    }

    private static GenericRecord movieRecord(Schema schema, Movie movie, Double weightedScore) {
        // By position, in the order of movieFields: by name costs a map lookup per field and row.
        GenericRecord record = new GenericData.Record(schema);
        record.put(0, movie.tconst());
        record.put(1, movie.title());
        record.put(2, movie.originalTitle());
        record.put(3, movie.year());
        record.put(4, movie.runtimeMinutes());
        record.put(5, movie.genres());
        record.put(6, movie.averageRating());
        record.put(7, movie.numVotes());
        record.put(8, weightedScore);
        return record;
    }

    private static GenericRecord deletedRecord(Schema schema, String tconst) {
        GenericRecord record = new GenericData.Record(schema);
        record.put(0, tconst);
        record.put(5, List.of());
        return record;
    }

    static ParquetWriter<GenericRecord> writer(Path file, Schema schema, Map<String, String> metadata)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // The 3-level list layout: genres reads as list<string> in DuckDB, pyarrow and Spark.
        conf.set(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false");
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(conf)
                .withSchema(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                // Ids and titles are (nearly) unique: a dictionary only costs time before Parquet gives up on it.
                .withDictionaryEncoding("tconst", false)
                .withDictionaryEncoding("title", false)
                .withDictionaryEncoding("original_title", false)
                .withExtraMetaData(metadata)
                .build();
    }
}
