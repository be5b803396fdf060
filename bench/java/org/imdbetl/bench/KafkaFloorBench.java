package org.imdbetl.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka floor of the benchmark: plain kafka-clients moving the same movie records (JSON keyed by
 * tconst, built in memory beforehand, so parsing is not timed) through the same broker as the
 * service, with the same producer guarantees (acks=all, idempotence).
 * Usage: java -cp "target/quarkus-app/lib/main/*" bench/java/org/imdbetl/bench/KafkaFloorBench.java BOOTSTRAP DUMP_DIR
 * Prints: records=N produce_s=X consume_s=Y
 *
 * <p>A single-file source program, as bench/run.sh runs it: besides the JDK it uses only kafka-clients,
 * never a class of the project.
 */
public class KafkaFloorBench {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path dir = Path.of(args[1]);
        List<String[]> records = movies(dir);
        String topic = "bench-floor-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get();
        }

        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap);
        producerProps.put("acks", "all");
        producerProps.put("enable.idempotence", "true");
        producerProps.put("linger.ms", "20");
        producerProps.put("batch.size", "131072");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
            for (String[] r : records) {
                producer.send(new ProducerRecord<>(topic, r[0], r[1].getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;

        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", bootstrap);
        consumerProps.put("max.poll.records", "2000");
        start = System.nanoTime();
        long consumed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (consumed < records.size()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                consumed += batch.count();
            }
        }
        double consumeSeconds = (System.nanoTime() - start) / 1e9;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        System.out.printf("records=%d produce_s=%.3f consume_s=%.3f%n", records.size(), produceSeconds, consumeSeconds);
    }

    /** The movies of the dump as (tconst, JSON), joined with their ratings; a plain reader, untimed. */
    private static List<String[]> movies(Path dir) throws Exception {
        Map<String, String[]> ratings = new HashMap<>();
        try (BufferedReader in = gunzip(dir.resolve("title.ratings.tsv.gz"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                ratings.put(f[0], f);
            }
        }
        List<String[]> records = new ArrayList<>();
        try (BufferedReader in = gunzip(dir.resolve("title.basics.tsv.gz"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (!"movie".equals(f[1])) {
                    continue;
                }
                String[] r = ratings.get(f[0]);
                String json = "{\"tconst\":\"" + f[0] + "\",\"title\":" + quote(f[2]) + ",\"originalTitle\":" + quote(f[3])
                        + ",\"year\":" + number(f[5]) + ",\"runtimeMinutes\":" + number(f[7])
                        + ",\"genres\":[" + genres(f[8]) + "],\"averageRating\":" + (r == null ? "null" : r[1])
                        + ",\"numVotes\":" + (r == null ? "null" : r[2]) + "}";
                records.add(new String[] {f[0], json});
            }
        }
        return records;
    }

    private static BufferedReader gunzip(Path file) throws Exception {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    private static String number(String field) {
        return "\\N".equals(field) ? "null" : field;
    }

    private static String genres(String field) {
        if ("\\N".equals(field)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String g : field.split(",")) {
            out.append(out.length() == 0 ? "" : ",").append(quote(g));
        }
        return out.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
