package dev.highlights.fusion;

import dev.highlights.fusion.rules.ChatLagMode;
import dev.highlights.fusion.rules.DetectionRule;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.RankingOrder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * {@code fusion.*} settings: the weights and thresholds of the detection rules (defaults are the
 * reference detector's, docs/detection.md) and the streaming settings around them.
 */
@ConfigMapping(prefix = "fusion")
public interface FusionServiceConfig {

    /** Half-width of the centred moving average (3 gives 7 s); also the inherent lookahead in seconds. */
    @WithDefault("3")
    int smoothingRadiusSec();

    @WithDefault("0.5")
    double chatActiveThreshold();

    @WithDefault("1.0")
    double chatWeight();

    @WithDefault("0.5")
    double audioWeight();

    @WithDefault("1.0")
    double videoWeight();

    @WithDefault("0.3")
    double finalThreshold();

    @WithDefault("3")
    int maxGapSec();

    @WithDefault("10")
    int minDurationSec();

    @WithDefault("2.0")
    double audioZThreshold();

    @WithDefault("3.0")
    double audioZDivisor();

    @WithDefault("1.0")
    double videoZThreshold();

    @WithDefault("2.0")
    double videoZDivisor();

    /** ESTIMATED (cross-correlation of chat with audio and video) or FIXED. */
    @WithDefault("ESTIMATED")
    ChatLagMode chatLagMode();

    /**
     * The lag in FIXED mode and the starting lag in ESTIMATED mode, seconds. Viewers watch a few seconds behind the
     * stream and then type, so the first highlights of a VOD (before the estimate has evidence) start from 3 s.
     */
    @WithDefault("3")
    int chatLagSec();

    /** CONFIRMED: chat reacts at least this long after the moment starts (and at most max-chat-lag-sec). */
    @WithDefault("0")
    int minChatLagSec();

    /** CONFIRMED: the end of the lag window; a media second is final once chat is known this far after it. */
    @WithDefault("16")
    int maxChatLagSec();

    @WithDefault("3")
    int sceneCutSnapSec();

    /** DURATION_THEN_MEAN (the reference) or SCORE. */
    @WithDefault("DURATION_THEN_MEAN")
    RankingOrder rankingOrder();

    /** Trailing window of the rolling audio and video statistics. */
    @WithDefault("600")
    int rollingWindowSec();

    /** Live streams only: a modality that stalls this long is not waited for. */
    @WithDefault("PT5S")
    Duration liveModalityTimeout();

    /** How often live streams are checked for a stalled modality. */
    @WithDefault("PT1S")
    Duration tick();

    /**
     * A VOD's state is deleted (a tombstone in the changelog) once no input arrived for it this long: VODs that never
     * end, or ended ones, do not keep state forever. A VOD's input after that starts it afresh.
     */
    @WithDefault("P7D")
    Duration stateIdleExpiry();

    /**
     * Send a highlight as soon as its running interval is min-duration-sec long and revise its end as it grows (the
     * revision that closes it has {@code open=false}), so live highlights appear the smoothing lookahead after their
     * seconds; false sends each interval once, when the gap after it closes it.
     */
    @WithDefault("true")
    boolean emitOpenIntervals();

    /** Reference chat rule: a count at or above mean + this many standard deviations is HIGH. */
    @WithDefault("2.0")
    double chatHighSd();

    /** ... and at or above mean + this many is EXCEPTIONAL. */
    @WithDefault("2.5")
    double chatExceptionalSd();

    /** Points of a HIGH chat second (also the level boundary for continuous scores). */
    @WithDefault("2")
    double chatHighPoints();

    /** Points of an EXCEPTIONAL chat second. */
    @WithDefault("3")
    double chatExceptionalPoints();

    /** Cap of the audio score. */
    @WithDefault("1.0")
    double audioMaxScore();

    /** Cap of the video score. */
    @WithDefault("0.5")
    double videoMaxScore();

    /** The estimated lag may move only after this many seconds with media activity were seen. */
    @WithDefault("120")
    int lagMinEvidenceSec();

    /** ... and only every this many seconds of new evidence. */
    @WithDefault("30")
    int lagReevaluateEverySec();

    /** ... and only to a lag whose correlation is at least this. */
    @WithDefault("0.2")
    double lagMinCorrelation();

    /** ... that beats the current lag's correlation by at least this. */
    @WithDefault("0.05")
    double lagSwitchMargin();

    /** Granularity of the rolling window (it slides by whole buckets). */
    @WithDefault("10")
    int rollingBucketSec();

    /** No rolling z-score (so no audio or video score) until this many seconds were seen. */
    @WithDefault("30")
    int rollingWarmupSec();

    /** Floor of the rolling standard deviation: a flat signal gives z = 0, not infinity. */
    @WithDefault("1e-9")
    double rollingMinStdDev();

    /** How far behind the fusion frontier late inputs are still applied; older seconds are pruned. */
    @WithDefault("60")
    int retainSec();

    /** CONFIRMED (a reaction burst confirmed by audio or video; the interval is the moment) or REFERENCE. */
    @WithDefault("CONFIRMED")
    DetectionRule detection();

    /** A chat burst is a reaction when at least this share of its messages are reactions (not spam, raids, copypasta). */
    @WithDefault("0.45")
    double minReactionShare();

    /** Audio confirms where its rolling z-score reaches this. */
    @WithDefault("2.0")
    double confirmAudioZ();

    /** Video confirms where max(brightness z, motion z) reaches this. */
    @WithDefault("2.0")
    double confirmVideoZ();

    /** An exceptional reaction burst is a highlight without audio or video activity (always so without audio and video). */
    @WithDefault("false")
    boolean chatAloneHighlights();

    /** CONFIRMED: least spread of the robust rolling audio baseline (dB): a steady room tone does not make noise loud. */
    @WithDefault("1.0")
    double audioSpreadFloorDb();

    /** CONFIRMED: least spread of the robust rolling motion baseline (dB of 1 + mean grey difference). */
    @WithDefault("1.0")
    double motionSpreadFloorDb();

    /** CONFIRMED: least spread of the robust rolling brightness baseline (grey levels, 0..255). */
    @WithDefault("2.0")
    double brightnessSpreadFloor();

    /** CONFIRMED: a chat burst with more than this share of messages from chatters new to the VOD is a raid arriving. */
    @WithDefault("0.7")
    double maxNewcomerShare();

    /** The rules' record: the only place the pure rules get their settings from. */
    default FusionConfig toFusionConfig() {
        return new FusionConfig(smoothingRadiusSec(), chatActiveThreshold(), chatWeight(), audioWeight(), videoWeight(),
                finalThreshold(), maxGapSec(), minDurationSec(), chatHighSd(), chatExceptionalSd(), chatHighPoints(),
                chatExceptionalPoints(), audioZThreshold(), audioZDivisor(), audioMaxScore(), videoZThreshold(),
                videoZDivisor(), videoMaxScore(), chatLagMode(), chatLagSec(), minChatLagSec(), maxChatLagSec(),
                lagMinEvidenceSec(), lagReevaluateEverySec(), lagMinCorrelation(), lagSwitchMargin(), sceneCutSnapSec(),
                rankingOrder(), rollingWindowSec(), rollingBucketSec(), rollingWarmupSec(), rollingMinStdDev(),
                retainSec(), liveModalityTimeout().toMillis(), emitOpenIntervals(), detection(), minReactionShare(),
                confirmAudioZ(), confirmVideoZ(), chatAloneHighlights(), audioSpreadFloorDb(), motionSpreadFloorDb(),
                brightnessSpreadFloor(), maxNewcomerShare());
    }

    /**
     * The shipped settings outside Quarkus (tests, benchmarks, replay tools): the defaults above with
     * {@code properties} (full keys, e.g. {@code fusion.max-gap-sec}) on top. Quarkus builds the same mapping from the
     * same defaults, so nothing else holds a second copy of them.
     */
    static FusionServiceConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(FusionServiceConfig.class)
                // Durations as Quarkus reads them ("100ms", "5s" as well as ISO-8601).
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "fusion-settings", 400))
                .build()
                .getConfigMapping(FusionServiceConfig.class);
    }

    /** {@link #load} with nothing changed: what the service ships. */
    static FusionConfig shippedRules() {
        return load(Map.of()).toFusionConfig();
    }
}
