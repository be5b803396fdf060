package org.imdbetl.source;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the two dumps come from: {@code sample} (the bundled files), a local directory, or a base
 * URL whose files are downloaded into a cache directory and downloaded again only when they changed.
 */
public final class ImdbSource {

    private static final Logger LOG = Logger.getLogger(ImdbSource.class);

    public static final String SAMPLE = "sample";

    /** The JDK HTTP client never gives up on a silent server by itself. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(1);

    private final String location;
    private final Path sampleDir;
    private final Path cacheDir;
    /** Null for a local source. */
    private final DumpDownloads downloads;

    public ImdbSource(String location, Path sampleDir, Path cacheDir, Duration connectTimeout) {
        this(location, sampleDir, cacheDir, connectTimeout, STALL_TIMEOUT);
    }

    /** @param stallTimeout how long a download may wait for an answer, and then for each piece of its body */
    ImdbSource(String location, Path sampleDir, Path cacheDir, Duration connectTimeout, Duration stallTimeout) {
        this.location = location.trim();
        this.sampleDir = sampleDir;
        this.cacheDir = cacheDir;
        this.downloads = isUrl() ? new DumpDownloads(connectTimeout, stallTimeout, cacheDir) : null;
    }

    public boolean isUrl() {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** What the user configured, for logs and {@code /status}. */
    public String describe() {
        if (SAMPLE.equalsIgnoreCase(location)) {
            return "sample (" + sampleDir + ")";
        }
        return location;
    }

    /**
     * Opens the named dump for a refresh, telling whether it changed since {@code lastIngested}. A URL
     * is asked with a conditional GET, a local file is compared by size and mtime, then by SHA-256.
     *
     * @throws InvalidFileException when the file cannot be found or fetched
     */
    public DumpFile open(String fileName, Optional<FileVersion> lastIngested)
            throws InvalidFileException, InterruptedException {
        DumpFile file = downloads != null ? downloads.open(uri(fileName), fileName, lastIngested)
                : openLocal(fileName, lastIngested);
        LOG.infof("Dumps: %s %s (%s)", file.describe(), file.changed() ? "changed" : "unchanged", file.checkResult());
        return file;
    }

    /** Where this source's {@link DatasetState} lives: in the cache folder, one file per source location. */
    public Path stateFile() {
        String key = isUrl() ? base() : localDir().toAbsolutePath().normalize().toString();
        byte[] hash = HashingInputStream.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        return cacheDir.resolve("dataset-" + HashingInputStream.hex(hash).substring(0, 12) + ".properties");
    }

    private DumpFile openLocal(String fileName, Optional<FileVersion> lastIngested) throws InvalidFileException {
        Path file = localDir().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new InvalidFileException(file.toString(), "does not exist. Set IMDB_SOURCE to a directory holding "
                    + ImdbReader.BASICS_FILE + " and " + ImdbReader.RATINGS_FILE + ", a base URL, or 'sample'");
        }
        try {
            return LocalDumpFile.check(fileName, file, lastIngested);
        } catch (IOException e) {
            throw new InvalidFileException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private Path localDir() {
        return SAMPLE.equalsIgnoreCase(location) ? sampleDir : Path.of(location);
    }

    private String base() {
        return location.endsWith("/") ? location : location + "/";
    }

    private URI uri(String fileName) throws InvalidFileException {
        try {
            return URI.create(base() + fileName);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(base() + fileName, "is not a valid URL (" + e.getMessage() + ")" + offlineHint());
        }
    }

    static String offlineHint() {
        return ". Use IMDB_SOURCE=sample for the bundled sample, or IMDB_SOURCE=/path/to/dir with the two .tsv.gz files";
    }

}
