package dev.highlights.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.launcher.EmbeddedPipeline;
import dev.highlights.launcher.HighlightsCli;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * One VOD through the embedded pipeline, measured: the stack's start-up, the wall time from submission to the final
 * summary, each stage's completion time (from the {@code pipeline-status} events' timestamps), CPU seconds and peak RSS
 * of every process the launcher started (from {@code /proc}), and the raw broker floor on the same broker.
 */
final class PipelineBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> STAGES = List.of("INGEST", "CHAT", "AUDIO", "VIDEO", "FUSION");

    /** One stage's status events for the VOD: first event, COMPLETED, the largest count seen. */
    record StageTiming(String stage, long firstMs, long completedMs, long count) {
    }

    /** A process the launcher started: CPU seconds during start-up and during the VOD, peak RSS over its life. */
    record Usage(String name, long pid, double startupCpuSec, double runCpuSec, double peakRssMb, double liveHeapMb,
                 double idleCpuPerMin) {
    }

    /** Seconds the stack sits idle after start-up while each process's CPU is read: its cost of doing nothing. */
    static final int IDLE_WINDOW_SEC = 10;

    /** One work item of a worker stage: its STARTED and COMPLETED status timestamps. */
    record SegmentTiming(String stage, int index, long startedMs, long completedMs) {
    }

    /**
     * The same VOD submitted again (another channel, so another VOD id) on the stack that just ran it: the JVMs have
     * compiled their hot code and grown their heaps, as in a stack that has been up for a while.
     */
    record WarmRun(String vodId, double endToEndSec, Map<String, Double> cpuSec) {
        double allCpuSec() {
            return cpuSec.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    record Result(int durationSec, String vodId, double startupSec, double endToEndSec, long submittedMs,
                  Map<String, StageTiming> stages, List<Usage> usage, long chatRecords, long chatValueBytes,
                  Floors.BrokerFloor brokerFloor, int highlights, Path jfr, List<SegmentTiming> segments,
                  LiveLatency.Result live, WarmRun warm, List<StageAlone.Run> alone,
                  Map<String, List<MemoryTrace.Point>> memory) {
        StageTiming stage(String name) {
            return stages.get(name);
        }

        /** Seconds from submission to the stage's COMPLETED event; NaN if it never completed. */
        double stageSec(String name) {
            StageTiming t = stages.get(name);
            return t == null || t.completedMs() <= 0 ? Double.NaN : (t.completedMs() - submittedMs) / 1000.0;
        }

        /** Seconds from the stage's first status event to its COMPLETED event. */
        double stageActiveSec(String name) {
            StageTiming t = stages.get(name);
            return t == null || t.completedMs() <= 0 ? Double.NaN : (t.completedMs() - t.firstMs()) / 1000.0;
        }
    }

    private PipelineBench() {
    }

    static Result run(Path home, BenchSample.BenchFiles sample, String profileService, Path outDir, int liveSeconds,
                      boolean warmRun, PrintStream out) throws Exception {
        Path dataDir = home.resolve(".highlights/bench/runs/" + ProcessHandle.current().pid() + "-" + sample.durationSec());
        HighlightsCli.deleteRecursively(dataDir);
        EmbeddedPipeline pipeline = new EmbeddedPipeline(home, new EmbeddedPipeline.Options(dataDir, false,
                List.of(sample.video().getParent().toAbsolutePath())));
        Thread hook = new Thread(pipeline::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long t0 = System.nanoTime();
            pipeline.start(line -> out.println("  " + line));
            double startupSec = (System.nanoTime() - t0) / 1e9;
            out.printf(java.util.Locale.ROOT, "  stack up in %.1f s%n", startupSec);
            Map<String, Long> pids = processes(home);
            Map<String, ProcStats> idleStart = ProcStats.readAll(pids);
            long idle0 = System.nanoTime();
            Thread.sleep(IDLE_WINDOW_SEC * 1000L);
            double idleSec = (System.nanoTime() - idle0) / 1e9;
            Map<String, ProcStats> before = ProcStats.readAll(pids);
            Path jfr = null;
            if (profileService != null && pids.containsKey(profileService)) {
                jfr = outDir.resolve(profileService + "-" + sample.durationSec() + "s.jfr").toAbsolutePath();
                Files.deleteIfExists(jfr);
                jcmd(pids.get(profileService), "JFR.start", "name=bench", "settings=profile");
            }
            long submittedMs = System.currentTimeMillis();
            Map<String, List<MemoryTrace.Point>> memory;
            JsonNode view;
            String vodId;
            try (MemoryTrace trace = MemoryTrace.start(pids)) {
                vodId = register(pipeline.ingestUrl(), sample, "bench");
                out.println("  registered " + vodId);
                view = awaitFinal(pipeline, vodId, out);
                memory = trace.stop();
            }
            Map<String, ProcStats> after = ProcStats.readAll(pids);
            if (jfr != null) {
                jcmd(pids.get(profileService), "JFR.stop", "name=bench", "filename=" + jfr);
            }
            Map<String, StageTiming> stages = stageTimings(pipeline.bootstrapServers(), pipeline.schemaRegistryUrl(), vodId);
            double e2e = summarySec(stages, submittedMs);
            out.printf(java.util.Locale.ROOT, "  final summary %.1f s after submission%n", e2e);
            List<Usage> usage = new ArrayList<>();
            for (Map.Entry<String, Long> e : pids.entrySet()) {
                ProcStats i = idleStart.get(e.getKey());
                ProcStats b = before.get(e.getKey());
                ProcStats a = after.get(e.getKey());
                if (a != null && b != null && i != null) {
                    usage.add(new Usage(e.getKey(), e.getValue(), i.cpuSeconds(), a.cpuSeconds() - b.cpuSeconds(),
                            a.peakRssMb(), liveHeapMb(e.getValue()), (b.cpuSeconds() - i.cpuSeconds()) * 60 / idleSec));
                }
            }
            long[] chat = partitionStats(pipeline.bootstrapServers(), Topics.CHAT_MESSAGES, vodId);
            int valueBytes = chat[0] == 0 ? 200 : (int) Math.round(chat[1] / (double) chat[0]);
            out.printf("  broker floor: %d records of %d bytes%n", chat[0], valueBytes);
            Floors.BrokerFloor broker = Floors.brokerFloor(pipeline.bootstrapServers(), Math.max(1, chat[0]), valueBytes);
            List<SegmentTiming> segments = segmentTimings(pipeline.bootstrapServers(), pipeline.schemaRegistryUrl(), vodId);
            WarmRun warm = null;
            if (warmRun) {
                out.println("  the same VOD again on the warm stack");
                long warmSubmittedMs = System.currentTimeMillis();
                String warmId = register(pipeline.ingestUrl(), sample, "bench-warm");
                awaitFinal(pipeline, warmId, out);
                double warmSec = summarySec(stageTimings(pipeline.bootstrapServers(), pipeline.schemaRegistryUrl(), warmId),
                        warmSubmittedMs);
                warm = new WarmRun(warmId, warmSec, ProcStats.cpuSecondsBetween(after, ProcStats.readAll(pids)));
                out.printf(java.util.Locale.ROOT, "  final summary %.1f s after submission (warm)%n", warmSec);
            }
            List<StageAlone.Run> alone = warmRun ? StageAlone.run(pipeline, pids, sample, out) : List.of();
            LiveLatency.Result live = null;
            if (liveSeconds > 0) {
                try {
                    live = LiveLatency.run(pipeline.ingestUrl(), sample.video(), liveSeconds, out);
                } catch (Exception e) {
                    out.println("  live latency failed: " + e.getMessage());
                }
            }
            Result result = new Result(sample.durationSec(), vodId, startupSec, e2e, submittedMs, stages, usage, chat[0],
                    chat[1], broker, view.path("highlights").path("count").asInt(), jfr, segments, live, warm, alone,
                    memory);
            pipeline.close();
            HighlightsCli.deleteRecursively(dataDir);
            return result;
        } catch (Exception e) {
            out.println("  logs kept in " + dataDir.resolve("logs"));
            throw e;
        } finally {
            pipeline.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // fine
            }
        }
    }

    /**
     * The processes this launcher started, by service name: the five service JVMs (their command line names their
     * fast-jar), the broker JVM ({@code kafka.Kafka}) and this JVM (launcher, schema registry, the bench itself).
     */
    static Map<String, Long> processes(Path home) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        for (String[] service : new String[][] {{"ingest", "ingest-service"}, {"chat", "chat-service"},
                {"audio", "audio-service"}, {"video", "video-service"}, {"fusion", "fusion-service"}}) {
            all.stream().filter(p -> commandLine(p).contains("/" + service[1] + "/target/quarkus-app/"))
                    .findFirst().ifPresent(p -> out.put(service[0], p.pid()));
        }
        all.stream().filter(p -> commandLine(p).contains("kafka.Kafka")).findFirst()
                .ifPresent(p -> out.put("broker", p.pid()));
        out.put("launcher+registry", ProcessHandle.current().pid());
        return out;
    }

    /** The full command line from /proc (ProcessHandle.Info drops the arguments of very long ones, e.g. a broker's -cp). */
    private static String commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: fall back to what the JDK knows
        }
        Optional<String[]> args = p.info().arguments();
        return p.info().command().orElse("") + " " + args.map(a -> String.join(" ", a)).orElse("");
    }

    /** Heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}): the live set, MB; NaN if unknown. */
    static double liveHeapMb(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return Double.NaN;
        }
        try {
            jcmd(pid, "GC.run");
            return parseHeapUsedKb(jcmd(pid, "GC.heap_info")) / 1024.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The first {@code used NNNK} of {@code GC.heap_info} (G1: " garbage-first heap   total 262144K, used 123456K [..."). */
    static long parseHeapUsedKb(String heapInfo) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalArgumentException("no heap usage in: " + heapInfo);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }

    /** Registers the sample; the VOD id derives from channel and URIs, so another channel gives another VOD. */
    private static String register(String ingestUrl, BenchSample.BenchFiles sample, String channel)
            throws IOException, InterruptedException {
        return register(ingestUrl, sample.video(), sample.chat(), channel, "bench " + sample.durationSec() + " s");
    }

    /** Registers a VOD of {@code media} with the chat export {@code chat} (null: none); returns its id. */
    static String register(String ingestUrl, Path media, Path chat, String channel, String title)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("title", title)
                .put("mediaUri", media.toAbsolutePath().toUri().toString());
        if (chat != null) {
            body.put("chatUri", chat.toAbsolutePath().toUri().toString());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/api/vods")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IOException("registering failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /**
     * Seconds from submission to the final summary: fusion's COMPLETED status is sent with the summary, and its
     * timestamp does not depend on how often {@link #awaitFinal} looks.
     */
    static double summarySec(Map<String, StageTiming> stages, long submittedMs) {
        StageTiming fusion = stages.get("FUSION");
        if (fusion == null || fusion.completedMs() <= 0) {
            throw new IllegalStateException("no FUSION COMPLETED status for a VOD with a final summary");
        }
        return (fusion.completedMs() - submittedMs) / 1000.0;
    }

    /**
     * Waits for the VOD's final summary, looking at its view once a second: each view costs ingest-service a few ms
     * of CPU, which the bench would otherwise add to the pipeline's.
     */
    static JsonNode awaitFinal(EmbeddedPipeline pipeline, String vodId, PrintStream out) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.ingestUrl() + "/api/vods/" + vodId))
                .timeout(Duration.ofSeconds(30)).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            String dead = pipeline.deadService();
            if (dead != null) {
                throw new IllegalStateException(dead);
            }
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode view = JSON.readTree(response.body());
                if (view.path("highlights").path("final").asBoolean()) {
                    return view;
                }
                for (String stage : List.of("INGEST", "FUSION")) {
                    if ("FAILED".equals(view.path("stages").path(stage).path("state").asText())) {
                        throw new IllegalStateException(stage + " failed: " + view.path("stages").path(stage));
                    }
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    lastPrint = System.nanoTime();
                    StringBuilder sb = new StringBuilder("  ");
                    for (String stage : STAGES) {
                        JsonNode s = view.path("stages").path(stage);
                        sb.append(stage.toLowerCase()).append(' ').append(s.path("state").asText("-"));
                        if (s.has("lastSecond")) {
                            sb.append('@').append(s.path("lastSecond").asLong());
                        }
                        sb.append("  ");
                    }
                    out.println(sb.toString().stripTrailing());
                }
            } else if (response.statusCode() != 503 && response.statusCode() != 404) {
                throw new IOException("view of " + vodId + ": HTTP " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no final summary for " + vodId + " after 60 min");
    }


    private static Map<String, Object> consumerProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    static TopicPartition partitionOf(Topic<?> topic, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(topic.name(), Utils.toPositive(Utils.murmur2(bytes)) % topic.partitions());
    }

    /** The VOD's pipeline-status events folded per stage. */
    static Map<String, StageTiming> stageTimings(String bootstrap, String registry, String vodId) {
        AvroDeserializer<PipelineStatus> serde = new AvroDeserializer<PipelineStatus>(
                Map.of("schema.registry.url", registry), false).withReaderClass(PipelineStatus.class);
        Map<String, long[]> acc = new LinkedHashMap<>(); // first, completed, count
        forEach(bootstrap, partitionOf(Topics.PIPELINE_STATUS, vodId), record -> {
            if (!vodId.equals(record.key()) || record.value() == null) {
                return;
            }
            PipelineStatus s = serde.deserialize(record.topic(), record.value());
            long[] a = acc.computeIfAbsent(s.getStage().name(), k -> new long[] {Long.MAX_VALUE, 0, 0});
            a[0] = Math.min(a[0], s.getTimestampMs());
            if (s.getKind().name().equals("COMPLETED")) {
                a[1] = Math.max(a[1], s.getTimestampMs());
            }
            if (s.getCount() != null) {
                a[2] = Math.max(a[2], s.getCount());
            }
        });
        Map<String, StageTiming> out = new LinkedHashMap<>();
        acc.forEach((stage, a) -> out.put(stage, new StageTiming(stage, a[0], a[1], a[2])));
        return out;
    }

    /** The worker stages' per-segment STARTED and COMPLETED timestamps, by stage and segment index. */
    static List<SegmentTiming> segmentTimings(String bootstrap, String registry, String vodId) {
        AvroDeserializer<PipelineStatus> serde = new AvroDeserializer<PipelineStatus>(
                Map.of("schema.registry.url", registry), false).withReaderClass(PipelineStatus.class);
        Map<String, long[]> acc = new java.util.TreeMap<>();
        forEach(bootstrap, partitionOf(Topics.PIPELINE_STATUS, vodId), record -> {
            if (!vodId.equals(record.key()) || record.value() == null) {
                return;
            }
            PipelineStatus s = serde.deserialize(record.topic(), record.value());
            String stage = s.getStage().name();
            if (s.getSegmentIndex() == null || !(stage.equals("AUDIO") || stage.equals("VIDEO"))) {
                return;
            }
            long[] a = acc.computeIfAbsent(stage + "/" + String.format("%05d", s.getSegmentIndex()), k -> new long[2]);
            switch (s.getKind().name()) {
                case "STARTED" -> a[0] = a[0] == 0 ? s.getTimestampMs() : Math.min(a[0], s.getTimestampMs());
                case "COMPLETED" -> a[1] = Math.max(a[1], s.getTimestampMs());
                default -> { }
            }
        });
        List<SegmentTiming> out = new ArrayList<>();
        acc.forEach((key, a) -> out.add(new SegmentTiming(key.substring(0, key.indexOf('/')),
                Integer.parseInt(key.substring(key.indexOf('/') + 1)), a[0], a[1])));
        return out;
    }

    /**
     * Mean work items in flight while the stage had any: the sum of the segments' STARTED-to-COMPLETED times over the
     * span from the first STARTED to the last COMPLETED. NaN when no segment has both.
     */
    static double meanInFlight(List<SegmentTiming> segments, String stage) {
        long busy = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (SegmentTiming t : segments) {
            if (t.stage().equals(stage) && t.startedMs() > 0 && t.completedMs() >= t.startedMs()) {
                busy += t.completedMs() - t.startedMs();
                first = Math.min(first, t.startedMs());
                last = Math.max(last, t.completedMs());
            }
        }
        return last <= first ? Double.NaN : busy / (double) (last - first);
    }

    /** Records and value bytes of one VOD in its partition of a topic. */
    static long[] partitionStats(String bootstrap, Topic<?> topic, String vodId) {
        long[] stats = new long[2];
        forEach(bootstrap, partitionOf(topic, vodId), record -> {
            if (vodId.equals(record.key()) && record.value() != null) {
                stats[0]++;
                stats[1] += record.value().length;
            }
        });
        return stats;
    }

    private static void forEach(String bootstrap, TopicPartition tp,
                                java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    action.accept(record);
                }
            }
        }
    }
}
