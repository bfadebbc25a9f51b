package dev.highlights.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleVodTest {

    /** 90 s, small picture: calm, one hype, a chat spike, a static screen with chat spam, calm. */
    static final SampleSpec SHORT = new SampleSpec(90, 320, 180, 30, 7L, List.of(
            PlantedMoment.hype(20, 40),
            PlantedMoment.chatSpike(50, 54),
            PlantedMoment.staticScreen(60, 80)));

    @TempDir
    static Path dir;
    static SampleVodFiles files;

    @BeforeAll
    static void generate() throws Exception {
        files = SampleVod.generate(dir.resolve("short"), SHORT);
    }

    @Test
    void shortSampleHasVideoAndAudioOfTheRequestedLength() throws Exception {
        assertThat(files.generated()).isTrue();
        assertThat(files.video()).isRegularFile().hasFileName(SampleVod.VIDEO_FILE);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(files.video().toFile())) {
            g.start();
            assertThat(g.getLengthInTime() / 1e6).isCloseTo(90.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(g.hasVideo()).isTrue();
            assertThat(g.hasAudio()).isTrue();
            assertThat(g.getImageWidth()).isEqualTo(320);
            assertThat(g.getImageHeight()).isEqualTo(180);
            assertThat(g.getFrameRate()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(g.getVideoCodecName()).contains("h264");
            assertThat(g.getAudioCodecName()).contains("aac");
            assertThat(g.getAudioChannels()).isEqualTo(1);
            g.stop();
        }
    }

    @Test
    void hypeIsFarLouderThanBaselineAndStaticScreenIsSilent() throws Exception {
        double[] rms = perSecondRms(files.video(), 90);
        double calm = median(Arrays.copyOfRange(rms, 3, 18));
        double hype = median(Arrays.copyOfRange(rms, 21, 39));
        double brb = median(Arrays.copyOfRange(rms, 61, 79));
        double hypeDb = 20 * Math.log10(hype / calm);
        assertThat(hypeDb).as("hype over calm, dB").isBetween(20.0, 32.0);
        assertThat(20 * Math.log10(calm)).as("calm level, dBFS").isBetween(-55.0, -38.0);
        assertThat(brb).as("static screen RMS").isLessThan(calm / 10);
        for (int s = 21; s < 39; s++) {
            assertThat(rms[s]).as("second %d", s).isGreaterThan(8 * calm);
        }
    }

    @Test
    void motionIsHighInHypeCalmElsewhereAndZeroOnTheStaticScreen() throws Exception {
        double[] motion = perSecondMotion(files.video(), 90);
        double calm = median(Arrays.copyOfRange(motion, 2, 18));
        assertThat(calm).as("calm motion (grey levels), not a static screen").isGreaterThan(2.0);
        assertThat(median(Arrays.copyOfRange(motion, 21, 39))).as("hype motion").isGreaterThan(8 * calm);
        for (int s = 62; s < 79; s++) {
            assertThat(motion[s]).as("static second %d", s).isLessThan(0.5);
        }
        assertThat(motion[20]).as("hard cut into the hype").isGreaterThan(30);
    }

    @Test
    void chatIsTwitchDownloaderJsonWithThePlantedPeaks() throws Exception {
        JsonNode root = new ObjectMapper().readTree(files.chat().toFile());
        assertThat(root.path("video").path("length").asInt()).isEqualTo(90);
        JsonNode comments = root.path("comments");
        assertThat(comments.isArray()).isTrue();
        assertThat(comments.size()).isEqualTo(files.messages());
        int[] counts = new int[90];
        double prev = -1;
        for (JsonNode c : comments) {
            assertThat(c.path("_id").asText()).isNotBlank();
            double off = c.path("content_offset_seconds").asDouble();
            assertThat(off).isGreaterThanOrEqualTo(prev);
            prev = off;
            assertThat(off - Math.floor(off)).isBetween(0.0005, 0.9995); // strictly inside its second
            counts[(int) Math.floor(off)]++;
            JsonNode who = c.path("commenter");
            assertThat(who.path("display_name").asText()).isNotBlank();
            assertThat(who.path("_id").asText()).matches("\\d+");
            assertThat(who.path("name").asText()).isEqualTo(who.path("display_name").asText().toLowerCase());
            JsonNode msg = c.path("message");
            StringBuilder joined = new StringBuilder();
            for (JsonNode f : msg.path("fragments")) {
                joined.append(f.path("text").asText());
                if (!f.path("emoticon").isNull()) {
                    assertThat(f.path("emoticon").path("emoticon_id").asText()).matches("\\d+");
                }
            }
            assertThat(joined.toString()).isEqualTo(msg.path("body").asText());
            assertThat(msg.path("bits_spent").asInt()).isZero();
            assertThat(msg.path("user_badges").isArray()).isTrue();
        }
        assertThat(counts).isEqualTo(SampleChat.perSecondCounts(SampleChat.comments(SHORT), 90));
        for (int s = 0; s < 90; s++) {
            if (s >= 24 && s < 43) {
                assertThat(counts[s]).as("hype explosion second %d", s).isBetween(14, 40);
            } else if (s >= 50 && s < 54) {
                assertThat(counts[s]).as("spike second %d", s).isBetween(25, 35);
            } else if (s >= 66 && s < 76) {
                assertThat(counts[s]).as("static-screen spam second %d", s).isBetween(9, 15);
            } else {
                assertThat(counts[s]).as("ordinary second %d", s).isBetween(1, 3);
            }
        }
        assertThat(Arrays.stream(counts, 24, 43).sum()).isGreaterThan(19 * 20);
        String all = Files.readString(files.chat());
        assertThat(all).contains("KEKW", "PogChamp", "OMEGALUL", "LUL", "\"emoticon_id\":\"305954156\"");
    }

    @Test
    void sameSeedGivesIdenticalChatDifferentSeedDoesNot() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        SampleChat.write(SHORT, SampleChat.comments(SHORT), a);
        SampleChat.write(SHORT, SampleChat.comments(SHORT), b);
        SampleSpec other = SHORT.withSeed(8L);
        SampleChat.write(other, SampleChat.comments(other), c);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(files.chat()));
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
    }

    @Test
    void truthFileDescribesTheSpecAndEnsureReusesIt() throws Exception {
        assertThat(SampleTruth.read(files.truth())).isEqualTo(SHORT);
        assertThat(SampleVod.readTruth(files.directory())).isEqualTo(SHORT.moments());
        JsonNode truth = new ObjectMapper().readTree(files.truth().toFile());
        assertThat(truth.path("moments").get(0).path("kind").asText()).isEqualTo("HYPE");
        assertThat(truth.path("moments").get(0).path("expectHighlight").asBoolean()).isTrue();
        assertThat(truth.path("moments").get(1).path("expectHighlight").asBoolean()).isFalse();
        long modified = Files.getLastModifiedTime(files.video()).toMillis();
        SampleVodFiles again = SampleVod.ensure(files.directory(), SHORT);
        assertThat(again.generated()).isFalse();
        assertThat(Files.getLastModifiedTime(files.video()).toMillis()).isEqualTo(modified);
        assertThat(again.messages()).isEqualTo(files.messages());
    }

    @Test
    void defaultScheduleHasThreeHypesAndEveryDecoyApart() {
        SampleSpec d = SampleSpec.defaults();
        assertThat(d.durationSec()).isEqualTo(240);
        assertThat(d.width()).isEqualTo(640);
        assertThat(d.height()).isEqualTo(360);
        assertThat(d.fps()).isEqualTo(30);
        assertThat(d.expectedHighlights()).hasSize(3).allSatisfy(m -> {
            assertThat(m.durationSec()).isBetween(15, 25);
            assertThat(m.chatStartSec() - m.startSec()).isBetween(3, 5);
            assertThat(m.chatEndSec() - m.chatStartSec()).isBetween(15, 25);
        });
        assertThat(d.decoys()).extracting(PlantedMoment::kind).contains(MomentKind.DECOY_LOUD_MOTION,
                MomentKind.DECOY_CHAT_SPIKE, MomentKind.DECOY_STATIC_SCREEN, MomentKind.QUIET);
        assertThat(d.moments().get(0).firstSec()).isGreaterThanOrEqualTo(60); // chat baselines warm up first
        PlantedMoment spike = d.moments().stream().filter(m -> m.kind() == MomentKind.DECOY_CHAT_SPIKE).findFirst()
                .orElseThrow();
        assertThat(spike.chatEndSec() - spike.chatStartSec() + 4).as("spike after 7 s smoothing").isLessThan(10);
        PlantedMoment brb = d.moments().stream().filter(m -> m.kind() == MomentKind.DECOY_STATIC_SCREEN).findFirst()
                .orElseThrow();
        assertThat(brb.durationSec()).isBetween(25, 35);
        assertThat(brb.chatStartSec()).isGreaterThan(brb.startSec());
        assertThat(brb.chatEndSec()).isLessThan(brb.endSec());
        // chat-active stretches (bursts widened by the 7 s smoothing) stay more than the 3 s join gap apart
        List<PlantedMoment> bursts = d.moments().stream().filter(PlantedMoment::hasChatBurst).toList();
        for (int i = 1; i < bursts.size(); i++) {
            assertThat((bursts.get(i).chatStartSec() - 3) - (bursts.get(i - 1).chatEndSec() + 3)).isGreaterThan(3);
        }
    }

    @Test
    void defaultChatPeaksStandOutAgainstARobustBaselineOnlyWherePlanted() {
        SampleSpec d = SampleSpec.defaults();
        int[] counts = SampleChat.perSecondCounts(SampleChat.comments(d), d.durationSec());
        double median = median(Arrays.stream(counts).asDoubleStream().toArray());
        double[] dev = Arrays.stream(counts).mapToDouble(c -> Math.abs(c - median)).toArray();
        double spread = Math.max(1.4826 * median(dev), Math.sqrt(median));
        double high = median + 2 * Math.max(spread, 1.5);
        for (int s = 0; s < d.durationSec(); s++) {
            boolean burst = d.chatBurstAt(s) != null;
            assertThat(counts[s] >= high).as("second %d (count %d, HIGH from %.1f)", s, counts[s], high)
                    .isEqualTo(burst);
        }
    }

    @Test
    void standardScheduleFitsOtherLengths() {
        for (int len : new int[] {30, 60, 90, 150, 239, 240, 600, 3600}) {
            SampleSpec s = SampleSpec.standard(len);
            assertThat(s.durationSec()).isEqualTo(len);
            assertThat(s.moments()).allSatisfy(m -> assertThat(m.lastSecExclusive()).isLessThanOrEqualTo(len));
            if (len >= 90) {
                assertThat(s.expectedHighlights()).isNotEmpty();
            }
        }
        assertThat(SampleSpec.standard(600).moments()).hasSize(7);
    }

    @Test
    void rejectsInvalidSpecs() {
        assertThatThrownBy(() -> SHORT.withMoments(List.of(PlantedMoment.hype(20, 40), PlantedMoment.chatSpike(30, 34))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> SHORT.withMoments(List.of(PlantedMoment.hype(80, 89))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends after");
        assertThatThrownBy(() -> SHORT.withSize(321, 180)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainWritesASample() throws Exception {
        Path out = dir.resolve("main");
        assertThat(SampleVodMain.run(new String[] {out.toString(), "--seconds", "8", "--size", "160x90"})).isZero();
        assertThat(out.resolve(SampleVod.VIDEO_FILE)).isRegularFile();
        assertThat(out.resolve(SampleVod.CHAT_FILE)).isRegularFile();
        assertThat(SampleTruth.read(out.resolve(SampleVod.TRUTH_FILE)).durationSec()).isEqualTo(8);
        assertThat(SampleVodMain.run(new String[] {"--bogus"})).isEqualTo(2);
    }

    /** Per-second RMS of the audio decoded and resampled to 16 kHz mono float. */
    static double[] perSecondRms(Path video, int seconds) throws Exception {
        double[] sum = new double[seconds];
        int[] n = new int[seconds];
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            g.setSampleRate(16_000);
            g.setAudioChannels(1);
            g.start();
            long index = 0;
            for (Frame f; (f = g.grabSamples()) != null; ) {
                FloatBuffer b = (FloatBuffer) f.samples[0];
                for (int i = b.position(); i < b.limit(); i++, index++) {
                    int s = (int) (index / 16_000);
                    if (s < seconds) {
                        sum[s] += (double) b.get(i) * b.get(i);
                        n[s]++;
                    }
                }
            }
            g.stop();
        }
        double[] rms = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            rms[s] = n[s] == 0 ? 0 : Math.sqrt(sum[s] / n[s]);
        }
        return rms;
    }

    /** Per-second mean absolute grey difference between frames a quarter second apart (the video rule's motion). */
    static double[] perSecondMotion(Path video, int seconds) throws Exception {
        double[] sum = new double[seconds];
        int[] n = new int[seconds];
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            g.start();
            int w = g.getImageWidth();
            int h = g.getImageHeight();
            byte[] prev = null;
            byte[] cur = new byte[w * h];
            int frame = 0;
            for (Frame f; (f = g.grabImage()) != null; frame++) {
                if (frame % 8 != 0) {
                    continue; // about 4 samples a second at 30 fps
                }
                ByteBuffer b = (ByteBuffer) f.image[0];
                int stride = f.imageStride;
                for (int r = 0; r < h; r++) {
                    b.position(r * stride);
                    b.get(cur, r * w, w);
                }
                if (prev != null) {
                    long d = 0;
                    for (int i = 0; i < cur.length; i++) {
                        d += Math.abs((cur[i] & 0xff) - (prev[i] & 0xff));
                    }
                    int s = (int) (frame / 30);
                    if (s < seconds) {
                        sum[s] += d / (double) cur.length;
                        n[s]++;
                    }
                    byte[] t = prev;
                    prev = cur;
                    cur = t;
                } else {
                    prev = cur;
                    cur = new byte[w * h];
                }
            }
            g.stop();
        }
        double[] out = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            out[s] = n[s] == 0 ? 0 : sum[s] / n[s];
        }
        return out;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }
}
