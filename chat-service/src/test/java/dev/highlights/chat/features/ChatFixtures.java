package dev.highlights.chat.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Test helpers: message builders, a recording runner and random VOD generators. */
final class ChatFixtures {

    private ChatFixtures() {
    }

    static ChatMessageView msg(String id, double offset, String author, String text) {
        return ChatMessageView.of(id, offset, author, text);
    }

    static ChatMessageView msgWithEmotes(String id, double offset, String author, String text, String... emoteNames) {
        List<ChatMessageView.EmoteRef> emotes = new ArrayList<>();
        for (String name : emoteNames) {
            int begin = text.indexOf(name);
            emotes.add(new ChatMessageView.EmoteRef(name, begin, begin + name.length() - 1));
        }
        return new ChatMessageView(id, offset, null, author, text, emotes, 0);
    }

    /** Feeds messages into one state and records everything emitted, in order. */
    static final class Recorder {
        final ChatFeatureEngine engine;
        VodChatState state;
        final List<ChatSecondFeatures> emitted = new ArrayList<>();
        final List<MessageOutcome.Disposition> dispositions = new ArrayList<>();
        ChatCompletion completion;

        Recorder(ChatFeatureEngine engine) {
            this.engine = engine;
            this.state = engine.newVodState();
        }

        MessageOutcome feed(ChatMessageView m) {
            MessageOutcome outcome = engine.onMessage(state, m);
            emitted.addAll(outcome.emitted());
            dispositions.add(outcome.disposition());
            return outcome;
        }

        Recorder feedAll(List<ChatMessageView> messages) {
            messages.forEach(this::feed);
            return this;
        }

        EndOutcome end(double offset) {
            EndOutcome outcome = engine.onEnd(state, offset);
            emitted.addAll(outcome.emitted());
            completion = outcome.completion();
            return outcome;
        }

        /** First versions (revision 1) by second. */
        List<ChatSecondFeatures> firstVersions() {
            return emitted.stream().filter(f -> f.revision() == 1).toList();
        }

        /** The latest emitted version of every second, revision reset to 0 so values can be compared. */
        Map<Long, ChatSecondFeatures> finalValues() {
            Map<Long, ChatSecondFeatures> last = new TreeMap<>();
            for (ChatSecondFeatures f : emitted) {
                last.merge(f.second(), f, (a, b) -> b.revision() > a.revision() ? b : a);
            }
            last.replaceAll((s, f) -> f.withRevision(0));
            return last;
        }
    }

    private static final String[] TEXTS = {
        "KEKW", "KEKW KEKW", "LUL", "PogChamp", "Pog", "F", "hello chat", "what a play", "LMAOOO", "Sadge",
        "monkaS", "haha that was great", "POGGERS POGGERS", "NotLikeThis", "clip it", "gg", "lol",
    };

    /**
     * A random VOD in event order: a base rate per second drifting slowly, bursts of 5-20 s, repeated and unique
     * texts, 60 chatters. Offsets start at {@code startSecond}.
     */
    static List<ChatMessageView> randomVod(long seed, String prefix, int startSecond, int seconds) {
        Random random = new Random(seed);
        List<ChatMessageView> messages = new ArrayList<>();
        double rate = 1.0 + random.nextDouble() * 3;
        int burstLeft = 0;
        int id = 0;
        for (int s = startSecond; s < startSecond + seconds; s++) {
            rate = Math.max(0.2, Math.min(8, rate + random.nextGaussian() * 0.1));
            if (burstLeft == 0 && random.nextDouble() < 0.01) {
                burstLeft = 5 + random.nextInt(16);
            }
            double lambda = burstLeft > 0 ? rate * 6 : rate;
            burstLeft = Math.max(0, burstLeft - 1);
            int n = poisson(random, lambda);
            for (int i = 0; i < n; i++) {
                double offset = s + random.nextDouble();
                String author = "user" + random.nextInt(60);
                String text = random.nextDouble() < 0.3 ? "unique message " + prefix + id
                        : TEXTS[random.nextInt(TEXTS.length)];
                if (random.nextDouble() < 0.1) {
                    messages.add(msgWithEmotes(prefix + "-" + id++, offset, author, text + " Kappa", "Kappa"));
                } else {
                    messages.add(new ChatMessageView(prefix + "-" + id++, offset, null, author, text, List.of(),
                            random.nextDouble() < 0.02 ? 100 : 0));
                }
            }
        }
        messages.sort(Comparator.comparingDouble(ChatMessageView::offsetSec));
        return messages;
    }

    /**
     * Shuffles arrival within the lateness: each message arrives at offset + U(0, lateness), so when it arrives
     * every earlier arrival has offset &lt; its own offset + lateness and it is never late.
     */
    static List<ChatMessageView> shuffleWithinLateness(List<ChatMessageView> messages, double lateness, long seed) {
        Random random = new Random(seed);
        record Arrival(double at, ChatMessageView m) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (ChatMessageView m : messages) {
            arrivals.add(new Arrival(m.offsetSec() + random.nextDouble() * lateness * 0.999, m));
        }
        arrivals.sort(Comparator.comparingDouble(Arrival::at));
        return arrivals.stream().map(Arrival::m).toList();
    }

    static int poisson(Random random, double lambda) {
        double limit = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
