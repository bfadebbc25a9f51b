package dev.highlights.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.Stage;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.DetectedInterval;
import dev.highlights.fusion.rules.DetectionRule;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.ReferenceDetector;
import dev.highlights.fusion.rules.SyntheticVod;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SchemaRegistryClients;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table tests through the whole topology (Avro records in, highlight events out) under a
 * {@code TopologyTestDriver}: chat-only bursts, audio-only bursts, missing video, out-of-order and duplicate seconds,
 * two VODs interleaved on one partition, static screens, scene-cut snapping; and the topology against the plain batch
 * implementation of the docs/detection.md rules ({@link ReferenceDetector}) on stationary inputs. Chat lag is fixed at 0 so
 * that one rule is looked at at a time. The stores are the in-memory variant (still changelogged): the driver commits
 * after every record, which RocksDB would make slow ({@link FusionTopologyTest} covers the RocksDB path).
 */
class FusionTopologyTableTest {
    private static final String SCOPE = "fusion-topology-table-test";
    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);
    private static final FusionConfig CONFIG = FusionServiceConfig.shippedRules().toBuilder().detection(DetectionRule.REFERENCE).fixedChatLag(0)
            .emitOpenIntervals(false).build();

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
    private TestOutputTopic<String, HighlightEvent> highlights;

    private void start(FusionConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fusion-table-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(FusionTopology.build(new FusionEngine(config), SERDE, Duration.ofSeconds(1), false, Duration.ofDays(7)),
                props);
        for (String topic : List.of(Topics.CHAT_FEATURES.name(), Topics.AUDIO_SCORES.name(), Topics.VIDEO_SCORES.name(),
                Topics.PIPELINE_STATUS.name(), Topics.VODS.name())) {
            inputs.put(topic, driver.createInputTopic(topic, Serdes.String().serializer(), new AvroSerializer<>(SERDE, false)));
        }
        SpecificAvroSerde<HighlightEvent> serde = new SpecificAvroSerde<>(HighlightEvent.class);
        serde.configure(SERDE, false);
        highlights = driver.createOutputTopic(Topics.HIGHLIGHTS.name(), Serdes.String().deserializer(), serde.deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    /** A VOD of raw per-second inputs: quiet noise, plus whatever a test plants. */
    static final class Vod {
        final String id;
        final int seconds;
        final int[] chatPoints;
        final int[] chatCounts;
        final float[] energy;
        final float[] brightness;
        final float[] motion;
        final boolean[] staticScreen;
        final boolean[] cut;
        boolean audio = true;
        boolean video = true;

        Vod(String id, int seconds, long seed) {
            this.id = id;
            this.seconds = seconds;
            Random rnd = new Random(seed);
            chatPoints = new int[seconds];
            chatCounts = new int[seconds];
            energy = new float[seconds];
            brightness = new float[seconds];
            motion = new float[seconds];
            staticScreen = new boolean[seconds];
            cut = new boolean[seconds];
            for (int s = 0; s < seconds; s++) {
                chatCounts[s] = 3 + rnd.nextInt(4);
                energy[s] = (float) (0.10 + 0.01 * rnd.nextGaussian());
                brightness[s] = (float) (110 + 3 * rnd.nextGaussian());
                motion[s] = (float) (8 + 1.5 * rnd.nextGaussian());
            }
        }

        Vod chat(int from, int to) {
            for (int s = from; s < to; s++) {
                chatPoints[s] = 3;
                chatCounts[s] = 34;
            }
            return this;
        }

        Vod loud(int from, int to) {
            for (int s = from; s < to; s++) {
                energy[s] += 0.08f;
                motion[s] += 12;
            }
            return this;
        }

        Vod staticScreen(int from, int to) {
            for (int s = from; s < to; s++) {
                staticScreen[s] = true;
            }
            return this;
        }

        Vod cutAt(int s) {
            cut[s] = true;
            return this;
        }

        Vod withoutAudio() {
            audio = false;
            return this;
        }

        Vod withoutVideo() {
            video = false;
            return this;
        }

        /** Registration, then chat, audio and video of each second in turn. */
        List<FusionInputs.Input> perSecond() {
            List<FusionInputs.Input> in = new ArrayList<>();
            for (int s = 0; s < seconds; s++) {
                in.add(new FusionInputs.Input(Topics.CHAT_FEATURES.name(), FusionInputs.chat(id, s, chatPoints[s], chatCounts[s])));
                if (audio) {
                    in.add(new FusionInputs.Input(Topics.AUDIO_SCORES.name(), FusionInputs.audio(id, s, energy[s])));
                }
                if (video) {
                    in.add(new FusionInputs.Input(Topics.VIDEO_SCORES.name(), FusionInputs.video(id, s, brightness[s],
                            motion[s], cut[s], staticScreen[s])));
                }
            }
            return in;
        }

        /** Chat, audio and video as the services send them: for each run of {@code run} seconds, a record each. */
        List<FusionInputs.Input> inRuns(int run) {
            List<FusionInputs.Input> in = new ArrayList<>();
            for (int from = 0; from < seconds; from += run) {
                int to = Math.min(seconds, from + run);
                List<ChatFeatures> chatRun = new ArrayList<>();
                List<AudioScore> audioRun = new ArrayList<>();
                List<VideoScore> videoRun = new ArrayList<>();
                for (int s = from; s < to; s++) {
                    chatRun.add(FusionInputs.chatSecond(id, s, chatPoints[s], chatCounts[s]));
                    audioRun.add(FusionInputs.audioSecond(id, s, energy[s]));
                    videoRun.add(FusionInputs.videoSecond(id, s, brightness[s], motion[s], cut[s], staticScreen[s]));
                }
                in.add(new FusionInputs.Input(Topics.CHAT_FEATURES.name(), FusionInputs.chatRun(id, chatRun)));
                if (audio) {
                    in.add(new FusionInputs.Input(Topics.AUDIO_SCORES.name(), FusionInputs.audioRun(id, audioRun)));
                }
                if (video) {
                    in.add(new FusionInputs.Input(Topics.VIDEO_SCORES.name(), FusionInputs.videoRun(id, videoRun)));
                }
            }
            return in;
        }

        FusionInputs.Input registration() {
            return new FusionInputs.Input(Topics.VODS.name(), FusionInputs.registered(id, audio, video));
        }

        List<FusionInputs.Input> completion() {
            List<FusionInputs.Input> in = new ArrayList<>();
            if (audio) {
                in.add(new FusionInputs.Input(Topics.PIPELINE_STATUS.name(), FusionInputs.status(id, Stage.AUDIO, 0, seconds - 1)));
            }
            if (video) {
                in.add(new FusionInputs.Input(Topics.PIPELINE_STATUS.name(), FusionInputs.status(id, Stage.VIDEO, 0, seconds - 1)));
            }
            in.add(new FusionInputs.Input(Topics.PIPELINE_STATUS.name(), FusionInputs.status(id, Stage.CHAT, null, seconds - 1)));
            return in;
        }

        /** In order, as the services would send them (in runs of 16 seconds, the workers' model batch). */
        List<FusionInputs.Input> all() {
            return with(inRuns(16));
        }

        /** Registration, {@code seconds}, completion. */
        List<FusionInputs.Input> with(List<FusionInputs.Input> seconds) {
            List<FusionInputs.Input> in = new ArrayList<>();
            in.add(registration());
            in.addAll(seconds);
            in.addAll(completion());
            return in;
        }
    }

    private void pipe(String vodId, List<FusionInputs.Input> in) {
        in.forEach(i -> inputs.get(i.topic()).pipeInput(vodId, i.value()));
    }

    private List<HighlightEvent> run(Vod vod) {
        return run(vod, vod.all());
    }

    private List<HighlightEvent> run(Vod vod, List<FusionInputs.Input> in) {
        if (driver == null) {
            start(CONFIG);
        }
        pipe(vod.id, in);
        return highlights.readValuesToList();
    }

    private static List<Highlight> emitted(List<HighlightEvent> events, String vodId) {
        return events.stream().filter(e -> e.getVodId().equals(vodId) && e.getPayload() instanceof Highlight)
                .map(e -> (Highlight) e.getPayload()).toList();
    }

    private static List<Highlight> summary(List<HighlightEvent> events, String vodId) {
        return events.stream().filter(e -> e.getVodId().equals(vodId) && e.getPayload() instanceof VodHighlightSummary)
                .map(e -> ((VodHighlightSummary) e.getPayload()).getHighlights()).findFirst()
                .orElseThrow(() -> new AssertionError("no summary for " + vodId));
    }

    private static List<Tuple> spans(List<Highlight> hs) {
        return hs.stream().sorted((a, b) -> Double.compare(a.getStartSec(), b.getStartSec()))
                .map(h -> tuple((int) h.getStartSec(), (int) h.getEndSec())).toList();
    }

    // A burst of k chat seconds at [a, a+k) smooths to "active" over [a-2, a+k+2): k >= 6 for the 10 s minimum.
    @ParameterizedTest(name = "chat-only burst of {0} s -> {1} highlight(s)")
    @CsvSource({"3, 0, 0, 0", "5, 0, 0, 0", "6, 1, 98, 108", "20, 1, 98, 122"})
    void chatOnlyBurstsGiveAHighlightOnlyWhenLongEnough(int burst, int expected, int start, int end) {
        Vod vod = new Vod("chat-only", 200, 1).chat(100, 100 + burst).withoutAudio().withoutVideo();
        List<HighlightEvent> events = run(vod);
        assertThat(emitted(events, vod.id)).hasSize(expected);
        assertThat(summary(events, vod.id)).hasSize(expected);
        if (expected == 1) {
            assertThat(spans(summary(events, vod.id))).containsExactly(tuple(start, end));
            assertThat(summary(events, vod.id).get(0).getReason()).startsWith("chat EXCEPTIONAL 34 msg/s");
        }
    }

    @Test
    void audioAndVideoBurstsWithoutChatNeverGiveAHighlight() {
        Vod vod = new Vod("media-only", 400, 2).loud(100, 160).loud(250, 290);
        List<HighlightEvent> events = run(vod);
        assertThat(emitted(events, vod.id)).isEmpty();
        assertThat(summary(events, vod.id)).isEmpty();
    }

    @Test
    void missingVideoStillGivesTheChatAndAudioHighlight() {
        Vod vod = new Vod("no-video", 300, 3).chat(150, 170).loud(148, 165).withoutVideo();
        List<HighlightEvent> events = run(vod);
        assertThat(spans(summary(events, vod.id))).containsExactly(tuple(148, 172));
        assertThat(summary(events, vod.id).get(0).getAudioContribution()).isPositive();
        assertThat(summary(events, vod.id).get(0).getVideoContribution()).isZero();
    }

    @Test
    void outOfOrderAndDuplicateSecondsGiveTheSameHighlights() {
        Vod vod = new Vod("ordered", 400, 4).chat(100, 115).loud(98, 110).chat(250, 262).cutAt(96);
        List<Highlight> inOrder = summary(run(vod), vod.id);
        assertThat(inOrder).hasSize(2);

        Vod same = new Vod("shuffled", 400, 4).chat(100, 115).loud(98, 110).chat(250, 262).cutAt(96);
        List<FusionInputs.Input> perSecond = new ArrayList<>(same.perSecond());
        Random rnd = new Random(7);
        List<FusionInputs.Input> dups = new ArrayList<>();
        for (FusionInputs.Input i : perSecond) {
            if (rnd.nextInt(5) == 0) {
                dups.add(i);
            }
        }
        perSecond.addAll(dups);
        Collections.shuffle(perSecond, rnd);
        List<FusionInputs.Input> in = new ArrayList<>();
        in.add(same.registration());
        in.addAll(perSecond);
        in.addAll(same.completion());
        List<HighlightEvent> events = run(same, in);
        List<Highlight> shuffled = summary(events, same.id);
        assertThat(shuffled).extracting(Highlight::getStartSec, Highlight::getEndSec, Highlight::getPeakSec,
                        Highlight::getScore, Highlight::getSnappedToSceneCut, Highlight::getRank)
                .containsExactlyElementsOf(inOrder.stream().map(h -> tuple(h.getStartSec(), h.getEndSec(),
                        h.getPeakSec(), h.getScore(), h.getSnappedToSceneCut(), h.getRank())).toList());
        // Inputs ahead of the frontier are only stored: every highlight is emitted once, never revised.
        assertThat(emitted(events, same.id)).extracting(Highlight::getRevision).containsOnly(1);
    }

    /**
     * A run of seconds in one record is the same input as those seconds one by one, whatever the run length (open
     * revisions may differ: a run moves the frontier several seconds at once).
     */
    @Test
    void runsOfSecondsGiveWhatSingleSecondsGive() {
        List<Tuple> expected = null;
        for (int run : new int[] {1, 5, 16, 300}) {
            Vod vod = new Vod("runs-of-" + run, 300, 9).chat(100, 115).loud(98, 110).cutAt(97).chat(200, 212)
                    .staticScreen(230, 260).chat(240, 252);
            List<Highlight> summary = summary(run(vod, vod.with(vod.inRuns(run))), vod.id);
            List<Tuple> got = summary.stream().map(h -> tuple(h.getStartSec(), h.getEndSec(), h.getPeakSec(),
                    h.getScore(), h.getSnappedToSceneCut(), h.getRank())).toList();
            assertThat(got).hasSize(2);
            if (expected == null) {
                expected = got;
            } else {
                assertThat(got).as("runs of %d s", run).containsExactlyElementsOf(expected);
            }
        }
    }

    /**
     * Completion statuses come on another topic than the seconds and can be processed before the last seconds when
     * their partition lags behind (catching up a backlog, or {@code max.task.idle.ms=-1}). The VOD still waits for
     * every second the stages said they emitted.
     */
    @Test
    void completionStatusesBeforeTheLastSecondsGiveTheSameHighlights() {
        Vod vod = new Vod("in-order", 300, 5).chat(100, 115).loud(98, 110).chat(270, 285);
        List<Highlight> inOrder = summary(run(vod), vod.id);
        assertThat(inOrder).hasSize(2);

        Vod same = new Vod("statuses-first", 300, 5).chat(100, 115).loud(98, 110).chat(270, 285);
        List<FusionInputs.Input> perSecond = same.perSecond();
        int cut = perSecond.size() - 3 * 40; // the last 40 seconds of every modality come after the statuses
        List<FusionInputs.Input> in = new ArrayList<>();
        in.add(same.registration());
        in.addAll(perSecond.subList(0, cut));
        in.addAll(same.completion());
        List<HighlightEvent> early = run(same, in);
        assertThat(early.stream().anyMatch(e -> e.getPayload() instanceof VodHighlightSummary)).isFalse();
        List<HighlightEvent> events = run(same, perSecond.subList(cut, perSecond.size()));
        assertThat(spans(summary(events, same.id))).isEqualTo(spans(inOrder));
        assertThat(summary(events, same.id)).extracting(Highlight::getScore)
                .containsExactlyElementsOf(inOrder.stream().map(Highlight::getScore).toList());
    }

    @Test
    void twoVodsInterleavedOnOnePartitionOneFarAheadGiveWhatEachGivesAlone() {
        Vod far = new Vod("far", 5400, 5).chat(5200, 5215);
        Vod near = new Vod("near", 400, 6).chat(100, 112).loud(99, 108);
        List<Highlight> farAlone = summary(run(far), far.id);
        List<Highlight> nearAlone = summary(run(near), near.id);
        stop();
        driver = null;

        Vod far2 = new Vod("far2", 5400, 5).chat(5200, 5215);
        Vod near2 = new Vod("near2", 400, 6).chat(100, 112).loud(99, 108);
        start(CONFIG);
        List<FusionInputs.Input> a = far2.all();
        List<FusionInputs.Input> b = near2.all();
        int head = a.size() - b.size(); // the far VOD is at media second ~5000 when the near one starts at 0
        pipe(far2.id, a.subList(0, head));
        for (int i = 0; i < b.size(); i++) {
            pipe(far2.id, List.of(a.get(head + i)));
            pipe(near2.id, List.of(b.get(i)));
        }
        List<HighlightEvent> events = highlights.readValuesToList();
        assertThat(spans(summary(events, far2.id))).isEqualTo(spans(farAlone)).hasSize(1);
        assertThat(spans(summary(events, near2.id))).isEqualTo(spans(nearAlone)).hasSize(1);
        assertThat(summary(events, near2.id)).extracting(Highlight::getScore)
                .containsExactlyElementsOf(nearAlone.stream().map(Highlight::getScore).toList());
    }

    @Test
    void staticScreensNeverBecomeHighlights() {
        Vod vod = new Vod("static", 300, 7).chat(100, 120).loud(100, 120).staticScreen(95, 125).chat(200, 215);
        List<HighlightEvent> events = run(vod);
        assertThat(spans(summary(events, vod.id))).containsExactly(tuple(198, 217));
        assertThat(emitted(events, vod.id)).hasSize(1);
    }

    @ParameterizedTest(name = "cut at {0} -> start {1}, snapped {2}")
    @CsvSource({"96, 96, true", "95, 95, true", "94, 98, false", "100, 98, false"})
    void theStartSnapsBackToASceneCutWithinAFewSeconds(int cutSec, int start, boolean snapped) {
        Vod vod = new Vod("cut", 200, 8).chat(100, 110).cutAt(cutSec);
        List<Highlight> hs = summary(run(vod), vod.id);
        assertThat(hs).singleElement().satisfies(h -> {
            assertThat((int) h.getStartSec()).isEqualTo(start);
            assertThat((int) h.getEndSec()).isEqualTo(112);
            assertThat(h.getSnappedToSceneCut()).isEqualTo(snapped);
        });
    }

    /**
     * The batch reference (whole-VOD statistics, docs/detection.md rules) and the topology (rolling statistics, streaming) on the
     * same per-second inputs of a stationary hour: the same intervals, to the second. See {@code OracleTest} for why
     * the rules agree exactly here and how close the scores are.
     */
    @Test
    void theTopologyGivesTheBatchReferenceIntervalsOnStationaryInputs() {
        FusionConfig config = FusionServiceConfig.shippedRules().toBuilder().detection(DetectionRule.REFERENCE).fixedChatLag(0)
                .sceneCutSnapSec(0).emitOpenIntervals(false).build();
        start(config);
        SyntheticVod data = SyntheticVod.generate(11, 3600, 0, 60);
        ReferenceDetector.Result reference = new ReferenceDetector(config)
                .detect(data.chatCounts(), data.audioEnergy(), data.brightness(), data.motion());
        assertThat(reference.ranked()).hasSizeGreaterThan(15);

        Vod vod = new Vod("oracle", data.seconds(), 0);
        for (int s = 0; s < data.seconds(); s++) {
            vod.chatPoints[s] = (int) data.chatPoints()[s];
            vod.chatCounts[s] = data.chatCounts()[s];
            vod.energy[s] = (float) data.audioEnergy()[s];
            vod.brightness[s] = (float) data.brightness()[s];
            vod.motion[s] = (float) data.motion()[s];
            vod.cut[s] = data.sceneCut()[s];
        }
        List<HighlightEvent> events = run(vod);
        List<Highlight> streamed = summary(events, vod.id);
        assertThat(spans(streamed)).containsExactlyElementsOf(reference.ranked().stream()
                .sorted((a, b) -> Integer.compare(a.startSec(), b.startSec()))
                .map(d -> tuple(d.startSec(), d.endSec())).toList());
        for (DetectedInterval d : reference.ranked()) {
            Highlight h = streamed.stream().filter(x -> (int) x.getStartSec() == d.startSec()).findFirst().orElseThrow();
            assertThat(h.getScore()).as("mean score of %s", d).isBetween(d.meanScore() * 0.95, d.meanScore() * 1.05);
        }
        assertThat(emitted(events, vod.id)).hasSameSizeAs(streamed);
    }

    /** With open intervals (the service default), the topic carries the running interval first, then its closing revision. */
    @Test
    void openIntervalsReachTheTopicAndCloseWithTheFinalRevision() {
        start(CONFIG.toBuilder().emitOpenIntervals(true).build());
        Vod vod = new Vod("open", 200, 1).chat(100, 120).withoutAudio().withoutVideo();
        List<HighlightEvent> all = run(vod);
        List<Highlight> events = emitted(all, vod.id);

        assertThat(events).extracting(Highlight::getHighlightId).containsOnly(events.get(0).getHighlightId());
        assertThat(events).extracting(Highlight::getRevision).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.get(0).getOpen()).isTrue();
        assertThat(events.get(0).getEndSec() - events.get(0).getStartSec()).isEqualTo(10);
        Highlight closing = events.get(events.size() - 1);
        assertThat(closing.getOpen()).isFalse();
        assertThat(events.subList(0, events.size() - 1)).extracting(Highlight::getOpen).containsOnly(true);
        assertThat(spans(List.of(closing))).containsExactly(tuple(98, 122));
        assertThat(summary(all, vod.id)).singleElement().satisfies(h -> {
            assertThat(h.getOpen()).isFalse();
            assertThat(h.getRevision()).isEqualTo(closing.getRevision());
        });
    }
}
