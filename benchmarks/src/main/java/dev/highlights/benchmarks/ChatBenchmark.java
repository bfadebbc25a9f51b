package dev.highlights.benchmarks;

import dev.highlights.chat.ChatRecords;
import dev.highlights.chat.ChatServiceConfig;
import dev.highlights.chat.ChatTopology;
import static dev.highlights.localstack.StreamsBenchSupport.quietLogs;
import static dev.highlights.localstack.StreamsBenchSupport.relayFloorSeconds;
import static dev.highlights.localstack.StreamsBenchSupport.seconds;
import static dev.highlights.localstack.StreamsBenchSupport.streamThreadCpuNanos;

import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.VodChatState;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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
 * Chat throughput in messages per second through {@link ChatTopology}, one stream thread. Not a test; run it by hand
 * (see benchmarks/README.md):
 *
 * <pre>
 * java -Xmx3g -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *     dev.highlights.benchmarks.ChatBenchmark [messages=1000000] [vods=4] [stages=engine,ttd,broker] [ttdMessages=100000]
 * </pre>
 *
 * Realistic chat, generated deterministically: a few VODs of a few hours each interleaved in arrival order, 20-30
 * msg/s background with bursts of 100-200 msg/s every few minutes, 5 000 chatters (a few very active), emotes with
 * their positions (KEKW, LUL, PogChamp, monkaS, ...), copypasta and one-word spam repeated during bursts, some cheers
 * and notices, and end-of-chat markers. Stages, in one JVM on the same messages:
 * <ul>
 *   <li>engine: the pure {@link ChatFeatureEngine} on the message views (no Kafka, no Avro): the ceiling;</li>
 *   <li>ttd: the topology through a {@code TopologyTestDriver} (Avro serdes with a mock registry, RocksDB stores; the
 *       driver commits after every record);</li>
 *   <li>broker: the topology on the real broker ({@link LocalStack#shared()}, exactly_once_v2, commit every 100 ms,
 *       one stream thread) over messages produced beforehand, until every VOD's COMPLETED status is read
 *       (read_committed); next to the broker floor measured in the same run: one thread consuming the same records as
 *       raw bytes and producing each to another topic (no deserialization, no state, no transactions).</li>
 * </ul>
 */
public final class ChatBenchmark {
    private static final String[] WORDS = ("the a no way he is so bad good what did just happen lets go gg wp chat why "
            + "is this real bro clip it that was insane nice shot run boss fight again pls first time watching hi hello "
            + "streamer love from brazil germany lol lmao wtf omg").split(" ");
    private static final String[] EMOTES = {"KEKW", "LUL", "OMEGALUL", "PogChamp", "Pog", "monkaS", "Sadge", "Kappa",
        "PepeHands", "POGGERS", "EZ", "Clap", "5Head", "LULW"};
    private static final String[] PASTA = {
        "KEKW KEKW KEKW", "PogChamp PogChamp PogChamp", "F", "NO WAY NO WAY", "monkaS monkaS",
        "this is the greatest play in the history of this game and nobody will ever top it PogChamp",
        "CLIP IT CLIP IT CLIP IT"};

    private ChatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int vods = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Set<String> stages = new HashSet<>(Arrays.asList((args.length > 2 ? args[2] : "engine,ttd,broker").split(",")));
        int ttdMessages = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ChatMessage> messages = chat(run, total, vods, 7);
        long avgBytes = averageSize(messages);
        System.out.printf(Locale.ROOT, "java %s, %d available processors, max heap %d MB; %d messages over %d VODs "
                        + "(%.0f media s each), %d bytes per message on average (Avro)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, messages.size(), vods,
                messages.get(messages.size() - 1).getOffsetSec(), avgBytes);
        ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

        if (stages.contains("engine")) {
            engineAlone(engine, messages);
            row("engine alone (pure rules, no Kafka)", messages.size(), engineAlone(engine, messages));
        }
        if (stages.contains("ttd")) {
            List<ChatMessage> small = chat(run + "-ttd", Math.min(ttdMessages, total), vods, 11);
            ttd(engine, chat(run + "-w", 20_000, vods, 3));
            row("TopologyTestDriver (" + small.size() + " msgs, commit per record)", small.size(), ttd(engine, small));
        }
        if (stages.contains("broker")) {
            broker(LocalStack.shared(), engine, messages, vods, run);
        }
        SchemaRegistryClients.dropMockScope("chat-bench");
        System.exit(0);
    }

    // ------------------------------------------------------------------ input

    /**
     * {@code total} messages over {@code vods} VODs that run at the same time (so arrival order interleaves them),
     * then an end-of-chat marker per VOD.
     */
    static List<ChatMessage> chat(String prefix, int total, int vods, long seed) {
        Random rnd = new Random(seed);
        List<ChatMessage> out = new ArrayList<>(total + vods);
        int perVod = total / vods;
        int[] n = new int[vods];
        double[] burstUntil = new double[vods];
        double[] nextBurst = new double[vods];
        String[] pasta = new String[vods];
        for (int v = 0; v < vods; v++) {
            nextBurst[v] = 120 + rnd.nextInt(240);
        }
        int second = 0;
        while (out.size() < perVod * vods) {
            for (int v = 0; v < vods; v++) {
                if (n[v] >= perVod) {
                    continue;
                }
                String vodId = prefix + "-vod-" + v;
                if (second >= nextBurst[v]) {
                    burstUntil[v] = second + 8 + rnd.nextInt(25);
                    nextBurst[v] = burstUntil[v] + 120 + rnd.nextInt(300);
                    pasta[v] = PASTA[rnd.nextInt(PASTA.length)];
                }
                boolean burst = second < burstUntil[v];
                int count = burst ? 100 + rnd.nextInt(100) : 20 + rnd.nextInt(11);
                for (int i = 0; i < count && n[v] < perVod; i++) {
                    double offset = second + rnd.nextDouble() * 0.999;
                    out.add(message(vodId, vodId + "-" + n[v]++, offset, author(rnd), text(rnd, burst, pasta[v]), rnd));
                }
            }
            second++;
        }
        // Within a second, messages of one VOD are in offset order (what a platform delivers).
        for (int v = 0; v < vods; v++) {
            String vodId = prefix + "-vod-" + v;
            out.add(ChatMessage.newBuilder().setMessageId(vodId + "/end").setVodId(vodId).setOffsetSec(second)
                    .setAuthor(ChatAuthor.newBuilder().setName("").build()).setText("")
                    .setType(ChatMessageType.END_OF_CHAT).build());
        }
        return out;
    }

    private static String author(Random rnd) {
        // A few very active chatters, a long tail.
        int id = rnd.nextDouble() < 0.3 ? rnd.nextInt(50) : rnd.nextInt(5000);
        return "user" + id;
    }

    private static String text(Random rnd, boolean burst, String pasta) {
        double r = rnd.nextDouble();
        if (burst && r < 0.5) {
            return pasta;
        }
        if (r < (burst ? 0.8 : 0.25)) {
            return EMOTES[rnd.nextInt(EMOTES.length)] + (rnd.nextBoolean() ? " " + EMOTES[rnd.nextInt(EMOTES.length)] : "");
        }
        StringBuilder sb = new StringBuilder();
        int words = 2 + rnd.nextInt(10);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(rnd.nextDouble() < 0.15 ? EMOTES[rnd.nextInt(EMOTES.length)] : WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static ChatMessage message(String vodId, String id, double offset, String author, String text, Random rnd) {
        List<Emote> emotes = new ArrayList<>();
        int pos = 0;
        for (String token : text.split(" ")) {
            for (String e : EMOTES) {
                if (e.equals(token)) {
                    emotes.add(Emote.newBuilder().setName(e).setBegin(pos).setEnd(pos + e.length() - 1).build());
                    break;
                }
            }
            pos += token.length() + 1;
        }
        double r = rnd.nextDouble();
        ChatMessageType type = r < 0.005 ? ChatMessageType.CHEER : r < 0.008 ? ChatMessageType.SUBSCRIPTION : ChatMessageType.CHAT;
        return ChatMessage.newBuilder().setMessageId(id).setVodId(vodId).setOffsetSec(offset)
                .setEpochMs(1_700_000_000_000L + (long) (offset * 1000))
                .setAuthor(ChatAuthor.newBuilder().setId(author.substring(4)).setName(author).build())
                .setText(text).setEmotes(emotes).setBits(type == ChatMessageType.CHEER ? 100 : 0)
                .setType(type).build();
    }

    private static long averageSize(List<ChatMessage> messages) {
        AvroSerializer<ChatMessage> ser = new AvroSerializer<>(Map.of("schema.registry.url", "mock://chat-bench"), false);
        long bytes = 0;
        int k = Math.min(10_000, messages.size());
        for (int i = 0; i < k; i++) {
            bytes += ser.serialize(Topics.CHAT_MESSAGES.name(), messages.get(i)).length;
        }
        return bytes / k;
    }

    // ------------------------------------------------------------------ stages

    static double engineAlone(ChatFeatureEngine engine, List<ChatMessage> messages) {
        Map<String, VodChatState> states = new HashMap<>();
        long t0 = System.nanoTime();
        for (ChatMessage m : messages) {
            VodChatState st = states.computeIfAbsent(m.getVodId(), k -> engine.newVodState());
            if (m.getType() == ChatMessageType.END_OF_CHAT) {
                engine.onEnd(st, m.getOffsetSec());
            } else if (ChatRecords.isChatActivity(m)) {
                engine.onMessage(st, ChatRecords.view(m));
            }
        }
        return seconds(System.nanoTime() - t0);
    }

    static double ttd(ChatFeatureEngine engine, List<ChatMessage> messages) throws Exception {
        Map<String, String> serde = Map.of("schema.registry.url", "mock://chat-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chat-bench-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("chat-bench-ttd").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(ChatTopology.build(engine, serde, Duration.ofDays(7)), props)) {
            TestInputTopic<String, ChatMessage> in = driver.createInputTopic(Topics.CHAT_MESSAGES.name(),
                    Serdes.String().serializer(), new AvroSerializer<>(serde, false));
            var features = driver.createOutputTopic(Topics.CHAT_FEATURES.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            var status = driver.createOutputTopic(Topics.PIPELINE_STATUS.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            long t0 = System.nanoTime();
            int n = 0;
            for (ChatMessage m : messages) {
                in.pipeInput(m.getVodId(), m);
                if (++n % 10_000 == 0) {
                    features.readValuesToList();
                    status.readValuesToList();
                }
            }
            return seconds(System.nanoTime() - t0);
        }
    }

    static void broker(LocalStack stack, ChatFeatureEngine engine, List<ChatMessage> messages, int vods, String run)
            throws Exception {
        Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        long t0 = System.nanoTime();
        try (KafkaProducer<String, ChatMessage> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new AvroSerializer<>(serde, false))) {
            for (ChatMessage m : messages) {
                producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), m.getVodId(), m));
            }
            producer.flush();
        }
        double produce = seconds(System.nanoTime() - t0);
        System.out.printf(Locale.ROOT, "preload: %d records produced in %.1f s (%.0f records/s, Avro serializer)%n",
                messages.size(), produce, messages.size() / produce);

        double floor = relayFloorSeconds(stack, messages.size(), List.of(Topics.CHAT_MESSAGES.name()));

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chat-bench-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("chat-bench").toString());
        KafkaStreams streams = new KafkaStreams(ChatTopology.build(engine, serde, Duration.ofDays(7)), props);
        try {
            long start = System.nanoTime();
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(20);
            }
            long running = System.nanoTime();
            long cpu0 = streamThreadCpuNanos();
            Set<String> done = new HashSet<>();
            SpecificAvroDeserializer<PipelineStatus> deserializer = new SpecificAvroDeserializer<>();
            deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.value.type",
                    PipelineStatus.class.getName()), false);
            try (KafkaConsumer<String, PipelineStatus> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-read-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
                consumer.subscribe(List.of(Topics.PIPELINE_STATUS.name()));
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                while (done.size() < vods && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, PipelineStatus> r : consumer.poll(Duration.ofMillis(50))) {
                        PipelineStatus s = r.value();
                        if (s != null && s.getStage() == Stage.CHAT && s.getKind() == StatusKind.COMPLETED
                                && r.key().startsWith(run)) {
                            done.add(r.key());
                        }
                    }
                }
            }
            long end = System.nanoTime();
            long cpu = streamThreadCpuNanos() - cpu0;
            double wall = seconds(end - running);
            System.out.printf(Locale.ROOT, "streams: %.1f s from start() to RUNNING; %d of %d VODs completed%n",
                    seconds(running - start), done.size(), vods);
            row("broker floor (raw bytes consume+produce, 1 thread)", messages.size(), floor);
            row("topology on the broker (EOS v2, 1 stream thread)", messages.size(), wall);
            System.out.printf(Locale.ROOT, "  stream thread CPU %.1f s: %.0f msgs per CPU-second%n", seconds(cpu),
                    messages.size() / seconds(cpu));
            System.out.printf(Locale.ROOT, "topology / floor: %.2fx the floor's wall time%n", wall / floor);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    // ------------------------------------------------------------------ helpers

    static void row(String what, double messages, double wall) {
        System.out.printf(Locale.ROOT, "%-58s %9.2f s %12.0f msgs/s%n", what, wall, messages / wall);
    }
}
