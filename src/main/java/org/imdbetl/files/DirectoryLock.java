package org.imdbetl.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This process's claim on a folder it writes: an OS file lock on {@code .imdb-etl.lock} in the folder,
 * whose content says who holds it. A second instance pointed at the same folder finds it locked and
 * stops before it writes anything; the lock goes with the process, so a crash never leaves it held.
 */
public final class DirectoryLock implements AutoCloseable {

    /** Hidden, so Spark, DuckDB and pandas globs never pick it up in the output folder. */
    public static final String FILE_NAME = ".imdb-etl.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the folder (created if missing) for this process.
     *
     * @param holder who takes it, as another instance will be told (pid, host, ports, start time)
     * @throws DirectoryInUseException when another process, or another part of this one, holds it: the
     *                                 message names the folder and the holder
     * @throws IOException naming the folder when it cannot be created or its lock file written
     */
    public static DirectoryLock acquire(Path directory, String holder) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = readHolder(channel);
                channel.close();
                throw new DirectoryInUseException(dir, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DirectoryLock(dir, channel, lock);
        } catch (DirectoryInUseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            throw new IOException("could not lock " + dir + " for this instance: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Releases the folder; the lock file stays, with the last holder's line in it. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(1024);
        channel.read(bytes, 0);
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "an unknown process" : text;
    }

    /** The folder is locked by another holder. */
    public static final class DirectoryInUseException extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Path directory;

        DirectoryInUseException(Path directory, String holder) {
            super(directory + " is in use by another imdb-etl instance (" + holder + ")");
            this.directory = directory;
        }

        public Path directory() {
            return directory;
        }
    }
}
