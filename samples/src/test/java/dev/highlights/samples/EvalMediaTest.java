package dev.highlights.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media of the evaluation kinds: which are loud, which move, which do neither. One 40-second VOD at 320x180 with
 * the kinds back to back, generated through an {@link EvalSet} to check the set's directory layout and reuse too.
 */
class EvalMediaTest {

    static final SampleSpec MEDIA = new SampleSpec(40, 320, 180, 30, 21L, List.of(
            PlantedMoment.reaction(MomentKind.FUNNY_CONVERSATION, 4, 8, 2.0, 1),
            PlantedMoment.reaction(MomentKind.TENSE_CLUTCH, 8, 12, 3.0, 1),
            PlantedMoment.withBurst(MomentKind.GIVEAWAY_ANNOUNCED, 12, 16, 16, 22),
            PlantedMoment.of(MomentKind.DONATION_ALERT, 16, 21),
            PlantedMoment.of(MomentKind.RAGE, 21, 25),
            PlantedMoment.of(MomentKind.GAME_CROWD, 25, 29),
            PlantedMoment.of(MomentKind.CAMERA_SHAKE, 29, 32),
            PlantedMoment.of(MomentKind.FLASHES, 32, 35),
            PlantedMoment.of(MomentKind.MENU_SCREENS, 35, 39)), Vocabulary.TUNING, Community.BUSY);

    @TempDir
    static Path root;
    static EvalSet set;
    static SampleVodFiles files;
    static double[] rms;
    static double[] motion;
    static double calmRms;
    static double calmMotion;

    @BeforeAll
    static void generate() throws Exception {
        set = new EvalSet("media", List.of(new EvalSet.Vod("m1-busy", MEDIA)));
        files = set.ensure(root, 1, line -> { }).get(0);
        rms = SampleVodTest.perSecondRms(files.video(), 40);
        motion = SampleVodTest.perSecondMotion(files.video(), 40);
        calmRms = SampleVodTest.median(Arrays.copyOfRange(rms, 0, 4));
        calmMotion = SampleVodTest.median(Arrays.copyOfRange(motion, 1, 4));
    }

    @Test
    void setVodsLiveUnderSetAndVodNameAndAreReusedUntilTheSpecChanges() throws Exception {
        Path dir = root.resolve("media").resolve("m1-busy");
        assertThat(files.generated()).isTrue();
        assertThat(files.directory()).isEqualTo(dir);
        assertThat(dir.resolve(SampleVod.VIDEO_FILE)).isRegularFile();
        assertThat(SampleTruth.read(dir.resolve(SampleVod.TRUTH_FILE))).isEqualTo(MEDIA);
        long modified = Files.getLastModifiedTime(files.video()).toMillis();
        List<String> progress = new ArrayList<>();
        assertThat(set.ensure(root, 2, progress::add).get(0).generated()).isFalse();
        assertThat(progress).singleElement().asString().contains("media/m1-busy", "reused");
        assertThat(Files.getLastModifiedTime(files.video()).toMillis()).isEqualTo(modified);
        // a changed spec in the same place is generated afresh (tiny: only the reuse rule matters here)
        Path other = root.resolve("changed");
        SampleSpec tiny = new SampleSpec(6, 160, 90, 5, 22L, List.of(), Vocabulary.TUNING, Community.SMALL);
        new EvalSet("x", List.of(new EvalSet.Vod("v", tiny))).ensure(other, 1, line -> { });
        SampleSpec changed = tiny.withSeed(23L);
        SampleVodFiles again = new EvalSet("x", List.of(new EvalSet.Vod("v", changed))).ensure(other, 1, line -> { })
                .get(0);
        assertThat(again.generated()).isTrue();
        assertThat(SampleTruth.read(again.truth())).isEqualTo(changed);
    }

    @Test
    void loudKindsAreFarAboveTheRoomAndTheClutchIsQuieter() {
        assertThat(20 * Math.log10(calmRms)).as("calm, dBFS").isBetween(-55.0, -38.0);
        assertLouderThanCalm("funny conversation (laughter)", 5, 8, 14);
        assertLouderThanCalm("giveaway announcement (speech)", 13, 16, 14);
        assertLouderThanCalm("donation alert (chime and voice)", 17, 21, 12);
        assertLouderThanCalm("rage (shouting)", 22, 25, 14);
        assertLouderThanCalm("game crowd", 26, 29, 14);
        for (int s = 9; s < 12; s++) {
            assertThat(rms[s]).as("tense clutch second %d is hushed", s).isLessThan(calmRms);
        }
        for (int s = 30; s < 39; s++) {
            assertThat(rms[s]).as("visual-only second %d keeps the room tone", s).isLessThan(1.5 * calmRms);
        }
    }

    private void assertLouderThanCalm(String what, int from, int to, double minDb) {
        double level = SampleVodTest.median(Arrays.copyOfRange(rms, from, to));
        assertThat(20 * Math.log10(level / calmRms)).as(what + ", dB over calm").isBetween(minDb, 32.0);
    }

    @Test
    void visualKindsMoveAndTheLoudOnesWithoutAPictureDoNot() {
        assertThat(calmMotion).as("calm motion").isGreaterThan(1.0);
        assertThat(motion[8]).as("hard cut into the clutch").isGreaterThan(30);
        assertThat(SampleVodTest.median(Arrays.copyOfRange(motion, 9, 12))).as("clutch motion")
                .isGreaterThan(8 * calmMotion);
        assertThat(SampleVodTest.median(Arrays.copyOfRange(motion, 30, 32))).as("camera shake")
                .isGreaterThan(2.5 * calmMotion);
        assertThat(SampleVodTest.median(Arrays.copyOfRange(motion, 32, 35))).as("flashes")
                .isGreaterThan(5 * calmMotion);
        assertThat(motion[35]).as("hard cut into the menus").isGreaterThan(4 * calmMotion);
        assertThat(Arrays.stream(motion, 36, 39).average().orElseThrow()).as("menu tabs switching")
                .isGreaterThan(3 * calmMotion);
        for (int s = 5; s < 8; s++) {
            assertThat(motion[s]).as("funny conversation second %d: no visual change", s).isLessThan(2 * calmMotion);
        }
        for (int s = 13; s < 29; s++) {
            assertThat(motion[s]).as("loud-audio second %d: no visual change", s).isLessThan(2 * calmMotion);
        }
    }
}
