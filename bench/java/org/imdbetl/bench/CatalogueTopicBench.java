package org.imdbetl.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imdbetl.catalogue.BulkLoad;
import org.imdbetl.catalogue.CatalogueStore;
import org.imdbetl.catalogue.CatalogueStore.Change;
import org.imdbetl.catalogue.TitleRecordCodec;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.topic.EmbeddedKafkaBroker;

/**
 * The catalogue's first load through a real broker, as docs/catalogue.md designs it, without the rest of
 * the service: one thread reads title.basics + ratings + episode and produces one record per title
 * (key tconst, value {@link TitleRecordCodec}) to a compacted topic on the embedded broker; a second
 * thread consumes it and writes batches with their offsets to a {@link CatalogueStore}. Prints the time
 * until the store holds every title, against {@code zcat} of the same files run first in the same command,
 * and the process's CPU, heap after GC and peak RSS.
 *
 * <pre>bench/program.sh CatalogueTopicBench -Dbench.dumps=DIR [-Dbench.compression=lz4] [-Dbench.port=19392]</pre>
 */
public final class CatalogueTopicBench {

    static final String TOPIC = "imdb-titles-bench";
    static final int PARTITIONS = 3;
    static final int BATCH = 10_000;

    private CatalogueTopicBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("bench.dumps", "bench/work/full"));
        String compression = System.getProperty("bench.compression", "lz4");
        String mode = System.getProperty("bench.mode", "consume");
        boolean bulk = Boolean.getBoolean("bench.bulk");
        int port = Integer.getInteger("bench.port", 19392);
        Path work = Path.of(System.getProperty("bench.work", "bench/work/catalogue-topic"));
        run(dumps, compression, mode, bulk, port, work, System.out);
    }

    /**
     * @param mode {@code consume}: the store is written by a consumer of the topic; {@code local}: the
     *             writer applies each batch to its store itself and produces it, nothing is consumed (a reader
     *             would restore from the topic); {@code local-parallel}: the same with reading and encoding on one
     *             thread, sending and applying on another
     * @param bulk in a local mode, the writer's store is written as sorted table files ({@link BulkLoad})
     */
    static void run(Path dumps, String compression, String mode, boolean bulk, int port, Path work, PrintStream out)
            throws Exception {
        if (!List.of("consume", "local", "local-parallel").contains(mode)) {
            throw new IllegalArgumentException("bench.mode: consume, local or local-parallel, not " + mode);
        }
        CatalogueStoreBench.deleteTree(work);
        Files.createDirectories(work);
        List<String> files = new ArrayList<>(List.of("title.basics.tsv.gz", "title.ratings.tsv.gz"));
        if (Files.exists(dumps.resolve("title.episode.tsv.gz"))) {
            files.add("title.episode.tsv.gz");
        }
        long z0 = System.nanoTime();
        List<String> zcat = new ArrayList<>(List.of("zcat"));
        files.forEach(f -> zcat.add(dumps.resolve(f).toString()));
        Process process = new ProcessBuilder(zcat).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("zcat failed");
        }
        double zcatSeconds = (System.nanoTime() - z0) / 1e9;
        out.printf("floor: zcat of %s: %.2f s%n", files, zcatSeconds);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", port, port + 1, work.resolve("kafka"));
             CatalogueStore store = CatalogueStore.open(work.resolve("store"))) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(PARTITIONS), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            AtomicLong produced = new AtomicLong(-1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] consumedAt = new long[1];
            Thread consumer = new Thread(() -> {
                try {
                    consumedAt[0] = consume(bootstrap, store, produced);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "catalogue-listener");
            if (mode.equals("consume")) {
                consumer.start();
            }

            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("acks", "all");
            props.put("enable.idempotence", "true");
            props.put("linger.ms", "20");
            props.put("batch.size", Integer.toString(256 * 1024));
            props.put("buffer.memory", Long.toString(64L << 20));
            props.put("compression.type", compression);
            long[] sent = {0};
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                BulkLoad load = bulk && !mode.equals("consume") ? new BulkLoad(store) : null;
                Sender sender = new Sender(producer, store, failure, !mode.equals("consume"), load);
                java.util.concurrent.BlockingQueue<List<Item>> handOff = new java.util.concurrent.ArrayBlockingQueue<>(4);
                Thread applier = new Thread(() -> {
                    try {
                        for (List<Item> batch; !(batch = handOff.take()).isEmpty(); ) {
                            sender.send(batch);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "catalogue-sender");
                boolean parallel = mode.equals("local-parallel");
                if (parallel) {
                    applier.start();
                }
                List<List<Item>> current = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
                CatalogueStoreBench.read(dumps, new CatalogueStoreBench.Counts(), title -> {
                    current.get(0).add(new Item(title, TitleRecordCodec.encode(title)));
                    sent[0]++;
                    if (current.get(0).size() == BATCH) {
                        if (parallel) {
                            handOff.put(current.get(0));
                        } else {
                            sender.send(current.get(0));
                        }
                        current.set(0, new ArrayList<>(BATCH));
                    }
                });
                if (parallel) {
                    handOff.put(current.get(0));
                    handOff.put(List.of());
                    applier.join();
                } else {
                    sender.send(current.get(0));
                }
                if (load != null) {
                    load.finish(Map.of(0, sent[0]));
                    load.close();
                }
                producer.flush();
            }
            long producedAt = System.nanoTime();
            produced.set(sent[0]);
            if (mode.equals("consume")) {
                consumer.join();
            } else {
                consumedAt[0] = producedAt;
            }
            if (failure.get() != null) {
                throw new IllegalStateException("failed", failure.get());
            }
            double end = (consumedAt[0] - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            out.printf("mode %s%s, compression %s: %,d titles produced in %.2f s; in the store after %.2f s = %.2f x zcat;"
                            + " process CPU %.1f s (broker, producer, consumer, store)%n", mode, load(bulk, mode), compression, sent[0],
                    (producedAt - t0) / 1e9, end, end / zcatSeconds, cpu);
            out.printf("store: %,d bytes of table files after flush; offsets %s%n", flushed(store), store.offsets());
            out.printf("heap after GC: %.1f MB; peak RSS %s%n", CatalogueStoreBench.heapAfterGc() / 1e6, peakRss());
        }
    }

    static String load(boolean bulk, String mode) {
        return bulk && !mode.equals("consume") ? " (store written as table files)" : "";
    }

    /** A title and its encoded value. */
    record Item(TitleRecord title, byte[] value) {
    }

    /** Produces a batch and, where the writer keeps its own store, applies it with the offsets it reached. */
    static final class Sender {
        private final KafkaProducer<String, byte[]> producer;
        private final CatalogueStore store;
        private final AtomicReference<Throwable> failure;
        private final boolean applyLocally;
        private final BulkLoad load;
        private long sent;

        Sender(KafkaProducer<String, byte[]> producer, CatalogueStore store, AtomicReference<Throwable> failure,
               boolean applyLocally, BulkLoad load) {
            this.producer = producer;
            this.store = store;
            this.failure = failure;
            this.applyLocally = applyLocally;
            this.load = load;
        }

        void send(List<Item> batch) throws Exception {
            List<Change> changes = new ArrayList<>(batch.size());
            for (Item item : batch) {
                producer.send(new ProducerRecord<>(TOPIC, item.title().tconst(), item.value()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (load != null) {
                    load.add(item.title(), item.value());
                } else {
                    changes.add(new Change(item.title().tconst(), item.value()));
                }
            }
            sent += batch.size();
            if (applyLocally && load == null) {
                store.apply(changes, Map.of(0, sent));
            }
        }
    }

    static long flushed(CatalogueStore store) {
        store.flush();
        return store.sstBytes();
    }

    static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }

    /** @return when the store held every produced record */
    static long consume(String bootstrap, CatalogueStore store, AtomicLong produced) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("max.poll.records", Integer.toString(BATCH));
        props.put("fetch.max.bytes", Integer.toString(16 << 20));
        props.put("max.partition.fetch.bytes", Integer.toString(4 << 20));
        long consumed = 0;
        List<Change> batch = new ArrayList<>(BATCH);
        Map<Integer, Long> offsets = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (produced.get() < 0 || consumed < produced.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    batch.add(new Change(record.key(), record.value()));
                    offsets.put(record.partition(), record.offset() + 1);
                }
                consumed += records.count();
                if (!batch.isEmpty()) {
                    store.apply(batch, offsets);
                    batch.clear();
                }
            }
        }
        return System.nanoTime();
    }
}
