package org.imdbetl.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @TempDir
    Path root;

    @Test
    void aLockedFolderIsRefusedWithItsHolderUntilReleased() throws Exception {
        Path dir = root.resolve("data/kafka");
        try (DirectoryLock first = DirectoryLock.acquire(dir, "pid 1 on host a, HTTP port 8080")) {
            assertThat(dir.resolve(DirectoryLock.FILE_NAME)).exists();
            assertThatThrownBy(() -> DirectoryLock.acquire(dir, "pid 2 on host b, HTTP port 8081"))
                    .isInstanceOf(DirectoryLock.DirectoryInUseException.class)
                    .hasMessage(dir.toAbsolutePath() + " is in use by another imdb-etl instance (pid 1 on host a, HTTP port 8080)");
        }
        try (DirectoryLock again = DirectoryLock.acquire(dir, "pid 3 on host c, HTTP port 8082")) {
            assertThat(Files.readString(dir.resolve(DirectoryLock.FILE_NAME))).isEqualTo("pid 3 on host c, HTTP port 8082\n");
        }
    }

    @Test
    void namesTheFolderWhenItCannotBeMade() throws Exception {
        Path file = Files.writeString(root.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> DirectoryLock.acquire(file.resolve("sub"), "pid 1"))
                .hasMessageContaining("could not lock " + file.resolve("sub").toAbsolutePath());
    }
}
