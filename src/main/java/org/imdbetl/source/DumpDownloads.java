package org.imdbetl.source;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.imdbetl.files.AtomicFiles;
import org.jboss.logging.Logger;

/**
 * Checks a dump at a URL against the version last ingested, as cheaply as the server allows: a
 * conditional GET (304: nothing read); a 200 whose validators equal the stored ones (the body is
 * dropped unread); and only for a server without validators, the whole body hashed and compared.
 */
final class DumpDownloads {

    private static final Logger LOG = Logger.getLogger(DumpDownloads.class);
    private static final int WRITE_BUFFER = 1 << 16;

    private final HttpClient client;
    private final Path cacheDir;
    private final Duration stallTimeout;

    /** @param stallTimeout how long to wait for an answer, and then for each piece of a body */
    DumpDownloads(Duration connectTimeout, Duration stallTimeout, Path cacheDir) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.cacheDir = cacheDir;
        this.stallTimeout = stallTimeout;
    }

    /** Where the download of this URL is cached: {@code <cache dir>/<host>/<file name>}. */
    Path cacheFile(URI uri, String fileName) {
        return cacheDir.resolve(uri.getHost() == null ? "download" : uri.getHost()).resolve(fileName);
    }

    DumpFile open(URI uri, String fileName, Optional<FileVersion> lastIngested)
            throws InvalidFileException, InterruptedException {
        Path cacheFile = cacheFile(uri, fileName);
        deleteLeftovers(cacheFile);
        // Conditionals only with a cached copy to fall back on: a 304 without one would leave nothing to read.
        Optional<FileVersion> cached = lastIngested.filter(version -> matchesCache(cacheFile, version));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(stallTimeout).GET();
        cached.map(FileVersion::etag).ifPresent(etag -> request.header("If-None-Match", etag));
        cached.map(FileVersion::lastModified).ifPresent(date -> request.header("If-Modified-Since", date));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw notDownloaded(uri, e);
        }
        InputStream body = response.body();
        DumpFile file = null;
        try {
            file = decide(uri, fileName, cacheFile, lastIngested, cached, response.statusCode(),
                    validatorsOf(response.headers()), body);
            return file;
        } finally {
            if (!(file instanceof DownloadDumpFile)) {
                // Unchanged or failed: drop the connection rather than read a body nobody needs.
                closeQuietly(body);
            }
        }
    }

    private DumpFile decide(URI uri, String fileName, Path cacheFile, Optional<FileVersion> lastIngested,
            Optional<FileVersion> cached, int status, FileVersion answer, InputStream body)
            throws InvalidFileException {
        if (status == 304 && cached.isPresent()) {
            return unchanged(uri, fileName, cacheFile, "304 Not Modified", cached.get().refreshedBy(answer));
        }
        if (status != 200) {
            throw new InvalidFileException(uri.toString(), "answered HTTP " + status + ImdbSource.offlineHint());
        }
        if (cached.isEmpty()) {
            String why = lastIngested.isEmpty() ? "no previous version" : "no cached copy";
            return streaming(fileName, uri, cacheFile, why, answer, body);
        }
        FileVersion previous = cached.get();
        if (previous.etag() != null && answer.etag() != null) {
            if (!previous.etag().equals(answer.etag())) {
                return streaming(fileName, uri, cacheFile, "new ETag", answer, body);
            }
            return sameValidator(uri, fileName, cacheFile, previous, answer, body,
                    "ETag unchanged (server ignored If-None-Match)");
        }
        if (previous.lastModified() != null && answer.lastModified() != null) {
            if (!previous.lastModified().equals(answer.lastModified())) {
                return streaming(fileName, uri, cacheFile, "new Last-Modified", answer, body);
            }
            return sameValidator(uri, fileName, cacheFile, previous, answer, body,
                    "Last-Modified unchanged (server ignored If-Modified-Since)");
        }
        // Nothing to compare (no validators now, or none stored): only the bytes can tell.
        return compareHashes(uri, fileName, cacheFile, previous, answer, body);
    }

    private DumpFile sameValidator(URI uri, String fileName, Path cacheFile, FileVersion previous, FileVersion answer,
            InputStream body, String checkResult) {
        if (answer.contentLength() != null && answer.contentLength() != previous.size()) {
            return streaming(fileName, uri, cacheFile, "new Content-Length", answer, body);
        }
        return unchanged(uri, fileName, cacheFile, checkResult, previous.refreshedBy(answer));
    }

    private DumpFile compareHashes(URI uri, String fileName, Path cacheFile, FileVersion previous, FileVersion answer,
            InputStream body) throws InvalidFileException {
        Path temp = null;
        FileVersion downloaded;
        try {
            temp = AtomicFiles.newTemp(cacheFile);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), WRITE_BUFFER);
                    HashingInputStream in = new HashingInputStream(body, out, lengthOf(answer));
                    Closeable guard = StallGuard.watch(in, stallTimeout, uri.toString())) {
                in.drain();
                downloaded = answer.withSha256(in.sha256Hex(), in.count());
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw notDownloaded(uri, e);
        } finally {
            closeQuietly(body);
        }
        if (downloaded.sha256().equals(previous.sha256())) {
            deleteQuietly(temp);
            return unchanged(uri, fileName, cacheFile, "SHA-256 unchanged", previous.refreshedBy(answer));
        }
        return DownloadDumpFile.downloaded(fileName, uri, cacheFile, "SHA-256 changed", downloaded, temp);
    }

    private DumpFile streaming(String fileName, URI uri, Path cacheFile, String checkResult, FileVersion answer,
            InputStream body) {
        return DownloadDumpFile.streaming(fileName, uri, cacheFile, checkResult, answer, body, stallTimeout);
    }

    private static DumpFile unchanged(URI uri, String fileName, Path cacheFile, String checkResult, FileVersion version) {
        return new LocalDumpFile(fileName, cacheFile, uri.toString(), false, checkResult, version);
    }

    private static FileVersion validatorsOf(HttpHeaders headers) {
        OptionalLong length = headers.firstValueAsLong("Content-Length");
        Long contentLength = length.isPresent() ? length.getAsLong() : null;
        return new FileVersion(headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null),
                contentLength, contentLength == null ? -1 : contentLength, 0, null);
    }

    private static long lengthOf(FileVersion answer) {
        return answer.contentLength() == null ? -1 : answer.contentLength();
    }

    /** The cached copy is what was last ingested, as far as a cheap look tells. */
    private static boolean matchesCache(Path cacheFile, FileVersion version) {
        try {
            return version.sha256() != null && Files.isRegularFile(cacheFile) && Files.size(cacheFile) == version.size();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteLeftovers(Path cacheFile) {
        try {
            int deleted = AtomicFiles.deleteLeftoversOf(cacheFile);
            if (deleted > 0) {
                LOG.infof("Dumps: deleted %d unfinished download(s) of %s", deleted, cacheFile);
            }
        } catch (IOException e) {
            LOG.warnf("Dumps: could not delete unfinished downloads of %s: %s", cacheFile, e.getMessage());
        }
    }

    private static InvalidFileException notDownloaded(URI uri, IOException e) {
        return new InvalidFileException(uri.toString(), "could not be downloaded (" + e + ")" + ImdbSource.offlineHint(), e);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debugf("Dumps: closing a response body: %s", e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Dumps: could not delete %s: %s", file, e.getMessage());
        }
    }
}
