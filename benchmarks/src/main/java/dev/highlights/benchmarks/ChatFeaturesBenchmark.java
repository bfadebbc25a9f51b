package dev.highlights.benchmarks;

import dev.highlights.chat.ChatServiceConfig;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatMessageView;
import dev.highlights.chat.features.EndOutcome;
import dev.highlights.chat.features.VodChatState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * chat-service's feature math without Kafka: {@link ChatFeatureEngine} over one hour of chat (100 000 messages: 25-30
 * msg/s background, a 20 s burst of 150-250 msg/s every 5 minutes, emotes and copypasta, 3 000 chatters), from a fresh
 * per-VOD state to the end-of-chat. Score: messages per second on one thread (the goal is 200 000 per core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ChatFeaturesBenchmark {
    static final int MESSAGES = 100_000;
    private static final String[] CALM = {"hi chat", "what game is this?", "gg", "nice", "lol", "is this a new patch?",
        "that was close", "hydrate", "o7", "the music is chill today", "sure Kappa", "haha LUL", "let's go",
        "how many hours in this game?", "love the overlay", "first time here, looks fun"};
    private static final String[] HYPE = {"KEKW", "KEKW KEKW KEKW", "PogChamp", "LUL LUL LUL", "OMEGALUL", "NO WAY",
        "CLIP IT", "Pog Pog Pog", "LETS GOOOO", "INSANE", "W W W", "EZ Clap", "someone clip that",
        "\u2588\u2588 CLIP \u2588\u2588 IT \u2588\u2588", "\uD83D\uDD25\uD83D\uDD25\uD83D\uDD25"};

    private ChatFeatureEngine engine;
    private List<ChatMessageView> messages;

    @Setup
    public void setup() {
        engine = ChatServiceConfig.shipped().featureEngine();
        messages = hour(MESSAGES, 20240504L);
    }

    static List<ChatMessageView> hour(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ChatMessageView> out = new ArrayList<>(count);
        int second = 0;
        while (out.size() < count) {
            boolean burst = second % 300 >= 150 && second % 300 < 170;
            int n = burst ? 150 + rnd.nextInt(100) : 25 + rnd.nextInt(6);
            for (int k = 0; k < n && out.size() < count; k++) {
                double offset = second + (k + 0.5) / n;
                int chatter = (int) (Math.pow(rnd.nextDouble(), 2) * 3000);
                String text = burst ? HYPE[rnd.nextInt(HYPE.length)] : CALM[rnd.nextInt(CALM.length)];
                out.add(ChatMessageView.of("m" + out.size(), offset, "user" + chatter, text));
            }
            second++;
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public EndOutcome wholeVod(Blackhole bh) {
        VodChatState state = engine.newVodState();
        for (ChatMessageView m : messages) {
            bh.consume(engine.onMessage(state, m));
        }
        return engine.onEnd(state);
    }
}
