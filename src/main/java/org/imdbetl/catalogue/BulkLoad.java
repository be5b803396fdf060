package org.imdbetl.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.TitleRecord;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A first load written as sorted table files and moved into an empty {@link CatalogueStore}, instead of
 * puts through the memtable and the compactions that follow them (docs/catalogue.md). Titles come in
 * the dump's order, ascending inside each digit count, so each digit count streams into a file of its
 * own; episodes are keyed by series, so they are sorted in chunks, a file per chunk. A title out of order
 * is kept aside and put normally after the files are in. The offsets are written last: a load cut short
 * leaves none, so the next start reads the topic from its beginning (with puts, the store no longer empty).
 */
public final class BulkLoad implements AutoCloseable {

    /** Episodes sorted per file: a chunk's keys and values stay on the heap until its file is written. */
    static final int EPISODE_CHUNK = 1 << 19;

    private final CatalogueStore store;
    private final Path work;
    private final EnvOptions env = new EnvOptions();
    private final Options options;
    private final SstFileWriter[] titleWriters = new SstFileWriter[TitleKey.MAX_DIGITS + 1];
    private final long[] last = new long[TitleKey.MAX_DIGITS + 1];
    private final List<Path> titleFiles = new ArrayList<>();
    private final List<Path> episodeFiles = new ArrayList<>();
    private final List<CatalogueStore.Change> aside = new ArrayList<>();
    private final int chunk;
    private byte[][] episodeKeys;
    private byte[][] episodeValues;
    private int episodes;

    /** @throws IllegalStateException when the store already holds titles */
    public BulkLoad(CatalogueStore store) {
        this(store, EPISODE_CHUNK);
    }

    BulkLoad(CatalogueStore store, int chunk) {
        if (!store.isEmpty()) {
            throw new IllegalStateException("a bulk load is for an empty store; " + store.directory() + " holds titles");
        }
        this.store = store;
        this.work = store.directory().resolve("bulk-load");
        try {
            Files.createDirectories(work);
            // Files of a load cut short: never ingested, written again from the start.
            try (var leftovers = Files.list(work)) {
                for (Path file : leftovers.toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new CatalogueStoreException("cannot create " + work + ": " + e.getMessage(), e);
        }
        this.options = new Options().setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(16 * 1024));
        Arrays.fill(last, -1);
        this.chunk = chunk;
        this.episodeKeys = new byte[chunk][];
        this.episodeValues = new byte[chunk][];
    }

    /** One title of the dump, in the dump's order, with its encoded value. */
    public void add(TitleRecord title, byte[] value) {
        long key = TitleKey.of(title.tconst());
        int digits = TitleKey.digits(key);
        if (key <= last[digits]) {
            aside.add(new CatalogueStore.Change(title.tconst(), value));
            return;
        }
        last[digits] = key;
        try {
            writer(digits).put(TitleKey.bytes(key), value);
        } catch (RocksDBException e) {
            throw new CatalogueStoreException("cannot write a table file in " + work + ": " + e.getMessage(), e);
        }
        if (title.episode()) {
            episodeKeys[episodes] = CatalogueStore.episodeKey(title, key);
            episodeValues[episodes] = CatalogueStore.episodeValue(title);
            if (++episodes == chunk) {
                writeEpisodes();
            }
        }
    }

    /** Moves every file into the store, puts the titles kept aside, and records the offsets. */
    public void finish(Map<Integer, Long> offsets) throws org.imdbetl.domain.InvalidRecordException {
        try {
            for (SstFileWriter writer : titleWriters) {
                if (writer != null) {
                    writer.finish();
                }
            }
            writeEpisodes();
        } catch (RocksDBException e) {
            throw new CatalogueStoreException("cannot finish a table file in " + work + ": " + e.getMessage(), e);
        }
        if (!titleFiles.isEmpty()) {
            store.ingest(true, titleFiles);
        }
        // Chunks overlap one another: one file per call.
        for (Path file : episodeFiles) {
            store.ingest(false, List.of(file));
        }
        // The titles kept aside and the offsets, in one write after every file is in.
        store.apply(aside, offsets);
    }

    @Override
    public void close() {
        for (SstFileWriter writer : titleWriters) {
            if (writer != null) {
                writer.close();
            }
        }
        options.close();
        env.close();
    }

    private SstFileWriter writer(int digits) throws RocksDBException {
        if (titleWriters[digits] == null) {
            Path file = work.resolve("titles-" + digits + ".sst");
            titleWriters[digits] = new SstFileWriter(env, options);
            titleWriters[digits].open(file.toString());
            titleFiles.add(file);
        }
        return titleWriters[digits];
    }

    private void writeEpisodes() {
        if (episodes == 0) {
            return;
        }
        Integer[] order = new Integer[episodes];
        for (int i = 0; i < episodes; i++) {
            order[i] = i;
        }
        byte[][] keys = episodeKeys;
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        Path file = work.resolve("episodes-" + episodeFiles.size() + ".sst");
        try (SstFileWriter writer = new SstFileWriter(env, options)) {
            writer.open(file.toString());
            for (Integer i : order) {
                writer.put(keys[i], episodeValues[i]);
            }
            writer.finish();
        } catch (RocksDBException e) {
            throw new CatalogueStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
        episodeFiles.add(file);
        episodeKeys = new byte[chunk][];
        episodeValues = new byte[chunk][];
        episodes = 0;
    }
}
