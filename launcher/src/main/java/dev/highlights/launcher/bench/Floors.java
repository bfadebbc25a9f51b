package dev.highlights.launcher.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The physical floors every stage is compared with, measured on the same file and broker in the same run. */
public final class Floors {

    private Floors() {
    }

    /** One slice of the media for one single-threaded decoder: {@code -ss start -t length}. */
    public record Slice(double startSec, double lengthSec) {
    }

    /**
     * Equal slices covering {@code [0, durationSec)}; the last one runs to the end (its {@code -t} is padded by a
     * second so rounding never drops the final frames).
     */
    public static List<Slice> slices(double durationSec, int n) {
        if (n < 1 || !(durationSec > 0)) {
            throw new IllegalArgumentException("need n >= 1 and a positive duration: " + n + ", " + durationSec);
        }
        List<Slice> out = new ArrayList<>();
        double step = durationSec / n;
        for (int i = 0; i < n; i++) {
            double start = i * step;
            double length = i == n - 1 ? durationSec - start + 1 : step;
            out.add(new Slice(start, length));
        }
        return out;
    }

    /** The ffmpeg command line of one video-floor slice. */
    public static List<String> videoSliceCommand(Path file, Slice slice) {
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-threads", "1", "-an",
                "-ss", fmt(slice.startSec()), "-t", fmt(slice.lengthSec()), "-i", file.toString(), "-f", "null", "-");
    }

    /** The audio floor's ffmpeg command line: decode and resample to 16 kHz mono, to nowhere. */
    public static List<String> audioCommand(Path file) {
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-vn", "-i", file.toString(),
                "-ac", "1", "-ar", "16000", "-f", "s16le", "-");
    }

    /** A floor: wall seconds, and the CPU seconds (user + system) of the ffmpeg processes. */
    public record Measured(double wallSec, double cpuSec) {
    }

    /** Video floor: {@code cores} single-threaded decoders on equal slices, started together; until the last ends. */
    public static Measured videoFloor(Path file, double durationSec, int cores) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        double cpu0 = ProcStats.childrenCpuSeconds();
        long t0 = System.nanoTime();
        for (Slice slice : slices(durationSec, cores)) {
            processes.add(start(videoSliceCommand(file, slice)));
        }
        for (Process p : processes) {
            await(p);
        }
        return new Measured((System.nanoTime() - t0) / 1e9, ProcStats.childrenCpuSeconds() - cpu0);
    }

    /** Audio floor: one {@code ffmpeg -vn ... -ac 1 -ar 16000 -f s16le -} to /dev/null. */
    public static Measured audioFloor(Path file) throws IOException, InterruptedException {
        double cpu0 = ProcStats.childrenCpuSeconds();
        long t0 = System.nanoTime();
        await(start(audioCommand(file)));
        return new Measured((System.nanoTime() - t0) / 1e9, ProcStats.childrenCpuSeconds() - cpu0);
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void await(Process p) throws InterruptedException {
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg did not finish in 30 min");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg exited with " + p.exitValue() + ": " + p.info().commandLine().orElse(""));
        }
    }

    /** Broker floor: produce {@code records} random values of {@code valueBytes} bytes to one partition, then consume them. */
    public record BrokerFloor(long records, int valueBytes, double produceSec, double consumeSec) {
        public double totalSec() {
            return produceSec + consumeSec;
        }
    }

    /**
     * Raw Kafka round trip on the embedded broker: one single-partition topic (the chat of one VOD lives on one
     * partition too), default producer settings (acks=all, idempotent, as the services use), one consumer reading
     * everything back.
     */
    public static BrokerFloor brokerFloor(String bootstrapServers, long records, int valueBytes) throws Exception {
        String topic = "bench-floor-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return roundTrip(bootstrapServers, topic, records, valueBytes);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static BrokerFloor roundTrip(String bootstrap, String topic, long records, int valueBytes) {
        byte[][] values = new byte[64][valueBytes];
        for (byte[] v : values) {
            ThreadLocalRandom.current().nextBytes(v);
        }
        String key = "bench-vod";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, key, values[(int) (i & 63)]));
            }
            producer.flush();
        }
        long t1 = System.nanoTime();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        TopicPartition tp = new TopicPartition(topic, 0);
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        long t2 = System.nanoTime();
        if (read < records) {
            throw new IllegalStateException("broker floor read " + read + " of " + records + " records");
        }
        return new BrokerFloor(records, valueBytes, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
