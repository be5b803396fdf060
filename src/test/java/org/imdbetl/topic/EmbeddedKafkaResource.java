package org.imdbetl.topic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real embedded KRaft broker on free ports with a fresh log dir, for {@code @QuarkusTest}s. The
 * service then sees {@code kafka.bootstrap.servers} set and starts no broker of its own.
 */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            Path logDir = Files.createTempDirectory("imdb-etl-test-kafka");
            broker = EmbeddedKafkaBroker.start("127.0.0.1", freePort(), freePort(), logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
