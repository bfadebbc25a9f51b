package dev.highlights.benchmarks;

import dev.highlights.fusion.FusionServiceConfig;
import dev.highlights.fusion.FusionTopology;
import dev.highlights.fusion.FusionInputs;
import static dev.highlights.localstack.StreamsBenchSupport.quietLogs;
import static dev.highlights.localstack.StreamsBenchSupport.relayFloorSeconds;
import static dev.highlights.localstack.StreamsBenchSupport.seconds;
import static dev.highlights.localstack.StreamsBenchSupport.streamThreadCpuNanos;
import static dev.highlights.localstack.StreamsBenchSupport.osThreadCpuNanosByName;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.Stage;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.AudioSecond;
import dev.highlights.fusion.rules.ChatSecond;
import dev.highlights.fusion.rules.DetectionRule;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.HighlightUpdate;
import dev.highlights.fusion.rules.SyntheticVod;
import dev.highlights.fusion.rules.VideoSecond;
import dev.highlights.fusion.rules.VodFusionState;
import dev.highlights.localstack.LocalStack;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SchemaRegistryClients;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Fusion throughput in fused media seconds per wall-second, and the delay from an interval's last input to its
 * highlight event. Not a test; run it by hand (see benchmarks/README.md):
 *
 * <pre>
 * java -Xmx3g -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *     dev.highlights.benchmarks.FusionBenchmark [vods=20] [secondsPerVod=36000] [stages=engine,ttd,broker,latency] [ttdVods=1] [runSeconds=16]
 *     [detection=CONFIRMED|REFERENCE]
 * </pre>
 *
 * Stages, all on the same synthetic inputs (stationary per-second chat features, audio and video scores, a highlight
 * every 90-270 s, chat reacting 4 s late), in one JVM:
 * <ul>
 *   <li>engine: the pure {@link FusionEngine} (no Kafka, no serialization): the ceiling;</li>
 *   <li>ttd: {@link FusionTopology} through a {@code TopologyTestDriver} (Avro serdes, RocksDB stores; the driver
 *       commits after every record, so the stores are flushed per record);</li>
 *   <li>broker: the topology on the real broker ({@link LocalStack#shared()}, exactly_once_v2, commit every 100 ms,
 *       one stream thread) over inputs produced beforehand, until every VOD's summary is read (read_committed); next to
 *       the broker floor measured in the same run: one thread consuming the same input records as raw bytes and
 *       producing each to another topic (no deserialization, no state, no transactions);</li>
 *   <li>latency: a further VOD sent second by second at a fixed pace to the running app (open intervals on, as the
 *       service runs); for every highlight, the input that made the engine emit the first revision covering its last
 *       second, and the one that made the closing revision, are found by a replay of the pure engine; the delay is the
 *       time from sending that input to reading the event (read_committed), plus how far in media time that input lies
 *       beyond the interval's last second (the lookahead inherent to the rules).</li>
 * </ul>
 */
public final class FusionBenchmark {
    private static final int CHAT_LAG = 4;
    /** Media seconds per chunk of each modality in the interleaved input. */
    private static final int CHUNK = 32;
    /** Seconds per chat-features, audio-scores and video-scores record (1 = one record per second). */
    private static int runSeconds = 16;

    private FusionBenchmark() {
    }

    record In(String topic, String key, SpecificRecord value) {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        int vods = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 36_000;
        Set<String> stages = new HashSet<>(Arrays.asList((args.length > 2 ? args[2] : "engine,ttd,broker,latency").split(",")));
        int ttdVods = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        runSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        DetectionRule detection = args.length > 5 ? DetectionRule.valueOf(args[5]) : DetectionRule.CONFIRMED;
        System.out.printf(Locale.ROOT, "java %s, %d available processors, max heap %d MB; %d VODs x %d s = %d fused seconds; chat, audio and video one record per run of %d s each%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, vods, seconds, (long) vods * seconds, runSeconds);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // As the service runs it: running intervals are sent early (fusion.emit-open-intervals=true).
        FusionEngine engine = new FusionEngine(FusionServiceConfig.shippedRules().toBuilder().emitOpenIntervals(true)
                .detection(detection).build());

        if (stages.contains("engine")) {
            engineAlone(engine, vods, seconds, run); // warm-up
            double wall = engineAlone(engine, vods, seconds, run);
            row("engine alone (pure rules, no Kafka)", (long) vods * seconds, wall);
        }
        if (stages.contains("ttd")) {
            // The driver commits (flushes every store) after each record: a small input is enough.
            int ttdSeconds = Math.min(seconds, 1800);
            ttd(engine, 1, 300, run + "-w"); // warm-up
            double wall = ttd(engine, ttdVods, ttdSeconds, run);
            row("TopologyTestDriver (" + ttdVods + " x " + ttdSeconds + " s, commit per record)", (long) ttdVods * ttdSeconds, wall);
        }
        LocalStack stack = null;
        KafkaStreams streams = null;
        try {
            if (stages.contains("broker") || stages.contains("latency")) {
                stack = LocalStack.shared();
                if (stages.contains("broker")) {
                    // A first pass on the same amount of input warms the JIT up, as in a service that has been running a
                    // while; the measured pass is the same application (same id, same state directory) and resumes
                    // from the offsets the first one committed.
                    broker(stack, engine, vods, seconds, run, "warm-up", true).close(Duration.ofSeconds(30));
                }
                streams = broker(stack, engine, vods, seconds, run, "measured", stages.contains("broker"));
            }
            if (stages.contains("latency")) {
                latency(stack, engine, run);
            }
        } finally {
            if (streams != null) {
                streams.close(Duration.ofSeconds(30));
            }
            SchemaRegistryClients.dropMockScope("fusion-bench");
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ inputs

    static SyntheticVod vod(int index, int seconds) {
        return SyntheticVod.generate(1000 + index, seconds, CHAT_LAG, 60);
    }

    /**
     * All inputs of the VODs, interleaved the way independent services send them: chunks of {@value #CHUNK} s per
     * modality, each a record per run of {@link #runSeconds}.
     */
    static void inputs(String prefix, int vods, int seconds, Consumer<In> sink) {
        SyntheticVod[] data = new SyntheticVod[vods];
        for (int v = 0; v < vods; v++) {
            data[v] = vod(v, seconds);
            String id = prefix + "-" + v;
            sink.accept(new In(Topics.VODS.name(), id, FusionInputs.registered(id)));
        }
        for (int from = 0; from < seconds; from += CHUNK) {
            int to = Math.min(seconds, from + CHUNK);
            for (int v = 0; v < vods; v++) {
                String id = prefix + "-" + v;
                SyntheticVod d = data[v];
                for (int r = from; r < to; r += runSeconds) {
                    List<ChatFeatures> chat = new ArrayList<>();
                    for (int s = r; s < Math.min(to, r + runSeconds); s++) {
                        chat.add(FusionInputs.chatSecond(id, s, (int) d.chatPoints()[s], d.chatCounts()[s]));
                    }
                    sink.accept(new In(Topics.CHAT_FEATURES.name(), id, FusionInputs.chatRun(id, chat)));
                }
                for (int r = from; r < to; r += runSeconds) {
                    List<AudioScore> audio = new ArrayList<>();
                    for (int s = r; s < Math.min(to, r + runSeconds); s++) {
                        audio.add(FusionInputs.audioSecond(id, s, (float) d.audioEnergy()[s]));
                    }
                    sink.accept(new In(Topics.AUDIO_SCORES.name(), id, FusionInputs.audioRun(id, audio)));
                }
                for (int r = from; r < to; r += runSeconds) {
                    List<VideoScore> video = new ArrayList<>();
                    for (int s = r; s < Math.min(to, r + runSeconds); s++) {
                        video.add(FusionInputs.videoSecond(id, s, (float) d.brightness()[s], (float) d.motion()[s],
                                d.sceneCut()[s], false));
                    }
                    sink.accept(new In(Topics.VIDEO_SCORES.name(), id, FusionInputs.videoRun(id, video)));
                }
            }
        }
        for (int v = 0; v < vods; v++) {
            String id = prefix + "-" + v;
            sink.accept(new In(Topics.PIPELINE_STATUS.name(), id, FusionInputs.status(id, Stage.AUDIO, 0, seconds - 1)));
            sink.accept(new In(Topics.PIPELINE_STATUS.name(), id, FusionInputs.status(id, Stage.VIDEO, 0, seconds - 1)));
            sink.accept(new In(Topics.PIPELINE_STATUS.name(), id, FusionInputs.status(id, Stage.CHAT, null, seconds - 1)));
        }
    }

    /** What the processor hands the engine for one record (the per-second inputs only). */
    static List<HighlightUpdate> feed(FusionEngine engine, VodFusionState st, SpecificRecord value) {
        List<HighlightUpdate> updates = new ArrayList<>();
        if (value instanceof ChatFeaturesBatch run) {
            for (ChatFeatures c : run.getFeatures()) {
                updates.addAll(engine.onChat(st, new ChatSecond((int) c.getSecond(), c.getLevelPoints(), c.getMessageCount())));
            }
        } else if (value instanceof AudioScoreBatch run) {
            for (AudioScore a : run.getScores()) {
                updates.addAll(engine.onAudio(st, AudioSecond.energy((int) a.getSecond(), a.getEnergy5s())));
            }
        } else if (value instanceof VideoScoreBatch run) {
            for (VideoScore v : run.getScores()) {
                updates.addAll(engine.onVideo(st, VideoSecond.raw((int) v.getSecond(), v.getBrightness(), v.getMotion(),
                        v.getStaticScreen(), v.getSceneCut())));
            }
        }
        return updates;
    }

    // ------------------------------------------------------------------ stages

    static double engineAlone(FusionEngine engine, int vods, int seconds, String run) {
        Map<String, VodFusionState> states = new HashMap<>();
        long t0 = System.nanoTime();
        inputs(run + "-engine", vods, seconds, in -> feed(engine, states.computeIfAbsent(in.key(), engine::newState), in.value()));
        states.values().forEach(engine::onVodEnd);
        return seconds(System.nanoTime() - t0);
    }

    static double ttd(FusionEngine engine, int vods, int seconds, String run) throws Exception {
        Map<String, String> serde = Map.of("schema.registry.url", "mock://fusion-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fusion-bench-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("fusion-bench-ttd").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(FusionTopology.build(engine, serde, Duration.ofSeconds(1)), props)) {
            Map<String, TestInputTopic<String, SpecificRecord>> topics = new HashMap<>();
            for (String t : List.of(Topics.CHAT_FEATURES.name(), Topics.AUDIO_SCORES.name(), Topics.VIDEO_SCORES.name(),
                    Topics.PIPELINE_STATUS.name(), Topics.VODS.name())) {
                topics.put(t, driver.createInputTopic(t, Serdes.String().serializer(), new AvroSerializer<>(serde, false)));
            }
            var out = driver.createOutputTopic(Topics.HIGHLIGHTS.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            var status = driver.createOutputTopic(Topics.PIPELINE_STATUS.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            // Serialize up front so that the timed part is the driver's (deserialize, process, serialize outputs).
            List<In> all = new ArrayList<>();
            inputs(run + "-ttd", vods, seconds, all::add);
            long t0 = System.nanoTime();
            long n = 0;
            for (In in : all) {
                topics.get(in.topic()).pipeInput(in.key(), in.value());
                if (++n % 10_000 == 0) {
                    out.readValuesToList();
                    status.readValuesToList();
                }
            }
            double wall = seconds(System.nanoTime() - t0);
            out.readValuesToList();
            return wall;
        }
    }

    static KafkaStreams broker(LocalStack stack, FusionEngine engine, int vods, int seconds, String run, String pass,
                               boolean measure) throws Exception {
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        String prefix = run + "-broker-" + pass;
        long records = 0;
        if (measure) {
            // 1. Preload the inputs.
            long t0 = System.nanoTime();
            long[] count = {0};
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                    new StringSerializer(), new AvroSerializer<>(serde, false))) {
                inputs(prefix, vods, seconds, in -> {
                    producer.send(new ProducerRecord<>(in.topic(), in.key(), in.value()));
                    count[0]++;
                });
                producer.flush();
            }
            records = count[0];
            double produce = seconds(System.nanoTime() - t0);
            System.out.printf(Locale.ROOT, "preload: %d records produced in %.1f s (%.0f records/s, Avro serializer)%n",
                    records, produce, records / produce);
        }

        // 2. The broker floor: raw consume + produce of the same records, one thread.
        List<String> inputs = List.of(Topics.CHAT_FEATURES.name(), Topics.AUDIO_SCORES.name(),
                Topics.VIDEO_SCORES.name(), Topics.PIPELINE_STATUS.name(), Topics.VODS.name());
        double floor = measure ? relayFloorSeconds(stack, records, inputs) : 0;

        // 3. The topology with the service's own Kafka Streams settings (exactly_once_v2, commit interval, one stream
        // thread, ...), each overridable with -Dkafka-streams.<name>=<value> for A/B runs.
        Properties props = serviceStreamsSettings();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fusion-bench-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put("schema.registry.url", stack.schemaRegistryUrl()); // the status-routing handler's serializer
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/fusion-bench-" + run);
        System.out.println("kafka streams settings: " + new java.util.TreeMap<>(props));
        KafkaStreams streams = new KafkaStreams(FusionTopology.build(engine, serde, Duration.ofSeconds(1)), props);
        long t0 = System.nanoTime();
        streams.start();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(20);
        }
        long running = System.nanoTime();
        if (!measure) {
            return streams;
        }
        Set<String> done = new HashSet<>();
        long cpuAtRunning = streamThreadCpuNanos();
        long processCpuAtRunning = processCpuNanos();
        Map<String, Long> threadsAtRunning = osThreadCpuNanosByName();
        try (KafkaConsumer<String, HighlightEvent> consumer = highlightConsumer(stack)) {
            consumer.subscribe(List.of(Topics.HIGHLIGHTS.name()));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (done.size() < vods && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, HighlightEvent> r : consumer.poll(Duration.ofMillis(50))) {
                    if (r.key().startsWith(prefix) && r.value().getPayload() instanceof VodHighlightSummary) {
                        done.add(r.key());
                    }
                }
            }
        }
        long end = System.nanoTime();
        long cpu = streamThreadCpuNanos() - cpuAtRunning;
        long processCpu = processCpuNanos() - processCpuAtRunning;
        long fused = (long) vods * seconds;
        double wall = seconds(end - running);
        System.out.printf(Locale.ROOT, "streams: %.1f s from start() to RUNNING; %d of %d summaries read%n",
                seconds(running - t0), done.size(), vods);
        System.out.println("-- " + pass + ": " + vods + " VODs");
        row("broker floor (raw bytes consume+produce, 1 thread)", fused, floor);
        row("topology on the broker (EOS v2, 1 stream thread)", fused, wall);
        System.out.printf(Locale.ROOT, "  stream thread CPU %.1f s: %.0f fused s per CPU-second; %.0f input records/s%n",
                seconds(cpu), fused / seconds(cpu), records / wall);
        // The whole client JVM (stream thread, producer I/O thread, GC, JIT, this benchmark's summary reader); the
        // broker runs in its own process.
        System.out.printf(Locale.ROOT, "  client JVM CPU %.1f s: %.0f fused s per CPU-second%n",
                seconds(processCpu), fused / seconds(processCpu));
        Map<String, Long> threads = osThreadCpuNanosByName();
        threads.replaceAll((name, nanos) -> nanos - threadsAtRunning.getOrDefault(name, 0L));
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf(Locale.ROOT, "    thread %-16s %5.2f s%n", e.getKey(), seconds(e.getValue())));
        System.out.printf(Locale.ROOT, "topology / floor: %.2fx the floor's wall time (floor %.0f records/s, topology %.0f records/s)%n",
                wall / floor, records / floor, records / wall);
        return streams;
    }

    /** A VOD sent second by second at a pace; per highlight, the delay from its triggering input to the event. */
    static void latency(LocalStack stack, FusionEngine engine, String run) throws Exception {
        int seconds = 1800;
        long paceMicros = 20_000; // one media second (three records) every 20 ms
        String id = run + "-live";
        SyntheticVod d = vod(7, seconds);
        List<In> order = new ArrayList<>();
        order.add(new In(Topics.VODS.name(), id, FusionInputs.registered(id)));
        for (int s = 0; s < seconds; s++) {
            order.add(new In(Topics.CHAT_FEATURES.name(), id, FusionInputs.chat(id, s, (int) d.chatPoints()[s], d.chatCounts()[s])));
            order.add(new In(Topics.AUDIO_SCORES.name(), id, FusionInputs.audio(id, s, (float) d.audioEnergy()[s])));
            order.add(new In(Topics.VIDEO_SCORES.name(), id, FusionInputs.video(id, s, (float) d.brightness()[s],
                    (float) d.motion()[s], d.sceneCut()[s])));
        }
        // Every revision the engine emits and the input that makes it, by a replay of the pure engine.
        List<Emitted> emitted = new ArrayList<>();
        VodFusionState st = engine.newState(id);
        for (int i = 0; i < order.size(); i++) {
            for (HighlightUpdate u : feed(engine, st, order.get(i).value())) {
                emitted.add(new Emitted(u, i));
            }
        }
        long[] sent = new long[order.size()];
        Map<String, Long> received = new ConcurrentHashMap<>(); // highlightId/revision -> when read
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, HighlightEvent> consumer = highlightConsumer(stack)) {
                consumer.subscribe(List.of(Topics.HIGHLIGHTS.name()));
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, HighlightEvent> r : consumer.poll(Duration.ofMillis(5))) {
                        if (id.equals(r.key()) && r.value().getPayload() instanceof Highlight h) {
                            received.putIfAbsent(h.getHighlightId() + "/" + h.getRevision(), System.nanoTime());
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
            }
        }, "latency-reader");
        reader.start();
        Thread.sleep(3000); // let the reader join and reach the end of the topic
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new AvroSerializer<>(serde, false))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < order.size(); i++) {
                if (i > 0 && (i - 1) % 3 == 0) {
                    long due = t0 + ((i - 1) / 3) * paceMicros * 1000;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                        if (due - System.nanoTime() > 2_000_000) {
                            Thread.sleep(1);
                        }
                    }
                }
                In in = order.get(i);
                sent[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(in.topic(), in.key(), in.value()));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.size() < emitted.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        reader.interrupt();
        reader.join(5000);
        System.out.printf(Locale.ROOT, "latency: %d s VOD sent at one media second per %d ms; %d of %d highlight events read%n",
                seconds, paceMicros / 1000, received.size(), emitted.size());
        // Per closed highlight: the first revision that covers its last second, and the closing revision.
        Map<String, Emitted> closing = new HashMap<>();
        for (Emitted e : emitted) {
            if (!e.update().open() && !e.update().retracted()) closing.putIfAbsent(e.update().highlightId(), e);
        }
        List<Emitted> covering = new ArrayList<>();
        for (Emitted c : closing.values()) {
            emitted.stream().filter(e -> e.update().highlightId().equals(c.update().highlightId())
                    && e.update().endSec() >= c.update().endSec()).findFirst().ifPresent(covering::add);
        }
        report("first revision covering the interval's last second", covering, sent, received);
        report("closing revision (open=false; the gap after the interval closed it)", List.copyOf(closing.values()), sent,
                received);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    record Emitted(HighlightUpdate update, int inputIndex) {
    }

    /** Delay from sending the input that makes each revision to reading it, and its media distance past the end. */
    private static void report(String what, List<Emitted> revisions, long[] sent, Map<String, Long> received) {
        List<Double> delays = new ArrayList<>();
        List<Integer> lookahead = new ArrayList<>();
        for (Emitted e : revisions) {
            Long r = received.get(e.update().highlightId() + "/" + e.update().revision());
            if (r == null) {
                continue;
            }
            delays.add((r - sent[e.inputIndex()]) / 1e6);
            int triggerSecond = (e.inputIndex() - 1) / 3;
            lookahead.add(triggerSecond - (e.update().endSec() - 1));
        }
        delays.sort(null);
        lookahead.sort(null);
        System.out.printf(Locale.ROOT, "  %s: %d of %d read%n", what, delays.size(), revisions.size());
        if (!delays.isEmpty()) {
            System.out.printf(Locale.ROOT, "    triggering input sent -> event read (read_committed): median %.0f ms, p90 %.0f ms, max %.0f ms%n",
                    pct(delays, 0.5), pct(delays, 0.9), delays.get(delays.size() - 1));
            System.out.printf(Locale.ROOT, "    triggering input's media second - interval's last second: min %d, median %d, max %d s%n",
                    lookahead.get(0), lookahead.get(lookahead.size() / 2), lookahead.get(lookahead.size() - 1));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The {@code kafka-streams.*} pass-through settings of the service's application.properties, then -D overrides. */
    static Properties serviceStreamsSettings() throws java.io.IOException {
        String prefix = "kafka-streams.";
        Properties file = new Properties();
        // fusion-service's own file: every service jar on this classpath holds an application.properties.
        java.net.URL jar = FusionTopology.class.getProtectionDomain().getCodeSource().getLocation();
        java.net.URL own = new java.net.URL(jar.getPath().endsWith(".jar") ? "jar:" + jar + "!/application.properties"
                : jar + "application.properties");
        try (java.io.InputStream in = own.openStream()) {
            file.load(in);
        }
        Properties props = new Properties();
        for (Properties source : List.of(file, System.getProperties())) {
            for (String key : source.stringPropertyNames()) {
                String value = source.getProperty(key);
                if (key.startsWith(prefix) && !value.contains("${")) {
                    props.put(key.substring(prefix.length()), value);
                }
            }
        }
        return props;
    }

    static KafkaConsumer<String, HighlightEvent> highlightConsumer(LocalStack stack) {
        SpecificAvroDeserializer<HighlightEvent> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.value.type",
                HighlightEvent.class.getName()), false);
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer);
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    static void row(String what, double fusedSeconds, double wall) {
        System.out.printf(Locale.ROOT, "%-58s %9.2f s %12.0f fused s/s%n", what, wall, fusedSeconds / wall);
    }
}
