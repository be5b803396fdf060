package org.imdbetl.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Where the two dumps come from: {@code sample} (the bundled files), a local directory, or a base
 * URL whose files are downloaded once into a cache directory and reused.
 */
public final class ImdbSource {

    private static final Logger LOG = Logger.getLogger(ImdbSource.class);

    public static final String SAMPLE = "sample";

    private final String location;
    private final Path sampleDir;
    private final Path cacheDir;
    private final Duration connectTimeout;

    public ImdbSource(String location, Path sampleDir, Path cacheDir, Duration connectTimeout) {
        this.location = location.trim();
        this.sampleDir = sampleDir;
        this.cacheDir = cacheDir;
        this.connectTimeout = connectTimeout;
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
     * A local path of the named dump, downloading it first when the source is a URL.
     *
     * @throws InvalidFileException when the file cannot be found or fetched
     */
    public Path resolve(String fileName) throws InvalidFileException, InterruptedException {
        if (isUrl()) {
            return download(fileName);
        }
        Path dir = SAMPLE.equalsIgnoreCase(location) ? sampleDir : Path.of(location);
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new InvalidFileException(file.toString(), "does not exist. Set IMDB_SOURCE to a directory holding "
                    + ImdbReader.BASICS_FILE + " and " + ImdbReader.RATINGS_FILE + ", a base URL, or 'sample'");
        }
        return file;
    }

    private Path download(String fileName) throws InvalidFileException, InterruptedException {
        String base = location.endsWith("/") ? location : location + "/";
        URI uri = URI.create(base + fileName);
        Path dir = cacheDir.resolve(uri.getHost() == null ? "download" : uri.getHost());
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target)) {
            LOG.infof("Ingest: reusing %s downloaded earlier from %s (delete it to download again)", target, uri);
            return target;
        }
        LOG.infof("Ingest: downloading %s to %s", uri, target);
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidFileException(uri.toString(), "answered HTTP " + response.statusCode() + offlineHint());
                }
                AtomicFiles.write(target, temp -> Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING));
            }
            return target;
        } catch (IOException e) {
            throw new InvalidFileException(uri.toString(), "could not be downloaded (" + e + ")" + offlineHint(), e);
        }
    }

    private static String offlineHint() {
        return ". Use IMDB_SOURCE=sample for the bundled sample, or IMDB_SOURCE=/path/to/dir with the two .tsv.gz files";
    }

}
