package org.imdbetl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.files.AtomicFiles;

/**
 * The catalogue's tables, every title type: {@code titles}, {@code episodes} and
 * {@code type_genre_counts}. Each file is written as {@link ParquetTables} and {@link CsvTables} write
 * theirs (SNAPPY, plain configuration, RFC 4180) and replaced atomically through {@link AtomicFiles}, so
 * a reader sees the old file or the whole new one and an error names the file.
 */
public final class CatalogueTables {

    static final Schema TITLES = SchemaBuilder.record("titles").namespace("org.imdbetl").fields()
            .requiredString("tconst")
            .requiredString("title_type")
            .optionalString("primary_title")
            .optionalString("original_title")
            .requiredBoolean("is_adult")
            .optionalInt("start_year")
            .optionalInt("end_year")
            .optionalInt("runtime_minutes")
            .name("genres").type().array().items().stringType().noDefault()
            .optionalDouble("average_rating")
            .optionalLong("num_votes")
            .optionalDouble("weighted_score")
            .optionalString("parent_tconst")
            .optionalInt("season_number")
            .optionalInt("episode_number")
            .endRecord();

    /** Series first, so a reader finds a series' episodes by its columns without the whole titles table. */
    static final Schema EPISODES = SchemaBuilder.record("episodes").namespace("org.imdbetl").fields()
            .requiredString("parent_tconst")
            .optionalInt("season_number")
            .optionalInt("episode_number")
            .requiredString("tconst")
            .optionalString("primary_title")
            .optionalInt("start_year")
            .optionalDouble("average_rating")
            .optionalLong("num_votes")
            .endRecord();

    static final Schema TYPE_GENRE_COUNTS = SchemaBuilder.record("type_genre_counts").namespace("org.imdbetl").fields()
            .requiredString("title_type")
            .requiredString("genre")
            .requiredLong("title_count")
            .endRecord();

    private static final CSVFormat TYPE_GENRE_COUNTS_CSV = CSVFormat.RFC4180.builder()
            .setHeader("title_type", "genre", "title_count").setRecordSeparator('\n').get();

    /** One row of {@code type_genre_counts}. */
    record TypeGenreCount(String titleType, String genre, long titleCount) {
    }

    /** Type, then the most titles first, then genre: the order a reader of one type wants, stable between runs. */
    static final Comparator<TypeGenreCount> TYPE_GENRE_ORDER = Comparator.comparing(TypeGenreCount::titleType)
            .thenComparing(Comparator.comparingLong(TypeGenreCount::titleCount).reversed())
            .thenComparing(TypeGenreCount::genre);

    private CatalogueTables() {
    }

    /**
     * Writes every title {@code titles} hands to its consumer, one at a time, so the catalogue is never
     * all in memory at once.
     *
     * @param weightedScore the weighted score of a rated title; not asked for an unrated one, whose
     *                      {@code weighted_score} is null
     * @return how many rows were written
     */
    public static long writeTitles(Path file, Consumer<Consumer<TitleRecord>> titles,
                                   ToDoubleFunction<TitleRecord> weightedScore, Map<String, String> metadata)
            throws IOException {
        long[] written = {0};
        AtomicFiles.write(file, temp -> written[0] = stream(temp, TITLES, metadata, titles, title -> {
            // By position, in the order of TITLES: by name costs a map lookup per field and row.
            GenericRecord record = new GenericData.Record(TITLES);
            record.put(0, title.tconst());
            record.put(1, title.titleType());
            record.put(2, title.primaryTitle());
            record.put(3, title.originalTitle());
            record.put(4, title.adult());
            record.put(5, title.startYear());
            record.put(6, title.endYear());
            record.put(7, title.runtimeMinutes());
            record.put(8, title.genres());
            record.put(9, title.averageRating());
            record.put(10, title.numVotes());
            record.put(11, title.rated() ? weightedScore.applyAsDouble(title) : null);
            record.put(12, title.parentTconst());
            record.put(13, title.seasonNumber());
            record.put(14, title.episodeNumber());
            return record;
        }));
        return written[0];
    }

    /**
     * Writes the episodes (titles with a parent) among the titles {@code titles} hands to its consumer,
     * one at a time; every other title is skipped, so the same walk of the catalogue serves both tables.
     *
     * @return how many episodes were written
     */
    public static long writeEpisodes(Path file, Consumer<Consumer<TitleRecord>> titles, Map<String, String> metadata)
            throws IOException {
        long[] written = {0};
        AtomicFiles.write(file, temp -> written[0] = stream(temp, EPISODES, metadata, titles, title -> {
            if (!title.episode()) {
                return null;
            }
            GenericRecord record = new GenericData.Record(EPISODES);
            record.put(0, title.parentTconst());
            record.put(1, title.seasonNumber());
            record.put(2, title.episodeNumber());
            record.put(3, title.tconst());
            record.put(4, title.primaryTitle());
            record.put(5, title.startYear());
            record.put(6, title.averageRating());
            record.put(7, title.numVotes());
            return record;
        }));
        return written[0];
    }

    /** @param counts per title type, genre to its count of titles (as {@code TypeGenreCounts.of(type)}) */
    public static void writeTypeGenreCountsParquet(Path file, Map<String, Map<String, Long>> counts,
                                                   Map<String, String> metadata) throws IOException {
        List<TypeGenreCount> rows = typeGenreRows(counts);
        AtomicFiles.write(file, temp -> {
            try (ParquetWriter<GenericRecord> writer = ParquetTables.writer(temp, TYPE_GENRE_COUNTS, metadata)) {
                for (TypeGenreCount row : rows) {
                    GenericRecord record = new GenericData.Record(TYPE_GENRE_COUNTS);
                    record.put(0, row.titleType());
                    record.put(1, row.genre());
                    record.put(2, row.titleCount());
                    writer.write(record);
                }
            }
        });
    }

    /** @param counts per title type, genre to its count of titles (as {@code TypeGenreCounts.of(type)}) */
    public static void writeTypeGenreCountsCsv(Path file, Map<String, Map<String, Long>> counts) throws IOException {
        List<TypeGenreCount> rows = typeGenreRows(counts);
        AtomicFiles.write(file, temp -> {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(out, TYPE_GENRE_COUNTS_CSV)) {
                for (TypeGenreCount row : rows) {
                    csv.printRecord(row.titleType(), row.genre(), row.titleCount());
                }
            }
        });
    }

    /** The rows in {@link #TYPE_GENRE_ORDER}; a zero count is left out, as {@code TypeGenreCounts} drops it. */
    static List<TypeGenreCount> typeGenreRows(Map<String, Map<String, Long>> counts) {
        List<TypeGenreCount> rows = new ArrayList<>();
        counts.forEach((type, byGenre) -> byGenre.forEach((genre, count) -> {
            if (count != 0) {
                rows.add(new TypeGenreCount(type, genre, count));
            }
        }));
        rows.sort(TYPE_GENRE_ORDER);
        return rows;
    }

    /**
     * Writes the record {@code toRecord} makes of each title, or nothing when it returns null. A write
     * error crosses the consumer unchecked and is thrown here as the IOException it was.
     */
    private static long stream(Path temp, Schema schema, Map<String, String> metadata,
                               Consumer<Consumer<TitleRecord>> titles,
                               Function<TitleRecord, GenericRecord> toRecord) throws IOException {
        long[] written = {0};
        try (ParquetWriter<GenericRecord> writer = ParquetTables.writer(temp, schema, metadata)) {
            titles.accept(title -> {
                GenericRecord record = toRecord.apply(title);
                if (record == null) {
                    return;
                }
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
}
