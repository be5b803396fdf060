package org.imdbetl.source;

/**
 * What one dump file was, as ingested: enough to tell whether it changed. Null = unknown.
 *
 * @param etag           the HTTP ETag as sent, quotes included
 * @param lastModified   the HTTP Last-Modified date string as sent
 * @param contentLength  the HTTP Content-Length
 * @param size           bytes of the file, -1 while a download is still under way
 * @param modifiedMillis the local file's mtime, 0 for downloads
 * @param sha256         lower-case hex SHA-256 of the compressed bytes
 */
public record FileVersion(String etag, String lastModified, Long contentLength,
        long size, long modifiedMillis, String sha256) {

    /** A local file as seen on disk, not yet hashed. */
    static FileVersion local(long size, long modifiedMillis) {
        return new FileVersion(null, null, null, size, modifiedMillis, null);
    }

    FileVersion withSha256(String sha, long bytes) {
        return new FileVersion(etag, lastModified, contentLength, bytes, modifiedMillis, sha);
    }

    FileVersion withModifiedMillis(long millis) {
        return new FileVersion(etag, lastModified, contentLength, size, millis, sha256);
    }

    /**
     * This version with the validators of a newer answer where it has them. Not its Content-Length:
     * a 304 has no body, and some servers send 0 there.
     */
    FileVersion refreshedBy(FileVersion answer) {
        return new FileVersion(answer.etag != null ? answer.etag : etag,
                answer.lastModified != null ? answer.lastModified : lastModified,
                contentLength, size, modifiedMillis, sha256);
    }

    boolean hasValidators() {
        return etag != null || lastModified != null;
    }
}
