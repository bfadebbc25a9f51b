package dev.highlights.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class FfmpegNativesTest {

    @Test
    void loadsOnceAndSetsTheLogLevelFromItsProperty() {
        FfmpegNatives.init();
        FfmpegNatives.init();
        assertThat(avutil.av_log_get_level()).isEqualTo(avutil.AV_LOG_ERROR);
        assertThat(FfmpegNatives.logLevel("WARNING")).isEqualTo(avutil.AV_LOG_WARNING);
        assertThat(FfmpegNatives.logLevel(" quiet ")).isEqualTo(avutil.AV_LOG_QUIET);
        assertThat(FfmpegNatives.logLevel("nonsense")).as("unknown names keep errors").isEqualTo(avutil.AV_LOG_ERROR);
    }

    @Test
    void wordsFfmpegErrorCodes() {
        FfmpegNatives.init();
        int invalidData = avutil.AVERROR_INVALIDDATA();
        assertThat(FfmpegNatives.errorText(invalidData))
                .isEqualTo("Invalid data found when processing input (error " + invalidData + ")");
        assertThat(FfmpegNatives.describe(new Exception("avformat_open_input() error " + invalidData + ": Could not open input")))
                .startsWith("Invalid data found when processing input (avformat_open_input() error");
        assertThat(FfmpegNatives.describe(new Exception("no code here"))).isEqualTo("no code here");
    }
}
