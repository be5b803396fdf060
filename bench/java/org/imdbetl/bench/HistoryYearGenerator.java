package org.imdbetl.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.history.HistoryPoint.Event;
import org.imdbetl.topic.HistoryJson;

/**
 * A year of daily refreshes of the dump's movies, written to the history topic as the service's ingest
 * writes them: key and value from the service's own {@code HistoryJson} (the packaged app jar is on the
 * classpath), a plain producer with the same guarantees (acks=all, idempotence). From there the points
 * take the real path: topic, every instance's HistoryListener, RocksDB, REST.
 * Day 1 (2025-01-01T06:00:00Z) is NEW for every movie with the dump's values; each later day, a day
 * apart, ~14.23% of the present movies change (votes grow; three times in ten the rating moves by -0.1, 0 or
 * +0.1; weightedScore with m=3000, C=6.5),
 * 0.05% are REMOVED, and a tenth of the removed come back as NEW: the generator of RatingHistoryBench
 * (bench/HISTORY.md), on the dump's real ids and values. Seeded: the same dump gives the same year.
 * Usage: java -cp "target/quarkus-app/lib/main/*:target/quarkus-app/app/*" bench/java/org/imdbetl/bench/HistoryYearGenerator.java BOOTSTRAP DUMP_DIR DAYS [TOPIC]
 * Prints progress, then: points=N seconds=X end_offsets=SUM last_as_of=INSTANT
 *
 * <p>A single-file source program, as bench/history-year.sh runs it: besides the JDK it uses only what the
 * packaged service has (kafka-clients and the service's own classes), never another benchmark class.
 */
public class HistoryYearGenerator {

    static final Instant FIRST = Instant.parse("2025-01-01T06:00:00Z");
    static final double CHANGED = 0.1423;
    static final double REMOVED = 0.0005;
    static final double RETURNS = 0.1;
    static final double M = 3000;
    static final double C = 6.5;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path dir = Path.of(args[1]);
        int days = Integer.parseInt(args[2]);
        String topic = args.length > 3 ? args[3] : "imdb-movie-history";

        List<String> tconsts = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        movies(dir, tconsts, values);
        int n = tconsts.size();
        double[] ratings = new double[n];
        long[] votes = new long[n];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] v = values.get(i);
            ratings[i] = v == null ? 0 : v[0];
            votes[i] = v == null ? 0 : (long) v[1];
            present[i] = true;
        }
        values = null;
        System.out.printf("%d movies in %s, %d days from %s%n", n, dir, days, FIRST);

        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", "65536");
        HistoryJson json = new HistoryJson();
        SplittableRandom random = new SplittableRandom(13);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long points = 0;
        long start = System.nanoTime();
        Instant asOf = FIRST;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int day = 0; day < days; day++) {
                asOf = FIRST.plus(Duration.ofDays(day));
                long today = 0;
                for (int i = 0; i < n; i++) {
                    HistoryPoint point = day == 0 ? point(asOf, Event.NEW, ratings[i], votes[i])
                            : next(i, asOf, random, ratings, votes, present);
                    if (point == null) {
                        continue;
                    }
                    HistoryEntry entry = new HistoryEntry(tconsts.get(i), point);
                    producer.send(new ProducerRecord<>(topic, json.key(entry), json.encode(entry)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    today++;
                }
                points += today;
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (day == 0 || (day + 1) % 30 == 0 || day == days - 1) {
                    System.out.printf("  day %d (%s): %d points, %d in all, %.0f s%n", day + 1, asOf, today, points,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("points=%d seconds=%.1f end_offsets=%d last_as_of=%s%n", points, seconds, endOffsets(bootstrap, topic), asOf);
    }

    /** One later day for movie i: its point, or null when the day left it alone. */
    static HistoryPoint next(int i, Instant asOf, SplittableRandom random, double[] ratings, long[] votes, boolean[] present) {
        if (!present[i]) {
            if (random.nextDouble() < RETURNS) {
                present[i] = true;
                return point(asOf, Event.NEW, ratings[i], votes[i]);
            }
            return null;
        }
        if (random.nextDouble() < REMOVED) {
            present[i] = false;
            return new HistoryPoint(asOf, Event.REMOVED, null, null, null);
        }
        if (random.nextDouble() >= CHANGED) {
            return null;
        }
        if (votes[i] > 0) {
            votes[i] += 1 + random.nextInt(1 + (int) Math.min(votes[i] / 50, 10_000));
            if (random.nextDouble() < 0.3) {
                ratings[i] = Math.max(1.0, Math.min(10.0, Math.round(ratings[i] * 10 + random.nextInt(3) - 1) / 10.0));
            }
        } else if (random.nextDouble() < 0.05) {
            // an unrated movie gets its first ratings (IMDb publishes from 5 votes)
            ratings[i] = 1 + random.nextInt(91) / 10.0;
            votes[i] = 5;
        }
        return point(asOf, Event.CHANGED, ratings[i], votes[i]);
    }

    /** The service's WeightedRating (package-private there): (v·R + m·C)/(v+m). */
    static HistoryPoint point(Instant asOf, Event event, double rating, long votes) {
        if (votes == 0) {
            return new HistoryPoint(asOf, event, null, null, null);
        }
        return new HistoryPoint(asOf, event, rating, votes, (votes * rating + M * C) / (votes + M));
    }

    /** Sum over the topic's partitions of the next offset: where the listeners are done. */
    static long endOffsets(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The dump's movies in file order, each with {rating, votes} or null when unrated. */
    static void movies(Path dir, List<String> tconsts, List<double[]> values) throws Exception {
        Map<String, double[]> ratings = new HashMap<>();
        try (BufferedReader in = gunzip(dir.resolve("title.ratings.tsv.gz"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                ratings.put(f[0], new double[] {Double.parseDouble(f[1]), Long.parseLong(f[2])});
            }
        }
        try (BufferedReader in = gunzip(dir.resolve("title.basics.tsv.gz"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                int a = line.indexOf('\t');
                int b = line.indexOf('\t', a + 1);
                if (b - a - 1 != 5 || !line.startsWith("movie", a + 1)) {
                    continue;
                }
                String tconst = line.substring(0, a);
                tconsts.add(tconst);
                values.add(ratings.get(tconst));
            }
        }
    }

    private static BufferedReader gunzip(Path file) throws Exception {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }
}
