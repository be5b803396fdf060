package org.imdbetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.imdbetl.domain.Movie;
import org.imdbetl.lake.Manifest;
import org.junit.jupiter.api.Test;

/** What the native image must keep for reflection is registered, and every name exists. */
class NativeReflectionTest {

    @Test
    void ourJacksonTypesAreRegisteredForTheNativeImage() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        assertThat(registration.targets()).contains(Movie.class, Manifest.class, Manifest.Part.class);
        for (String name : registration.classNames()) {
            assertThat(name).satisfies(n -> Class.forName(n, false, getClass().getClassLoader()));
        }
    }
}
