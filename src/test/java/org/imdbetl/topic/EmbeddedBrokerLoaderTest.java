package org.imdbetl.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam that lets the native build leave the embedded broker out: found by ServiceLoader in the JVM
 * build, a clear failure when it is absent. Starting a real broker is EmbeddedKafkaBrokerTest's job.
 */
class EmbeddedBrokerLoaderTest {

    @Test
    void theJvmBuildListsTheEmbeddedBroker() {
        assertThat(EmbeddedBrokerLoader.available()).isTrue();
        assertThat(ServiceLoader.load(EmbeddedBroker.Factory.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(EmbeddedKafkaBroker.Provider.class);
    }

    @Test
    void withoutAnImplementationItFailsAtOnceSayingWhatToSet() throws Exception {
        // A class loader that sees no META-INF/services entry: what a build without the broker sees.
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> EmbeddedBrokerLoader.start(empty, "127.0.0.1", 1, 2, Path.of("unused")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("this build has no embedded broker; set KAFKA_BOOTSTRAP_SERVERS");
        }
    }

    @Test
    void errorsOfTheBrokerItselfComeOutUnchanged(@TempDir Path dir) throws Exception {
        // A log dir that is a file: the broker fails before it opens a port; the loader must not disguise that.
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedBrokerLoader.start("127.0.0.1", 1, 2, notADirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Could not start the embedded Kafka broker on 127.0.0.1:1 with log dir");
    }
}
