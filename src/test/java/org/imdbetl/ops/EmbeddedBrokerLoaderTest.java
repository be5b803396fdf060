package org.imdbetl.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imdbetl.config.NativeReflection;
import org.imdbetl.domain.Movie;
import org.imdbetl.kafka.EmbeddedBroker;
import org.imdbetl.kafka.EmbeddedBrokerLoader;
import org.imdbetl.snapshot.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seam that lets the native build leave the embedded broker out: found by name in the JVM build,
 * a clear failure when it is absent. Starting a real broker is EmbeddedKafkaBrokerTest's job.
 */
class EmbeddedBrokerLoaderTest {

    @Test
    void theJvmBuildHasTheEmbeddedBroker() throws Exception {
        assertThat(EmbeddedBrokerLoader.available()).isTrue();
        Class<?> implementation = Class.forName(EmbeddedBrokerLoader.IMPLEMENTATION);
        assertThat(EmbeddedBroker.class).isAssignableFrom(implementation);
        assertThat(implementation.getMethod("start", String.class, int.class, int.class, Path.class).getReturnType())
                .isEqualTo(implementation);
    }

    @ParameterizedTest
    @ValueSource(strings = { "org.imdbetl.kafka.NoSuchBroker", "java.lang.String", "org.imdbetl.domain.Movie" })
    void withoutAnImplementationItFailsAtOnceSayingWhatToSet(String implementation) {
        assertThatThrownBy(() -> EmbeddedBrokerLoader.start(implementation, "127.0.0.1", 1, 2, Path.of("unused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this native image has no embedded broker; set KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void errorsOfTheBrokerItselfComeOutUnchanged(@TempDir Path dir) throws Exception {
        // A log dir that is a file: the broker fails before it opens a port; the loader must not disguise that.
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedBrokerLoader.start("127.0.0.1", 1, 2, notADirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Could not start the embedded Kafka broker on 127.0.0.1:1 with log dir");
    }

    @Test
    void ourJacksonTypesAreRegisteredForTheNativeImage() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        assertThat(registration.targets()).contains(Movie.class, Manifest.class, Manifest.Part.class);
        for (String name : registration.classNames()) {
            assertThat(name).satisfies(n -> Class.forName(n, false, getClass().getClassLoader()));
        }
    }
}
