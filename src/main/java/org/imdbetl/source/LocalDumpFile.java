package org.imdbetl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A dump file read from disk: a file of a directory source, or the cached copy of an unchanged
 * download. Hashes while the caller reads when the SHA-256 is not known yet.
 */
final class LocalDumpFile implements DumpFile {

    private final String name;
    private final Path path;
    private final String description;
    private final boolean changed;
    private final String checkResult;
    private final FileVersion version;
    private InputStream opened;
    private HashingInputStream hashing;

    /** @param version the file as seen now; without SHA-256 it is computed while the caller reads */
    LocalDumpFile(String name, Path path, String description, boolean changed, String checkResult, FileVersion version) {
        this.name = name;
        this.path = path;
        this.description = description;
        this.changed = changed;
        this.checkResult = checkResult;
        this.version = version;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean changed() {
        return changed;
    }

    @Override
    public String checkResult() {
        return checkResult;
    }

    @Override
    public FileVersion version() {
        return version;
    }

    @Override
    public long totalBytes() {
        return version.size();
    }

    @Override
    public InputStream open() throws IOException {
        if (opened != null) {
            throw new IllegalStateException(describe() + " was opened already");
        }
        opened = Files.newInputStream(path);
        if (version.sha256() != null) {
            return opened;
        }
        hashing = new HashingInputStream(opened, null, version.size());
        return hashing;
    }

    @Override
    public FileVersion commit() throws IOException {
        if (version.sha256() != null) {
            return version;
        }
        if (hashing == null) {
            // Never read: one pass of its own.
            open();
        }
        // What the gzip reader left after its trailer, if anything; a file that grew or shrank fails here.
        hashing.drain();
        return version.withSha256(hashing.sha256Hex(), hashing.count());
    }

    @Override
    public void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
    }

    /**
     * Compares a file on disk with the version last ingested: equal size and mtime mean unchanged without
     * reading it; a different size means changed (hashed while the caller reads); else the SHA-256 decides.
     */
    static LocalDumpFile check(String name, Path file, Optional<FileVersion> lastIngested) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileVersion now = FileVersion.local(attributes.size(), attributes.lastModifiedTime().toMillis());
        String description = file.toString();
        if (lastIngested.isEmpty() || lastIngested.get().sha256() == null) {
            return new LocalDumpFile(name, file, description, true, "no previous version", now);
        }
        FileVersion previous = lastIngested.get();
        if (previous.size() != now.size()) {
            return new LocalDumpFile(name, file, description, true, "size changed", now);
        }
        if (previous.modifiedMillis() == now.modifiedMillis()) {
            return new LocalDumpFile(name, file, description, false, "size and mtime unchanged", previous);
        }
        String sha = sha256Of(file);
        if (sha.equals(previous.sha256())) {
            return new LocalDumpFile(name, file, description, false, "SHA-256 unchanged",
                    previous.withModifiedMillis(now.modifiedMillis()));
        }
        return new LocalDumpFile(name, file, description, true, "SHA-256 changed", now.withSha256(sha, now.size()));
    }

    /** SHA-256 of a whole file, streamed. */
    static String sha256Of(Path file) throws IOException {
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file), null, -1)) {
            in.drain();
            in.closeSource();
            return in.sha256Hex();
        }
    }

    @Override
    public String toString() {
        return describe() + (changed ? " changed: " : " unchanged: ") + checkResult;
    }
}
