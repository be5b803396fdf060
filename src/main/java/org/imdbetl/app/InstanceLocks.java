package org.imdbetl.app;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.files.DirectoryLock;

/**
 * The folders this instance writes, locked before anything is written to them: the embedded broker's log,
 * the history store, the lake (when it writes snapshots) and the download cache (when it refreshes). A
 * second instance pointed at one of them stops at once, naming the folder and the instance holding it, and
 * has changed nothing.
 */
final class InstanceLocks implements AutoCloseable {

    private final List<DirectoryLock> locks;

    private InstanceLocks(List<DirectoryLock> locks) {
        this.locks = locks;
    }

    /** @param embeddedBroker whether this instance runs the embedded broker (and so writes its log) */
    static InstanceLocks acquire(ImdbConfig config, boolean embeddedBroker, int httpPort) {
        Map<Path, String> folders = new LinkedHashMap<>();
        if (embeddedBroker) {
            folders.put(config.kafka().embedded().logDir(), "imdb.kafka.embedded.log-dir");
        }
        folders.put(config.history().dir(), "HISTORY_DIR");
        folders.put(config.catalogue().dir(), "CATALOGUE_DIR");
        if (config.snapshot().enabled()) {
            folders.put(config.snapshot().outputDir(), "OUTPUT_DIR");
        }
        if (refreshes(config)) {
            folders.put(config.source().cacheDir(), "imdb.source.cache-dir");
        }
        String holder = holder(httpPort);
        List<DirectoryLock> taken = new ArrayList<>();
        for (Map.Entry<Path, String> folder : folders.entrySet()) {
            try {
                taken.add(DirectoryLock.acquire(folder.getKey(), holder));
            } catch (IOException e) {
                closeAll(taken);
                throw new IllegalStateException("Start-up stopped before writing anything: " + e.getMessage()
                        + ". Stop that instance, or give this one folders of its own (" + folder.getValue()
                        + String.join("", folders.values().stream().filter(v -> !v.equals(folder.getValue()))
                                .map(v -> ", " + v).toList())
                        + "); see docs/operations.md, \"Scale-out\"", e);
            }
        }
        Log.debugf("Locked %s for this instance (%s)", folders.keySet(), holder);
        return new InstanceLocks(taken);
    }

    /** Whether this instance may refresh, and so write the download cache. */
    private static boolean refreshes(ImdbConfig config) {
        return config.ingest().onStart() || !"off".equalsIgnoreCase(config.refresh().interval().trim())
                || config.admin().token().filter(token -> !token.isBlank()).isPresent();
    }

    private static String holder(int httpPort) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", HTTP port " + httpPort + ", since "
                + Instant.now();
    }

    @Override
    public void close() {
        closeAll(locks);
    }

    private static void closeAll(List<DirectoryLock> locks) {
        for (DirectoryLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                Log.warnf("Could not release the lock on %s: %s", lock.directory(), e.getMessage());
            }
        }
    }
}
