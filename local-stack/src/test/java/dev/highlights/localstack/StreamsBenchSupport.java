package dev.highlights.localstack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the Kafka Streams benchmarks of chat-service and fusion-service share: the broker floor and CPU readings. */
public final class StreamsBenchSupport {
    private StreamsBenchSupport() {
    }

    /**
     * The broker floor of a Kafka Streams app: one thread consuming {@code records} raw records from {@code topics}
     * (from the earliest offset) and producing each to a fresh 12-partition topic, as the app's own reads and writes
     * would, without any processing. Answers the wall time in seconds.
     */
    public static double relayFloorSeconds(LocalStack stack, long records, List<String> topics) throws Exception {
        String sink = "bench-floor-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(sink, 12, (short) 1))).all().get();
        }
        long t0 = System.nanoTime();
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "floor-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(topics);
            while (n < records) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(sink, r.key(), r.value()));
                    n++;
                }
            }
            producer.flush();
        }
        return seconds(System.nanoTime() - t0);
    }

    /** Kafka at WARN: without Quarkus' logging setup the client libraries would log (and format) at TRACE. */
    public static void quietLogs() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
    }

    /** CPU time of the Kafka Streams stream thread(s) of this JVM, nanoseconds. */
    public static long streamThreadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * CPU time of every thread of this process by its OS name, Java or not (JIT compilers, GC workers, RocksDB's
     * background threads), from {@code /proc/self/task}: nanoseconds, at clock-tick resolution; threads that share a
     * name, and names the OS cut at 15 characters, are summed. Empty where there is no {@code /proc}.
     */
    public static Map<String, Long> osThreadCpuNanosByName() {
        Map<String, Long> byName = new java.util.HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return byName;
        }
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                // "tid (name) state ..." : utime and stime are the 12th and 13th fields after the name.
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byName.merge(name, ticks * 10_000_000L, Long::sum); // USER_HZ is 100 on Linux
            } catch (java.io.IOException | RuntimeException gone) {
                // the thread ended meanwhile
            }
        }
        return byName;
    }

    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
