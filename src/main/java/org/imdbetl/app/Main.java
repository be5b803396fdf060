package org.imdbetl.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged service's entry point: Quarkus' own, with the class preloading started first
 * ({@link ClassPreloader}). The start-up sequence itself is {@link Startup}.
 */
@QuarkusMain
public final class Main {

    /** Package-private, not private: Quarkus makes the main class a bean and would reach a private one by reflection. */
    Main() {
    }

    public static void main(String... args) {
        ClassPreloader.startIfPackaged(Main.class.getClassLoader());
        Quarkus.run(args);
    }
}
