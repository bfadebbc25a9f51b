package dev.highlights.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatSecondFeatures;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SchemaRegistryClients;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import dev.highlights.streams.CommitCachedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTopologyTest {
    private static final String SCOPE = "chat-topology-test";
    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ChatMessage> input;
    private TestOutputTopic<String, ChatFeaturesBatch> runs;
    private TestOutputTopic<String, PipelineStatus> status;
    private final ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(ChatTopology.build(engine, SERDE, Duration.ofDays(7)), streamsProps());
        outputs();
    }

    private Properties streamsProps() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chat-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private void outputs() {
        input = driver.createInputTopic(Topics.CHAT_MESSAGES.name(), Serdes.String().serializer(),
                serde(ChatMessage.class).serializer());
        runs = driver.createOutputTopic(Topics.CHAT_FEATURES.name(), Serdes.String().deserializer(),
                serde(ChatFeaturesBatch.class).deserializer());
        status = driver.createOutputTopic(Topics.PIPELINE_STATUS.name(), Serdes.String().deserializer(),
                serde(PipelineStatus.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(SERDE, false);
        return serde;
    }

    /** The features sent so far, once the emit interval has passed (each record is a run of seconds). */
    private List<ChatFeatures> features() {
        driver.advanceWallClockTime(ChatTopology.DEFAULT_EMIT_INTERVAL);
        return runs.readValuesToList().stream().flatMap(r -> r.getFeatures().stream()).toList();
    }

    /** What the pure engine gives for one VOD's messages alone, as the topology should emit them. */
    private List<ChatFeatures> expected(String vodId, List<ChatMessage> messages, double endOffset) {
        VodChatState state = engine.newVodState();
        List<ChatSecondFeatures> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            out.addAll(engine.onMessage(state, ChatRecords.view(m)).emitted());
        }
        out.addAll(engine.onEnd(state, endOffset).emitted());
        return out.stream().map(f -> ChatRecords.features(vodId, f)).toList();
    }

    @Test
    void twoVodsInterleavedOnOnePartitionBothCompleteAndMatchTheirOwnRun() {
        List<ChatMessage> late = ChatMessages.chat("vod-late", 5000, 5300, 3, 5200, 5215, 1);
        List<ChatMessage> early = ChatMessages.chat("vod-early", 10, 310, 3, 200, 215, 2);
        int i = 0;
        int j = 0;
        while (i < late.size() || j < early.size()) {
            if (i < late.size()) {
                input.pipeInput(late.get(i).getVodId(), late.get(i++));
            }
            if (j < early.size()) {
                input.pipeInput(early.get(j).getVodId(), early.get(j++));
            }
        }
        input.pipeInput("vod-late", ChatMessages.end("vod-late", 5300));
        input.pipeInput("vod-early", ChatMessages.end("vod-early", 310));

        Map<String, List<ChatFeatures>> byVod = features().stream()
                .collect(Collectors.groupingBy(ChatFeatures::getVodId));
        assertThat(byVod.get("vod-late")).isEqualTo(expected("vod-late", late, 5300));
        assertThat(byVod.get("vod-early")).isEqualTo(expected("vod-early", early, 310));

        // Every second from 0 to the end exactly once as a first version, quiet ones included.
        for (var entry : Map.of("vod-late", 5300L, "vod-early", 310L).entrySet()) {
            List<Long> seconds = byVod.get(entry.getKey()).stream().filter(f -> f.getRevision() == 1)
                    .map(ChatFeatures::getSecond).toList();
            assertThat(seconds).hasSize((int) (entry.getValue() + 1)).doesNotHaveDuplicates()
                    .isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(seconds.get(0)).isZero();
        }
        assertThat(byVod.get("vod-early").get(5).getMessageCount()).isZero();
        // The bursts stand out against each VOD's own baseline (the late VOD's baseline is its first
        // 5000 silent seconds, so its ordinary chat may stand out too).
        assertThat(byVod.get("vod-late")).filteredOn(f -> f.getSecond() >= 5200 && f.getSecond() < 5215)
                .allSatisfy(f -> assertThat(f.getLevel()).isEqualTo(ChatLevel.EXCEPTIONAL));
        // The early VOD's chat starts at 10 s: in the first minute its baseline is young (warm-up 30 s) and ordinary
        // chat may stand out; after that only the burst does.
        assertThat(byVod.get("vod-early").stream().filter(f -> f.getLevel() == ChatLevel.EXCEPTIONAL && f.getSecond() >= 70)
                .map(ChatFeatures::getSecond)).isNotEmpty().allSatisfy(s -> assertThat(s).isBetween(200L, 214L));

        List<PipelineStatus> statuses = status.readValuesToList();
        assertThat(statuses).filteredOn(s -> s.getKind() == StatusKind.COMPLETED)
                .extracting(PipelineStatus::getVodId, PipelineStatus::getLastSecond, PipelineStatus::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("vod-late", 5300L, (long) late.size()),
                        org.assertj.core.groups.Tuple.tuple("vod-early", 310L, (long) early.size()));
        assertThat(statuses).filteredOn(s -> s.getKind() == StatusKind.STARTED).hasSize(2);
    }

    @Test
    void aLateMessageWithinLatenessUpdatesItsSecondAndATooLateOneIsReported() {
        for (int s = 0; s < 40; s++) {
            input.pipeInput("v", ChatMessages.message("v", "m" + s, s + 0.5, "a" + s, "hello"));
        }
        features();
        input.pipeInput("v", ChatMessages.message("v", "late-ok", 35.2, "x", "late but fine"));
        List<ChatFeatures> update = features();
        assertThat(update).singleElement().satisfies(f -> {
            assertThat(f.getSecond()).isEqualTo(35);
            assertThat(f.getRevision()).isEqualTo(2);
            assertThat(f.getMessageCount()).isEqualTo(2);
        });
        status.readValuesToList();
        input.pipeInput("v", ChatMessages.message("v", "too-late", 3.0, "y", "way too late"));
        input.pipeInput("v", ChatMessages.message("v", "too-late-2", 4.0, "y", "way too late"));
        assertThat(features()).isEmpty();
        assertThat(status.readValuesToList()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo(StatusKind.WARNING);
            assertThat(s.getErrorCode()).isEqualTo("CHAT_MESSAGE_LATE");
        });
        input.pipeInput("v", ChatMessages.end("v", 40));
        assertThat(status.readValuesToList()).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("2 late"));
    }

    @Test
    void duplicatesAndReplaysAfterTheEndChangeNothing() {
        List<ChatMessage> chat = ChatMessages.chat("v", 0, 120, 2, 60, 70, 3);
        chat.forEach(m -> input.pipeInput("v", m));
        chat.subList(chat.size() - 20, chat.size()).forEach(m -> input.pipeInput("v", m)); // redelivered
        input.pipeInput("v", ChatMessages.end("v", 120));
        List<ChatFeatures> first = features();
        assertThat(first).isEqualTo(expected("v", chat, 120));

        chat.forEach(m -> input.pipeInput("v", m)); // the whole VOD replayed
        input.pipeInput("v", ChatMessages.end("v", 120));
        assertThat(features()).isEmpty();
    }

    @Test
    void aVodsStateIsForgottenOnceNoMessageCameForTheIdleExpiryEndedOrNot() {
        @SuppressWarnings("unchecked")
        CommitCachedStore<VodChatState> states = (CommitCachedStore<VodChatState>) driver.getStateStore(ChatTopology.STATE_STORE);
        List<ChatMessage> chat = ChatMessages.chat("open", 0, 60, 2, 20, 25, 3);
        chat.forEach(m -> input.pipeInput("open", m)); // never ended
        ChatMessages.chat("done", 0, 60, 2, 20, 25, 3).forEach(m -> input.pipeInput("done", m));
        input.pipeInput("done", ChatMessages.end("done", 60));
        driver.advanceWallClockTime(Duration.ofDays(6));
        assertThat(states.get("open")).isNotNull();
        assertThat(states.get("done")).as("kept to absorb replays").isNotNull();
        input.pipeInput("open", ChatMessages.message("open", "later", 61.5, "b", "still here"));
        driver.advanceWallClockTime(Duration.ofDays(2)); // 8 days after "done"'s last message, 2 after "open"'s
        assertThat(states.get("done")).isNull();
        assertThat(states.get("open")).isNotNull();
        driver.advanceWallClockTime(Duration.ofDays(6));
        assertThat(states.get("open")).isNull();
    }

    @Test
    void theSecondsClosedWithinOneEmitIntervalGoOutAsOneRecord() {
        // 100 seconds of chat in one go (a replay): nothing is sent until the interval passes, then one record.
        for (int s = 0; s < 100; s++) {
            input.pipeInput("v", ChatMessages.message("v", "m" + s, s + 0.5, "a" + s, "hello"));
        }
        assertThat(runs.isEmpty()).isTrue();
        driver.advanceWallClockTime(ChatTopology.DEFAULT_EMIT_INTERVAL);
        List<ChatFeaturesBatch> sent = runs.readValuesToList();
        assertThat(sent).singleElement().satisfies(run -> {
            assertThat(run.getVodId()).isEqualTo("v");
            assertThat(run.getFeatures()).extracting(ChatFeatures::getSecond)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 99).boxed().toList());
        });
        // A late message within the allowed lateness: its second again, with a higher revision, in the next run.
        input.pipeInput("v", ChatMessages.message("v", "late", 95.5, "b", "late but fine"));
        input.pipeInput("v", ChatMessages.message("v", "m100", 100.5, "a", "hello"));
        driver.advanceWallClockTime(ChatTopology.DEFAULT_EMIT_INTERVAL);
        assertThat(runs.readValuesToList()).singleElement().satisfies(run -> assertThat(run.getFeatures())
                .extracting(ChatFeatures::getSecond, ChatFeatures::getRevision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(95L, 2), org.assertj.core.groups.Tuple.tuple(99L, 1)));
        // The end of the chat sends what waits at once, ahead of the COMPLETED status.
        input.pipeInput("v", ChatMessages.end("v", 103));
        assertThat(runs.readValuesToList()).singleElement().satisfies(run -> assertThat(run.getFeatures())
                .extracting(ChatFeatures::getSecond).containsExactly(100L, 101L, 102L, 103L));
    }

    @Test
    void aRunGoesOutWhenFullAndAZeroIntervalSendsEachMessagesSecondsAtOnce() {
        driver.close();
        driver = new TopologyTestDriver(ChatTopology.build(engine, SERDE, Duration.ofDays(7), Duration.ofSeconds(1), 40),
                streamsProps());
        outputs();
        for (int s = 0; s < 100; s++) {
            input.pipeInput("v", ChatMessages.message("v", "m" + s, s + 0.5, "a" + s, "hello"));
        }
        assertThat(runs.readValuesToList()).extracting(run -> run.getFeatures().size()).containsExactly(40, 40);

        driver.close();
        driver = new TopologyTestDriver(ChatTopology.build(engine, SERDE, Duration.ofDays(7), Duration.ZERO, 300),
                streamsProps());
        outputs();
        input.pipeInput("w", ChatMessages.message("w", "a", 0.5, "a", "hello"));
        input.pipeInput("w", ChatMessages.message("w", "b", 1.5, "b", "hello"));
        input.pipeInput("w", ChatMessages.message("w", "c", 9.5, "c", "hello")); // closes seconds 1 to 8 at once
        assertThat(runs.readValuesToList()).extracting(run -> run.getFeatures().stream().map(ChatFeatures::getSecond).toList())
                .containsExactly(List.of(0L), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
    }

    @Test
    void oneMessageFarAheadClosesItsSecondsInRunsNoLargerThanTheCap() {
        // A live push with offset 600 000 s used to close every second up to it into one 31 MB record, over the
        // producer's max.request.size: Kafka Streams stopped, for every VOD, and again after each restart.
        input.pipeInput("v", ChatMessages.message("v", "a", 0.5, "a", "hello"));
        input.pipeInput("v", ChatMessages.message("v", "far", 600_000.5, "b", "hi"));
        driver.advanceWallClockTime(ChatTopology.DEFAULT_EMIT_INTERVAL);
        List<ChatFeaturesBatch> sent = runs.readValuesToList();
        assertThat(sent).allSatisfy(run -> assertThat(run.getFeatures().size()).isLessThanOrEqualTo(300));
        assertThat(sent.stream().mapToInt(run -> run.getFeatures().size()).sum()).isEqualTo(600_000);
        assertThat(sent.get(sent.size() - 1).getFeatures().get(sent.get(sent.size() - 1).getFeatures().size() - 1)
                .getSecond()).isEqualTo(599_999L);
        // The VOD goes on.
        input.pipeInput("v", ChatMessages.message("v", "next", 600_001.5, "c", "hello"));
        driver.advanceWallClockTime(ChatTopology.DEFAULT_EMIT_INTERVAL);
        assertThat(runs.readValuesToList()).singleElement().satisfies(run -> assertThat(run.getFeatures())
                .extracting(ChatFeatures::getSecond).containsExactly(600_000L));
    }

    @Test
    void notificationsAreNotChatActivity() {
        ChatMessage raid = ChatMessages.message("v", "raid", 5, "raider", "raiding with 500");
        raid.setType(dev.highlights.avro.ChatMessageType.RAID);
        input.pipeInput("v", raid);
        input.pipeInput("v", ChatMessages.end("v", 6));
        assertThat(features()).allSatisfy(f -> assertThat(f.getMessageCount()).isZero()).hasSize(7);
    }
}
