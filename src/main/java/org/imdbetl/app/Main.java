package org.imdbetl.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged service's entry point: Quarkus' own, with the class preloading started first
 * ({@link ClassPreloader}). The start-up sequence itself is {@link Startup}.
 */
@QuarkusMain
public final class Main {

    /**
     * Turns Quarkus' check of request URIs off: it answers a malformed URI with a 400 without a body, and the
     * service makes the same check with a JSON body ({@code rest.HttpErrors}). Set here for the packaged jar;
     * the build sets it for the tests' and dev mode's JVMs.
     */
    public static final String URI_CHECK_SWITCH = "vertx.disableURIValidation";

    /** Package-private, not private: Quarkus makes the main class a bean and would reach a private one by reflection. */
    Main() {
    }

    public static void main(String... args) {
        System.setProperty(URI_CHECK_SWITCH, "true");
        ClassPreloader.startIfPackaged(Main.class.getClassLoader());
        Quarkus.run(args);
    }
}
