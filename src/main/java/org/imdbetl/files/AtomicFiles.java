package org.imdbetl.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces files so that a reader, or a crash, only ever sees the old file or the complete new one:
 * write a hidden temp file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
public final class AtomicFiles {

    /** Hidden, so Spark, DuckDB and pandas globs never pick up a file being written. */
    public static final String TEMP_PREFIX = ".";
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path temp = null;
        try {
            temp = newTemp(target);
            writer.writeTo(temp);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            throw failed(target, temp, e);
        }
    }

    /**
     * A fresh hidden temp path next to the target (its folder created), for a writer that fills it over
     * time, such as a download read as it arrives: {@link #publish} it once complete, or delete it.
     */
    public static Path newTemp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve(TEMP_PREFIX + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    }

    /** The second half of {@link #write}: fsync the complete temp file, rename it over the target, fsync the folder. */
    public static void publish(Path temp, Path target) throws IOException {
        try {
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            throw failed(target, temp, e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    private static IOException failed(Path target, Path temp, Exception e) throws IOException {
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
        return new IOException("could not write " + target + ": " + e.getMessage(), e);
    }

    /** Deletes temp files a crash left behind in a folder. */
    public static int deleteLeftovers(Path dir) throws IOException {
        return deleteMatching(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX);
    }

    /** Deletes the temp files of one target that a crash left behind (a half-written download, say). */
    public static int deleteLeftoversOf(Path target) throws IOException {
        return deleteMatching(target.toAbsolutePath().getParent(), TEMP_PREFIX + target.getFileName() + ".*" + TEMP_SUFFIX);
    }

    private static int deleteMatching(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                deleted++;
            }
        }
        return deleted;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
