package dev.highlights.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SchemaRegistryClients;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import dev.highlights.streams.CommitCachedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionTopologyTest {
    private static final String SCOPE = "fusion-topology-test";
    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
    private TestOutputTopic<String, HighlightEvent> highlights;
    private TestOutputTopic<String, PipelineStatus> status;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fusion-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(FusionTopology.build(new FusionEngine(FusionServiceConfig.shippedRules()), SERDE,
                Duration.ofSeconds(1)), props);
        for (String topic : List.of(Topics.CHAT_FEATURES.name(), Topics.AUDIO_SCORES.name(), Topics.VIDEO_SCORES.name(),
                Topics.PIPELINE_STATUS.name(), Topics.VODS.name())) {
            inputs.put(topic, driver.createInputTopic(topic, Serdes.String().serializer(),
                    new AvroSerializer<>(SERDE, false)));
        }
        highlights = driver.createOutputTopic(Topics.HIGHLIGHTS.name(), Serdes.String().deserializer(),
                serde(HighlightEvent.class).deserializer());
        status = driver.createOutputTopic(Topics.PIPELINE_STATUS.name(), Serdes.String().deserializer(),
                serde(PipelineStatus.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(SERDE, false);
        return serde;
    }

    private void pipe(String vodId, FusionInputs.Input input) {
        inputs.get(input.topic()).pipeInput(vodId, input.value());
    }

    private static List<Highlight> highlightsOf(List<HighlightEvent> events, String vodId) {
        return events.stream().filter(e -> e.getVodId().equals(vodId) && e.getPayload() instanceof Highlight)
                .map(e -> (Highlight) e.getPayload()).toList();
    }

    private static VodHighlightSummary summaryOf(List<HighlightEvent> events, String vodId) {
        return events.stream().filter(e -> e.getVodId().equals(vodId) && e.getPayload() instanceof VodHighlightSummary)
                .map(e -> (VodHighlightSummary) e.getPayload()).findFirst().orElseThrow();
    }

    @Test
    void findsThePlantedMomentAndNotTheDecoysThenSummarises() {
        FusionInputs.vod("v", 1).forEach(i -> pipe("v", i));
        List<HighlightEvent> events = highlights.readValuesToList();

        List<Highlight> found = highlightsOf(events, "v");
        assertThat(found.stream().map(Highlight::getHighlightId).distinct()).hasSize(1);
        Highlight h = found.get(found.size() - 1);
        assertThat(h.getStartSec()).isBetween(FusionInputs.MOMENT_START - 6.0, FusionInputs.MOMENT_START + 1.0);
        // The moment is the loud stretch up to MOMENT_END - 5: the chat reaction running on to MOMENT_END does not extend it.
        assertThat(h.getEndSec()).isBetween(FusionInputs.MOMENT_END - 6.0, FusionInputs.MOMENT_END - 4.0);
        assertThat(h.getReason()).contains("chat EXCEPTIONAL");
        assertThat(h.getRetracted()).isFalse();

        VodHighlightSummary summary = summaryOf(events, "v");
        assertThat(summary.getHighlights()).singleElement().satisfies(s -> {
            assertThat(s.getHighlightId()).isEqualTo(h.getHighlightId());
            assertThat(s.getRank()).isEqualTo(1);
        });
        assertThat(status.readValuesToList()).filteredOn(s -> s.getStage() == Stage.FUSION)
                .extracting(PipelineStatus::getKind).containsExactly(StatusKind.STARTED, StatusKind.COMPLETED);
    }

    @Test
    void twoVodsInterleavedOnOnePartitionGiveWhatEachGivesAlone() {
        FusionInputs.vod("alone", 2).forEach(i -> pipe("alone", i));
        List<Highlight> alone = highlightsOf(highlights.readValuesToList(), "alone");

        List<FusionInputs.Input> a = FusionInputs.vod("a", 2);
        List<FusionInputs.Input> b = FusionInputs.vod("b", 3);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                pipe("a", a.get(i));
            }
            if (i < b.size()) {
                pipe("b", b.get(i));
            }
        }
        List<HighlightEvent> events = highlights.readValuesToList();
        assertThat(highlightsOf(events, "a")).extracting(Highlight::getStartSec, Highlight::getEndSec, Highlight::getScore)
                .isEqualTo(alone.stream().map(h -> org.assertj.core.groups.Tuple.tuple(h.getStartSec(), h.getEndSec(),
                        h.getScore())).toList());
        assertThat(highlightsOf(events, "b")).isNotEmpty();
        assertThat(summaryOf(events, "a").getHighlights()).hasSize(1);
        assertThat(summaryOf(events, "b").getHighlights()).hasSize(1);
    }

    @Test
    void replayingAVodEmitsNothingNewAndIdsAreDeterministic() {
        List<FusionInputs.Input> vod = FusionInputs.vod("r", 4);
        vod.forEach(i -> pipe("r", i));
        List<HighlightEvent> first = highlights.readValuesToList();
        vod.forEach(i -> pipe("r", i));
        assertThat(highlights.isEmpty()).isTrue();

        // A fresh run over the same inputs (another driver) gives the same ids.
        List<String> ids = new ArrayList<>(highlightsOf(first, "r").stream().map(Highlight::getHighlightId).toList());
        stop();
        start();
        vod.forEach(i -> pipe("r", i));
        assertThat(highlightsOf(highlights.readValuesToList(), "r")).extracting(Highlight::getHighlightId)
                .containsExactlyElementsOf(ids);
    }

    @Test
    void stateLivesOnlyWhileAVodHasInput() {
        @SuppressWarnings("unchecked")
        CommitCachedStore<VodProgress> progress = (CommitCachedStore<VodProgress>) driver.getStateStore(FusionTopology.PROGRESS_STORE);
        CommitCachedStore<?> states = (CommitCachedStore<?>) driver.getStateStore(FusionTopology.STATE_STORE);
        // A refused registration (an ERROR keyed by its request id) starts no VOD.
        pipe("request-123", new FusionInputs.Input(Topics.PIPELINE_STATUS.name(), PipelineStatus.newBuilder()
                .setEventId("ingest/rejected/MEDIA_OUTSIDE_ROOTS").setVodId("request-123").setStage(Stage.INGEST)
                .setKind(StatusKind.ERROR).setErrorCode("MEDIA_OUTSIDE_ROOTS").setTimestampMs(0).build()));
        assertThat(progress.get("request-123")).isNull();
        assertThat(states.get("request-123")).isNull();

        // An ended VOD keeps only its small marker (replays stay ignored); its fusion state is gone.
        FusionInputs.vod("done", 2).forEach(i -> pipe("done", i));
        assertThat(progress.get("done").ended).isTrue();
        assertThat(states.get("done")).isNull();
        // A VOD that never ends keeps its state while input comes ...
        pipe("stuck", new FusionInputs.Input(Topics.VODS.name(), FusionInputs.registered("stuck")));
        FusionInputs.vod("stuck", 3).subList(0, 20).forEach(i -> pipe("stuck", i));
        driver.advanceWallClockTime(Duration.ofDays(6));
        assertThat(states.get("stuck")).isNotNull();
        // ... and loses it (tombstones in the changelogs) once none came for the idle expiry, 7 days.
        driver.advanceWallClockTime(Duration.ofDays(2));
        assertThat(progress.get("stuck")).isNull();
        assertThat(states.get("stuck")).isNull();
        assertThat(progress.get("done")).isNull();
    }

    @Test
    void secondsNoVodReachesAndValuesNoDecoderGivesNeverStopFusion() {
        pipe("far", new FusionInputs.Input(Topics.VODS.name(), FusionInputs.registered("far")));
        for (long second : List.of(1L << 40, (long) FusionEngine.MAX_SECOND + 1, 1L << 31, -5L)) {
            pipe("far", new FusionInputs.Input(Topics.AUDIO_SCORES.name(), FusionInputs.audioRun("far",
                    List.of(AudioScore.newBuilder(FusionInputs.audioSecond("far", 0, 0.5f)).setSecond(second).build()))));
        }
        // Values no decoder gives, at a real second: taken as silence, not as a reason to stop.
        pipe("far", new FusionInputs.Input(Topics.AUDIO_SCORES.name(), FusionInputs.audioRun("far",
                List.of(AudioScore.newBuilder(FusionInputs.audioSecond("far", 3, 0.5f)).setRmsDbfs(Float.NaN)
                        .setEnergy5s(Float.POSITIVE_INFINITY).build()))));
        assertThat(status.readValuesToList()).filteredOn(s -> "SECOND_OUT_OF_RANGE".equals(s.getErrorCode()))
                .singleElement().satisfies(s -> {
                    assertThat(s.getKind()).isEqualTo(StatusKind.WARNING);
                    assertThat(s.getVodId()).isEqualTo("far");
                    assertThat(s.getMessage()).contains("no VOD reaches");
                });
        // The VOD's real seconds still make its highlights.
        FusionInputs.vod("far", 1).forEach(i -> pipe("far", i));
        assertThat(highlightsOf(highlights.readValuesToList(), "far")).isNotEmpty();
    }

    @Test
    void withoutVideoTheVodStillCompletes() {
        pipe("nv", new FusionInputs.Input(Topics.VODS.name(), FusionInputs.registered("nv")));
        List<FusionInputs.Input> vod = FusionInputs.vod("nv", 5).stream()
                .filter(i -> !i.topic().equals(Topics.VIDEO_SCORES.name()))
                .filter(i -> !(i.value() instanceof PipelineStatus s && s.getStage() == Stage.VIDEO)).toList();
        PipelineStatus absent = PipelineStatus.newBuilder().setEventId("VIDEO/nv/absent").setVodId("nv")
                .setStage(Stage.VIDEO).setKind(StatusKind.MODALITY_ABSENT).setTimestampMs(1L).build();
        pipe("nv", new FusionInputs.Input(Topics.PIPELINE_STATUS.name(), absent));
        vod.forEach(i -> pipe("nv", i));
        List<HighlightEvent> events = highlights.readValuesToList();
        assertThat(summaryOf(events, "nv").getHighlights()).hasSize(1);
    }
}
