package org.imdbetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClassPreloaderTest {

    /** Set by {@link Probe}'s static initialiser: preloading must not run it. */
    static final AtomicBoolean PROBE_INITIALISED = new AtomicBoolean();

    static final class Probe {
        static {
            PROBE_INITIALISED.set(true);
        }
    }

    @Test
    void theBundledListNamesClassesThisBuildHas() throws IOException {
        List<String> names;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ClassPreloader.LIST)) {
            assertThat(in).as(ClassPreloader.LIST).isNotNull();
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        assertThat(names).doesNotHaveDuplicates().noneMatch(name -> name.contains("/"))
                .contains("kafka.server.KafkaRaftServer", "org.imdbetl.app.Startup");

        ClassPreloader.Result result = preload(getClass().getClassLoader(), String.join("\n", names));

        // A stale list only slows starts down; more than 1% gone means bench/startup-classes.sh should run again.
        assertThat(result.loaded() + result.missing()).isEqualTo(names.size());
        assertThat(result.missing()).as("classes listed but not found").isLessThanOrEqualTo(names.size() / 100);
    }

    @Test
    void loadsEachNamedClassWithoutInitialisingItAndCountsTheMissingOnes() {
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        String list = """
                # a comment
                org.imdbetl.app.ClassPreloaderTest$Probe

                org.imdbetl.NoSuchClass
                java.util.concurrent.ConcurrentSkipListSet
                """;

        ClassPreloader.Result result = preload(recording, list);

        assertThat(result.loaded()).isEqualTo(2);
        assertThat(result.missing()).isEqualTo(1);
        assertThat(asked).containsExactly("org.imdbetl.app.ClassPreloaderTest$Probe", "org.imdbetl.NoSuchClass",
                "java.util.concurrent.ConcurrentSkipListSet");
        assertThat(PROBE_INITIALISED).isFalse();
    }

    @Test
    void startsOnlyFromThePackagedJar() {
        // The test's class loader is not the packaged jar's: dev mode and tests start without preloading.
        assertThat(ClassPreloader.startIfPackaged(getClass().getClassLoader())).isFalse();
    }

    private static ClassPreloader.Result preload(ClassLoader loader, String list) {
        return new ClassPreloader(loader).preload(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)));
    }
}
