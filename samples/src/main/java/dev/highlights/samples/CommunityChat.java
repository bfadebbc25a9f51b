package dev.highlights.samples;

import dev.highlights.samples.MomentKind.ChatBurst;
import dev.highlights.samples.SampleChat.Badge;
import dev.highlights.samples.SampleChat.Chatter;
import dev.highlights.samples.SampleChat.Comment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The chat of an evaluation VOD: a channel's community ({@link Community}) talking in one {@link ChatVocabulary}, a
 * pure function of the spec.
 *
 * <ul>
 *   <li>Calm: a per-VOD mean rate drifting slowly by up to +-30 %, Poisson counts per second, ordinary lines from
 *       regulars (the more regular, the more they talk), now and then from someone new.</li>
 *   <li>Reactions (highlights): from the moment's start plus its chat lag to its end plus the lag, at the community's
 *       burst rate, then a decay tail; mostly hype or laughter emotes and words, caps and short messages, from
 *       regulars and lurkers.</li>
 *   <li>Bursts that are no reaction, at the same rates: raid arrivals (chatters never seen before in the VOD with the
 *       raid emote and greetings), command spam (messages starting with a command), a copypasta wave (one long
 *       message repeated by many chatters).</li>
 *   <li>Static screens (waiting lines) and random rises of ordinary chat at a few messages a second.</li>
 * </ul>
 * Each burst keeps some ordinary messages, as real ones do. Offsets lie strictly inside their second, and a reaction's
 * first messages come after its exact onset.
 */
final class CommunityChat {

    private CommunityChat() {
    }

    static List<Comment> comments(SampleSpec spec) {
        return new Generator(spec).run();
    }

    /** How one planted burst unfolds: its count per second and what it is about. */
    private static final class Burst {
        final int[] counts; // per second from chatStartSec
        final double onsetSec;
        final int bodyEndSec; // a reaction's tail starts here
        final String copypasta;
        final String raidEmote;
        final String raidingChannel;
        final String command;
        final List<Chatter> raiders = new ArrayList<>();
        int raidersArrived;

        Burst(int[] counts, double onsetSec, int bodyEndSec, String copypasta,
              String raidEmote, String raidingChannel, String command) {
            this.counts = counts;
            this.onsetSec = onsetSec;
            this.bodyEndSec = bodyEndSec;
            this.copypasta = copypasta;
            this.raidEmote = raidEmote;
            this.raidingChannel = raidingChannel;
            this.command = command;
        }
    }

    private static final class Generator {
        private final SampleSpec spec;
        private final ChatVocabulary words;
        private final Community community;
        private final SplittableRandom rnd;
        private final PlantedMoment[] burstAt;
        private final PlantedMoment[] mediaAt;
        private final Map<PlantedMoment, Burst> bursts = new IdentityHashMap<>();
        private final Set<String> takenLogins = new HashSet<>();
        private final Set<String> takenIds = new HashSet<>();
        private final List<Chatter> regulars = new ArrayList<>();
        private final List<Chatter> lurkers = new ArrayList<>();
        private final double baseRate;
        private final double slowPeriod;
        private final double slowPhase;
        private final double fastPeriod;
        private final double fastPhase;
        private final List<Comment> out = new ArrayList<>();
        private long seq;

        Generator(SampleSpec spec) {
            this.spec = spec;
            this.words = spec.vocabulary().words();
            this.community = spec.community();
            this.rnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 0xC0FFEEL);
            this.burstAt = spec.chatBurstsBySecond();
            this.mediaAt = spec.momentsBySecond();
            this.baseRate = between(community.baselineMin, community.baselineMax);
            this.slowPeriod = between(900, 2400);
            this.slowPhase = between(0, 2 * Math.PI);
            this.fastPeriod = between(180, 420);
            this.fastPhase = between(0, 2 * Math.PI);
            int n = community.regularsMin + rnd.nextInt(community.regularsMax - community.regularsMin + 1);
            for (int i = 0; i < n; i++) {
                regulars.add(newChatter(true));
            }
            int l = (int) Math.round(n * community.lurkers);
            for (int i = 0; i < l; i++) {
                lurkers.add(newChatter(true));
            }
        }

