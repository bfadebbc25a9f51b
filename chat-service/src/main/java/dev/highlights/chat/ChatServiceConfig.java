package dev.highlights.chat;

import dev.highlights.chat.features.ChatFeatureConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code chat.*} settings; defaults are the reference detector's where it has one. */
@ConfigMapping(prefix = "chat")
public interface ChatServiceConfig {

    /** Trailing window of the per-VOD baseline. */
    @WithDefault("600")
    int baselineWindowSeconds();

    /** Levels stay NONE until the baseline holds this many seconds. */
    @WithDefault("60")
    int warmUpSeconds();

    /** A message later than the VOD's watermark minus this is counted as late and not used. */
    @WithDefault("10")
    int allowedLatenessSeconds();

    /** A message repeats (copypasta) when its normalised text was seen within this many seconds. */
    @WithDefault("30")
    int repeatWindowSeconds();

    @WithDefault("2.0")
    double highDeviations();

    @WithDefault("2.5")
    double exceptionalDeviations();

    /** Lower bound of the baseline deviation, messages/s. */
    @WithDefault("1.5")
    double deviationFloor();

    @WithDefault("MEDIAN_MAD")
    ChatFeatureConfig.Estimator estimator();

    /** A lexicon file of "category token" lines replacing the built-in one. */
    Optional<String> lexiconFile();

    /** How long an ended VOD's state is kept so replays change nothing; match the chat-messages retention. */
    @WithDefault("P7D")
    Duration endedRetention();

    /**
     * Seconds closed within this interval (wall clock) go out together, one chat-features record per VOD, so that
     * consumers pay Kafka's per-record cost once per run; it adds up to this much latency. 0: each message's closed
     * seconds at once.
     */
    @WithDefault("100ms")
    Duration featuresEmitInterval();

    /** The most seconds in one chat-features record (a VOD's run goes out at once when it reaches this). */
    @WithDefault("300")
    int featuresMaxRun();

    default ChatFeatureConfig toFeatureConfig() {
        return ChatFeatureConfig.builder()
                .baselineWindowSeconds(baselineWindowSeconds())
                .warmUpSeconds(warmUpSeconds())
                .allowedLatenessSeconds(allowedLatenessSeconds())
                .repeatWindowSeconds(repeatWindowSeconds())
                .highDeviations(highDeviations())
                .exceptionalDeviations(exceptionalDeviations())
                .deviationFloor(deviationFloor())
                .estimator(estimator())
                .build();
    }
}
