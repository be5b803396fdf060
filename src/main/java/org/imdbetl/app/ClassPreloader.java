package org.imdbetl.app;

import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a thread of its own, the classes a start of the packaged service loads, in the order it
 * loads them ({@value #LIST}, written by {@code bench/startup-classes.sh}), so the main thread finds
 * most of them loaded when it gets there.
 * <p>
 * Why: a start is one thread after another (Quarkus, then the embedded broker, then the channels),
 * each mostly loading classes, and leaves the second core mostly idle; loading ahead on it shortens a
 * clean start (docs/performance.md, "Class preloading"). Classes are loaded, not initialised: no static initialiser runs out of its usual order. A class
 * the list names but this build does not have is counted and skipped; a class it misses is loaded
 * as before, when first used. So a list from an older build costs speed, never behaviour.
 * <p>
 * Only from the packaged jar ({@code quarkus-run.jar}), whose start the list records: dev mode,
 * tests and the native image start without it. {@code -D}{@value #SWITCH}{@code =false} turns it off
 * (the script records the list that way). A JVM option, not a configuration property: it acts
 * before Quarkus has read its configuration.
 */
final class ClassPreloader {

    static final String LIST = "META-INF/imdb-etl/startup-classes.txt";
    static final String SWITCH = "imdb-etl.preload-classes";
    private static final String PACKAGED_JAR_LOADER = "io.quarkus.bootstrap.runner.RunnerClassLoader";

    /** What one pass over the list did. */
    record Result(int loaded, int missing, long millis) {
    }

    private final ClassLoader loader;

    ClassPreloader(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Starts the preloading thread when running from the packaged jar with the list in it and not
     * switched off; says whether it did.
     */
    static boolean startIfPackaged(ClassLoader loader) {
        if (!loader.getClass().getName().equals(PACKAGED_JAR_LOADER) || "false".equalsIgnoreCase(System.getProperty(SWITCH))
                || loader.getResource(LIST) == null) {
            return false;
        }
        Thread thread = new Thread(() -> new ClassPreloader(loader).preloadAndLog(), "imdb-preload");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void preloadAndLog() {
        try (InputStream in = loader.getResourceAsStream(LIST)) {
            Result result = preload(in);
            // More than 1% gone: a dependency or the start-up path changed since the list was written.
            if (result.missing() * 100 > result.loaded() + result.missing()) {
                Log.warnf("Start-up: %d of the %d classes in %s are not in this build; run bench/startup-classes.sh to list them again",
                        result.missing(), result.loaded() + result.missing(), LIST);
            }
            Log.infof("Start-up: loaded %d classes beside the main thread in %d ms (%d listed but not found)",
                    result.loaded(), result.millis(), result.missing());
        } catch (IOException | RuntimeException e) {
            // Only speed is at stake: the classes load when first used, as without the list.
            Log.warnf("Start-up: could not preload the classes in %s: %s", LIST, e);
        }
    }

    /** Loads (without initialising) each class named in {@code list}: one binary name per line, {@code #} comments. */
    Result preload(InputStream list) {
        long started = System.nanoTime();
        int loaded = 0;
        int missing = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            String name;
            while ((name = reader.readLine()) != null) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name.strip(), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    missing++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + LIST, e);
        }
        return new Result(loaded, missing, (System.nanoTime() - started) / 1_000_000);
    }
}