        List<Comment> run() {
            for (int s = 0; s < spec.durationSec(); s++) {
                PlantedMoment b = burstAt[s];
                if (b != null) {
                    burstSecond(s, b);
                } else {
                    calmSecond(s);
                }
            }
            return Collections.unmodifiableList(out);
        }

        /** The calm rate at second {@code s}: the VOD's mean with a slow and a faster drift, lower in a quiet spell. */
        private double calmRate(int s) {
            double drift = 1 + 0.2 * Math.sin(2 * Math.PI * s / slowPeriod + slowPhase)
                    + 0.1 * Math.sin(2 * Math.PI * s / fastPeriod + fastPhase);
            PlantedMoment m = mediaAt[s];
            return baseRate * drift * (m != null && m.kind() == MomentKind.QUIET ? 0.3 : 1);
        }

        private void calmSecond(int s) {
            int n = poisson(calmRate(s));
            int[] ms = offsets(n, 0);
            for (int k = 0; k < n; k++) {
                Chatter c;
                if (rnd.nextDouble() < community.newcomerShare) {
                    c = newChatter(false);
                    regulars.add(c);
                } else {
                    c = regular();
                }
                add(s, ms[k], c, calmLine());
            }
        }

        private void burstSecond(int s, PlantedMoment m) {
            Burst b = bursts.computeIfAbsent(m, this::plan);
            int n = b.counts[s - m.chatStartSec()];
            int fromMs = s == m.chatStartSec() ? (int) Math.ceil((b.onsetSec - s) * 1000) : 0;
            int[] ms = offsets(n, Math.min(fromMs, 997));
            ChatBurst kind = m.kind().chat();
            for (int k = 0; k < n; k++) {
                switch (kind) {
                    case HYPE_REACTION, LAUGH_REACTION -> {
                        // the tail turns back to ordinary talk as the reaction decays
                        double ordinary = s < b.bodyEndSec ? 0.12
                                : Math.min(0.7, 0.3 + 0.1 * (s - b.bodyEndSec));
                        if (rnd.nextDouble() < ordinary) {
                            add(s, ms[k], regular(), calmLine());
                        } else {
                            Chatter c = rnd.nextDouble() < 0.7 ? regular() : lurker();
                            add(s, ms[k], c, reaction(kind == ChatBurst.LAUGH_REACTION));
                        }
                    }
                    case RAID -> {
                        if (rnd.nextDouble() < 0.12) {
                            add(s, ms[k], regular(), calmLine());
                        } else {
                            add(s, ms[k], raider(b), raidMessage(b));
                        }
                    }
                    case COMMANDS -> {
                        double r = rnd.nextDouble();
                        Chatter c = rnd.nextDouble() < 0.45 ? regular() : lurker();
                        add(s, ms[k], c, r < 0.85 ? commandMessage(b)
                                : r < 0.95 ? pick(words.giveawayLines()) : calmLine());
                    }
                    case COPYPASTA -> {
                        Chatter c = rnd.nextDouble() < 0.7 ? regular() : lurker();
                        add(s, ms[k], c, rnd.nextDouble() < 0.8 ? b.copypasta : calmLine());
                    }
                    case WAITING -> add(s, ms[k], regular(), rnd.nextDouble() < 0.8 ? pick(words.waitingLines())
                            : calmLine());
                    default -> add(s, ms[k], regular(), calmLine()); // fluctuation, spike
                }
            }
            if (s == m.chatEndSec() - 1 && kind == ChatBurst.RAID) {
                // some raiders stay and keep chatting now and then
                for (int i = 0; i < b.raidersArrived; i++) {
                    if (rnd.nextDouble() < 0.15) {
                        regulars.add(b.raiders.get(i));
                    }
                }
            }
        }

