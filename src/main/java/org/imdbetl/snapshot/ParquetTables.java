package org.imdbetl.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.imdbetl.scoring.GenreCount;
import org.imdbetl.scoring.ScoredMovie;

/**
 * The Parquet tables. Written through {@link LocalOutputFile} with a plain (non-Hadoop)
 * configuration: no Hadoop FileSystem, no .crc files, no HADOOP_HOME. Columns are snake_case,
 * {@code genres} a standard LIST of strings, nullable year/runtime INT32, votes INT64, scores DOUBLE.
 */
public final class ParquetTables {

    static final Schema MOVIE_SCORES = movieFields(SchemaBuilder.record("movie_scores").namespace("org.imdbetl").fields())
            .endRecord();

    static final Schema SILVER_MOVIES = movieFields(SchemaBuilder.record("silver_movies").namespace("org.imdbetl").fields())
            .requiredInt("kafka_partition")
            .requiredLong("kafka_offset")
            .name("consumed_at").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();

    static final Schema GENRE_COUNTS = SchemaBuilder.record("genre_counts").namespace("org.imdbetl").fields()
            .requiredString("genre")
            .requiredLong("movie_count")
            .endRecord();

    private ParquetTables() {
    }

    public static void writeSilver(Path file, List<SilverRow> rows, Map<String, String> metadata) throws IOException {
        try (ParquetWriter<GenericRecord> writer = writer(file, SILVER_MOVIES, metadata)) {
            for (SilverRow row : rows) {
                GenericRecord record = movieRecord(SILVER_MOVIES, row.movie(), row.weightedScore());
                record.put("kafka_partition", row.partition());
                record.put("kafka_offset", row.offset());
                record.put("consumed_at", row.consumedAtMillis());
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
                record.put("genre", count.genre());
                record.put("movie_count", count.movieCount());
                writer.write(record);
            }
        }
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
        GenericRecord record = new GenericData.Record(schema);
        record.put("tconst", movie.tconst());
        record.put("title", movie.title());
        record.put("original_title", movie.originalTitle());
        record.put("year", movie.year());
        record.put("runtime_minutes", movie.runtimeMinutes());
        record.put("genres", movie.genres());
        record.put("average_rating", movie.averageRating());
        record.put("num_votes", movie.numVotes());
        record.put("weighted_score", weightedScore);
        return record;
    }

    private static ParquetWriter<GenericRecord> writer(Path file, Schema schema, Map<String, String> metadata)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // The 3-level list layout: genres reads as list<string> in DuckDB, pyarrow and Spark.
        conf.set(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false");
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(conf)
                .withSchema(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(metadata)
                .build();
    }
}
