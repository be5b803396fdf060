package org.imdbetl.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.lake.CatalogueTables;

/**
 * Measures the catalogue's lake tables at full size: the {@code titles} and {@code episodes} Parquet
 * tables written by {@link CatalogueTables} from the titles {@link CatalogueStoreBench#read} joins out
 * of the dumps (no store: the walk the snapshot will make of it is not part of this figure). A first
 * read collects each type's mean rating for the weighted score; each table is then written from a read
 * of its own, so subtract the read-only time to see the writer's share. Then DuckDB runs the query
 * docs/lake.md gives for the best-rated series' episodes. Results go to bench/CATALOGUE.md by hand.
 *
 * <pre>bench/program.sh CatalogueLakeBench -Dbench.dumps=DIR [-Dbench.out=DIR] [-Dbench.m=3000]</pre>
 */
public final class CatalogueLakeBench {

    /**
     * Outside Quarkus nothing sets the log levels and Parquet, seeing DEBUG on, logs every field it writes
     * (most of the writer's CPU); the service logs at INFO. Held here, as a logger's level lives as long as it.
     */
    private static final org.jboss.logmanager.Logger PARQUET_LOG = org.jboss.logmanager.Logger.getLogger("org.apache.parquet");

    static {
        PARQUET_LOG.setLevel(java.util.logging.Level.INFO);
    }

    private CatalogueLakeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("bench.dumps", "bench/work/full"));
        Path out = Path.of(System.getProperty("bench.out", "bench/work/lake"));
        // m of the weighted rating: the service's imdb.scoring.min-votes-prior default.
        double m = Double.parseDouble(System.getProperty("bench.m", "3000"));
        run(dumps, out, m, System.out);
    }

    static void run(Path dumps, Path outDir, double m, PrintStream out) throws Exception {
        CatalogueStoreBench.deleteTree(outDir);
        out.printf("dumps %s, tables in %s, m %.0f, %s, %d cores%n", dumps, outDir, m, Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        RatedTitles rated = new RatedTitles();
        TreeSet<String> types = new TreeSet<>();
        long[] read = {0};
        long cpu0 = CatalogueStoreBench.cpu();
        long t0 = System.nanoTime();
        CatalogueStoreBench.read(dumps, new CatalogueStoreBench.Counts(), title -> {
            rated.put(title);
            types.add(title.titleType());
            read[0]++;
        });
        out.printf("read (gunzip, parse, join) and the rated titles' columns: %,d titles, %,d rated in %.2f s, %.2f s CPU%n",
                read[0], rated.size(), (System.nanoTime() - t0) / 1e9, (CatalogueStoreBench.cpu() - cpu0) / 1e9);
        Map<String, Double> means = new HashMap<>();
        types.forEach(type -> means.put(type, rated.meanRating(type)));
        ToDoubleFunction<TitleRecord> score = title -> weighted(title.averageRating(), title.numVotes(), m,
                means.get(title.titleType()));

        Path titles = outDir.resolve("parquet/titles/titles.parquet");
        Path episodes = outDir.resolve("parquet/episodes/episodes.parquet");
        measure(out, "titles", titles, () -> CatalogueTables.writeTitles(titles, walk(dumps), score, Map.of()));
        measure(out, "episodes", episodes, () -> CatalogueTables.writeEpisodes(episodes, walk(dumps), Map.of()));
        out.printf("heap after GC at the end: %.1f MB%n", CatalogueStoreBench.heapAfterGc() / 1e6);
        CatalogueStoreBench.keep(rated);

        query(out, titles, episodes);
    }

    @FunctionalInterface
    interface Write {
        long rows() throws Exception;
    }

    private static void measure(PrintStream out, String table, Path file, Write write) throws Exception {
        long cpu0 = CatalogueStoreBench.cpu();
        long process0 = processCpu();
        long t0 = System.nanoTime();
        long rows = write.rows();
        long nanos = System.nanoTime() - t0;
        long size = Files.size(file);
        out.printf("%s: %,d rows read and written in %.2f s, %.2f s CPU (this thread), %.2f s CPU (process);"
                        + " %,d bytes (%.1f MB, %.1f bytes a row)%n", table, rows, nanos / 1e9,
                (CatalogueStoreBench.cpu() - cpu0) / 1e9, (processCpu() - process0) / 1e9, size, size / 1e6,
                size / (double) rows);
    }

    /** The dumps read again, a title at a time, as the snapshot will walk the store. */
    private static Consumer<Consumer<TitleRecord>> walk(Path dumps) {
        return sink -> {
            try {
                CatalogueStoreBench.read(dumps, new CatalogueStoreBench.Counts(), sink::accept);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** IMDb's {@code (v·R + m·C)/(v+m)}, as the service's WeightedRating, with C the title type's mean. */
    static double weighted(double rating, long votes, double m, double mean) {
        double total = votes + m;
        return total <= 0 ? mean : (votes * rating + m * mean) / total;
    }

    /** The query of docs/lake.md: the episodes of the best-rated series with at least 10,000 votes. */
    private static void query(PrintStream out, Path titles, Path episodes) throws SQLException {
        String sql = "WITH best AS (SELECT tconst, primary_title FROM '" + titles + "'"
                + " WHERE title_type = 'tvSeries' AND num_votes >= 10000"
                + " ORDER BY weighted_score DESC, num_votes DESC, tconst LIMIT 1)"
                + " SELECT best.tconst, best.primary_title, count(*), count(DISTINCT e.season_number)"
                + " FROM best JOIN '" + episodes + "' e ON e.parent_tconst = best.tconst GROUP BY ALL";
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (int round = 1; round <= 2; round++) {
                long t0 = System.nanoTime();
                try (ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        out.printf("DuckDB, the best-rated series' episodes (run %d): %s \"%s\", %,d episodes in %,d seasons,"
                                        + " %.0f ms%n", round, result.getString(1), result.getString(2), result.getLong(3),
                                result.getLong(4), (System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