        /** Counts per second and topic of one burst; drawn from its own generator so bursts do not shift each other. */
        private Burst plan(PlantedMoment m) {
            int index = spec.moments().indexOf(m);
            SplittableRandom r = new SplittableRandom(spec.seed() * 0x2545F4914F6CDD1DL + 0x5EED00L + index * 7919L);
            int len = m.chatEndSec() - m.chatStartSec();
            int[] counts = new int[len];
            int lo = community.burstMin;
            int hi = community.burstMax;
            int peak = (int) Math.round(lo + (hi - lo) * (0.45 + 0.55 * r.nextDouble()));
            int bodyFloor = Math.max(lo, (int) Math.ceil(0.55 * peak));
            double onset = m.chatStartSec();
            int bodyEnd = m.chatEndSec();
            ChatBurst kind = m.kind().chat();
            switch (kind) {
                case HYPE_REACTION, LAUGH_REACTION -> {
                    double lag = m.chatLagSec() != null ? m.chatLagSec() : m.chatStartSec() - m.startSec();
                    onset = m.startSec() + lag;
                    bodyEnd = Math.min(m.chatEndSec(), (int) Math.ceil(m.endSec() + lag - 1e-9));
                    int bodyLen = bodyEnd - m.chatStartSec();
                    for (int k = 0; k < bodyLen; k++) {
                        if (k == 0) {
                            double part = m.chatStartSec() + 1 - onset; // share of the first second after the onset
                            counts[k] = Math.max(1, (int) Math.round(0.7 * peak * part));
                        } else if (k == 1) {
                            counts[k] = Math.max(lo, (int) Math.round(0.9 * peak));
                        } else {
                            counts[k] = bodyFloor + r.nextInt(peak - bodyFloor + 1);
                        }
                    }
                    double tau = Math.max(1.0, (len - bodyLen) / 2.5);
                    for (int k = bodyLen; k < len; k++) {
                        double level = 0.6 * peak * Math.exp(-(k - bodyLen) / tau);
                        counts[k] = Math.max(1, (int) Math.round(level + r.nextDouble() * community.baselineMax));
                    }
                }
                case RAID, COMMANDS, COPYPASTA, SPIKE -> {
                    int decay = Math.min(3, len / 4);
                    for (int k = 0; k < len; k++) {
                        if (k == 0) {
                            counts[k] = Math.max(1, (int) Math.round(0.6 * peak));
                        } else if (k >= len - decay) {
                            double f = new double[] {0.6, 0.4, 0.25}[k - (len - decay)];
                            counts[k] = Math.max(1, (int) Math.round(f * peak));
                        } else {
                            counts[k] = bodyFloor + r.nextInt(peak - bodyFloor + 1);
                        }
                    }
                }
                case WAITING -> fill(counts, community.waitingMin, community.waitingMax, r);
                default -> fill(counts, community.fluctuationMin, community.fluctuationMax, r);
            }
            Burst b = new Burst(counts, onset, bodyEnd, pick(words.copypastas(), r), pick(words.raidEmotes(), r),
                    pick(words.raidingChannels(), r), r.nextDouble() < 0.75 ? words.commands().get(0)
                    : pick(words.commands(), r));
            if (kind == ChatBurst.RAID) {
                // about 1.3 messages per raider; each of them new to this VOD
                int expected = (int) (Arrays.stream(counts).sum() * 0.88);
                int raiders = Math.max(8, (int) Math.round(expected / 1.3));
                for (int i = 0; i < raiders; i++) {
                    b.raiders.add(newChatter(false));
                }
            }
            return b;
        }

