package dev.highlights.chat;

import dev.highlights.chat.features.ChatFeatureConfig;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatLexicon;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code chat.*} settings; defaults are the reference detector's where it has one. */
@ConfigMapping(prefix = "chat")
public interface ChatServiceConfig {

    /** Trailing window of the per-VOD baseline. */
    @WithDefault("600")
    int baselineWindowSeconds();

    /**
     * Levels stay NONE until the baseline holds this many seconds. 30 s of chat is enough for a median and a MAD, and a
     * longer warm-up hides the reaction to a moment in the VOD's first minute (it then seems to come late).
     */
    @WithDefault("30")
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

    /**
     * A VOD's chat state is deleted (tombstones in the changelogs) once no message arrived for it this long, ended or
     * not; until then replays change nothing. Match the chat-messages retention.
     */
    @WithDefault("P7D")
    Duration stateIdleExpiry();

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

    /**
     * Count seconds without messages in the baseline (a rate baseline); false reproduces the reference detector's
     * population (seconds that have messages).
     */
    @WithDefault("true")
    boolean includeQuietSeconds();

    /**
     * Offsets above this are invalid (default 7 days): every second up to the watermark is emitted, so one bogus
     * offset (epoch milliseconds in the seconds field) must not make a VOD emit billions of seconds.
     */
    @WithDefault("604800")
    long maxOffsetSeconds();

    /** Messages with more tokens are never reactions: reactions are short, long messages are talk or copypasta. */
    @WithDefault("6")
    int reactionMaxTokens();

    /**
     * A chatter never seen before in the VOD counts as a newcomer (a raid's arrivals) only once the VOD has this much chat
     * history: at the start everyone is new.
     */
    @WithDefault("300")
    int newcomerHistorySeconds();

    /** The rules' record: the only place the pure feature engine gets its settings from. */
    default ChatFeatureConfig toFeatureConfig() {
        return new ChatFeatureConfig(baselineWindowSeconds(), warmUpSeconds(), allowedLatenessSeconds(),
                repeatWindowSeconds(), highDeviations(), exceptionalDeviations(), deviationFloor(),
                includeQuietSeconds(), estimator(), maxOffsetSeconds(), reactionMaxTokens(),
                newcomerHistorySeconds());
    }

    /** The lexicon file when one is set, else the built-in lexicon. */
    default ChatLexicon lexicon() {
        return lexiconFile().map(f -> ChatLexicon.fromFile(Path.of(f))).orElseGet(ChatLexicon::builtIn);
    }

    /** The feature engine these settings describe. */
    default ChatFeatureEngine featureEngine() {
        return new ChatFeatureEngine(toFeatureConfig(), lexicon());
    }

    /**
     * The shipped settings outside Quarkus (tests, benchmarks, replay tools): the defaults above with
     * {@code properties} (full keys, e.g. {@code chat.warm-up-seconds}) on top. Quarkus builds the same mapping from the
     * same defaults, so nothing else holds a second copy of them.
     */
    static ChatServiceConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(ChatServiceConfig.class)
                // Durations as Quarkus reads them ("100ms", "5s" as well as ISO-8601).
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "chat-settings", 400))
                .build()
                .getConfigMapping(ChatServiceConfig.class);
    }

    /** {@link #load} with nothing changed: what the service ships. */
    static ChatServiceConfig shipped() {
        return load(Map.of());
    }
}
