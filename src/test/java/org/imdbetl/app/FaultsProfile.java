package org.imdbetl.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A service fed the bad-row fixture, on topics of its own so the sample tests are not disturbed. The
 * topic is not compacted, like the one the replaced project wrote to, so keyless records can reach it.
 */
public class FaultsProfile implements QuarkusTestProfile {

    public static final String TOPIC = "imdb-movies-faults";
    public static final String DLQ_TOPIC = "imdb-movies-faults-dlq";
    public static final String BAD_DUMP = "src/test/resources/fixtures/bad-dump";
    public static final String GOOD_ONLY = "src/test/resources/fixtures/good-only";
    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "imdb.source.location", BAD_DUMP,
                "imdb.kafka.topic", TOPIC,
                "imdb.kafka.dlq-topic", DLQ_TOPIC,
                "imdb.kafka.cleanup-policy", "delete",
                "imdb.ingest.rejects-per-reason", "1",
                "imdb.admin.token", ADMIN_TOKEN);
    }
}