        private static void fill(int[] counts, int min, int max, SplittableRandom r) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] = min + r.nextInt(max - min + 1);
            }
        }

        /** The next raid message's author: first every raider in turn as they arrive, then any of them again. */
        private Chatter raider(Burst b) {
            if (b.raidersArrived < b.raiders.size() && (b.raidersArrived == 0 || rnd.nextDouble() < 0.8)) {
                return b.raiders.get(b.raidersArrived++);
            }
            return b.raiders.get(rnd.nextInt(b.raidersArrived));
        }

        private String reaction(boolean funny) {
            boolean laugh = funny ? rnd.nextDouble() < 0.8 : rnd.nextDouble() < 0.12;
            List<String> emotes = laugh ? words.laughEmotes() : words.hypeEmotes();
            List<String> phrases = laugh ? words.laughWords() : words.hypeWords();
            String e = pick(emotes);
            return switch (rnd.nextInt(10)) {
                case 0, 1, 2 -> e;
                case 3 -> repeat(e, 2 + rnd.nextInt(4));
                case 4 -> pick(phrases);
                case 5 -> pick(phrases) + " " + e;
                case 6 -> e + " " + pick(emotes);
                case 7 -> stretch(pick(phrases));
                case 8 -> repeat(e, 3) + " " + pick(phrases);
                default -> pick(phrases) + " " + pick(phrases);
            };
        }

        /** "LETS GO" to "LETS GOOOO", "WHAT" to "WHAT!!!": how chat shouts. */
        private String stretch(String phrase) {
            char last = phrase.charAt(phrase.length() - 1);
            if (Character.isLetter(last) && Character.isUpperCase(last) && rnd.nextBoolean()) {
                return phrase + String.valueOf(last).repeat(2 + rnd.nextInt(4));
            }
            return phrase + "!".repeat(1 + rnd.nextInt(3));
        }

        private String raidMessage(Burst b) {
            String emote = rnd.nextDouble() < 0.8 ? b.raidEmote : pick(words.raidEmotes());
            String greeting = pick(words.raidGreetings());
            return switch (rnd.nextInt(6)) {
                case 0, 1 -> repeat(emote, 3 + rnd.nextInt(4));
                case 2 -> emote + " " + greeting;
                case 3 -> greeting;
                case 4 -> b.raidingChannel + " raid " + repeat(emote, 1 + rnd.nextInt(3));
                default -> greeting + " " + repeat(emote, 2);
            };
        }

        private String commandMessage(Burst b) {
            String cmd = rnd.nextDouble() < 0.8 ? b.command : pick(words.commands());
            return switch (rnd.nextInt(8)) {
                case 5 -> cmd + " " + cmd;
                case 6 -> cmd + " " + pick(words.giveawayLines());
                case 7 -> cmd + " pls";
                default -> cmd;
            };
        }

        private String calmLine() {
            String line = pick(words.calmLines());
            if (rnd.nextDouble() < 0.08) {
                return "@" + regular().displayName() + " " + line;
            }
            return line;
        }

        private static String repeat(String token, int times) {
            return String.join(" ", Collections.nCopies(times, token));
        }

        /** A regular: the lower the index, the more they talk. */
        private Chatter regular() {
            double r = rnd.nextDouble();
            return regulars.get((int) (r * r * regulars.size()));
        }

        private Chatter lurker() {
            return lurkers.isEmpty() ? regular() : lurkers.get(rnd.nextInt(lurkers.size()));
        }

        /** Someone with a name and id not yet used in this VOD; members of the channel may wear its badges. */
        private Chatter newChatter(boolean member) {
            String name;
            do {
                name = words.chatterName(rnd);
            } while (!takenLogins.add(name.toLowerCase(Locale.ROOT)));
            String id;
            do {
                id = String.valueOf(100_000_000L + rnd.nextInt(900_000_000));
            } while (!takenIds.add(id));
            List<Badge> badges = member ? SampleChat.memberBadges(rnd) : new ArrayList<>(2);
            if (!member && rnd.nextInt(8) == 0) {
                badges.add(new Badge("premium", "1"));
            }
            String color = SampleChat.COLORS[rnd.nextInt(SampleChat.COLORS.length)];
            return new Chatter(id, name.toLowerCase(Locale.ROOT), name, color, List.copyOf(badges));
        }

        private void add(int second, int ms, Chatter c, String body) {
            seq++;
            String id = SampleChat.commentId(rnd, seq);
            out.add(new Comment(id, second + ms / 1000.0, c.id(), c.login(), c.displayName(), c.color(), c.badges(),
                    body, SampleChat.fragments(body, words.twitchEmoteIds())));
        }

        /** {@code n} sorted millisecond offsets strictly inside the second, all after {@code fromMs}. */
        private int[] offsets(int n, int fromMs) {
            int[] ms = new int[n];
            int lo = Math.max(1, fromMs + 1);
            int span = 999 - lo;
            for (int k = 0; k < n; k++) {
                ms[k] = lo + (int) ((k + 0.05 + 0.9 * rnd.nextDouble()) / n * span);
            }
            Arrays.sort(ms);
            return ms;
        }

        private int poisson(double lambda) {
            double limit = Math.exp(-lambda);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= rnd.nextDouble();
            } while (p > limit);
            return k - 1;
        }

        private double between(double lo, double hi) {
            return lo + rnd.nextDouble() * (hi - lo);
        }

        private String pick(List<String> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        private static String pick(List<String> list, SplittableRandom r) {
            return list.get(r.nextInt(list.size()));
        }
    }
}
