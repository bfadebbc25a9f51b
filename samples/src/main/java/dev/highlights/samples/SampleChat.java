package dev.highlights.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sample's chat: deterministic from the spec, written in TwitchDownloader's JSON format
 * ({@code {"FileInfo":..,"streamer":..,"video":..,"comments":[..],"embeddedData":null}}), the shape ingest-service's
 * TwitchDownloader importer reads: per comment {@code _id}, {@code created_at}, {@code content_offset_seconds},
 * {@code commenter{display_name,_id,name}}, {@code message{body,bits_spent,fragments[{text,emoticon{emoticon_id}}],
 * user_badges[{_id,version}],user_color}}.
 *
 * <p>Rates, messages per whole second: calm 1-3 (never 4 or more, so a robust rolling baseline of median 2 never calls
 * an ordinary second HIGH), quiet 0-1, hype explosion 14-18 at its first and last second, 20-26 at its second, 22-40 in
 * between, chat spike 25-35, static-screen spam 9-15. Offsets lie strictly inside their second (millisecond steps), so
 * per-second counts are exact whatever rounding a reader does.
 */
public final class SampleChat {

    /** Stream start the {@code created_at} times are derived from. */
    public static final Instant STREAM_START = Instant.parse("2024-05-04T18:00:00Z");
    public static final String CHANNEL_ID = "424242";
    public static final String CHANNEL_LOGIN = "samplestreamer";
    public static final String VIDEO_ID = "1000000001";

    /** A text or emote piece of a message; {@code emoteId} null for text. */
    public record Fragment(String text, String emoteId) {
    }

    /** A chat badge, e.g. {@code subscriber}/{@code 12}. */
    public record Badge(String id, String version) {
    }

    /** One chat message. */
    public record Comment(String id, double offsetSec, String commenterId, String login, String displayName,
                          String color, List<Badge> badges, String body, List<Fragment> fragments) {
    }

    /** Twitch first-party emotes (the ones TwitchDownloader marks in fragments) and their ids. */
    static final Map<String, String> TWITCH_EMOTES = Map.ofEntries(
            Map.entry("Kappa", "25"), Map.entry("PogChamp", "305954156"), Map.entry("LUL", "425618"),
            Map.entry("BibleThump", "86"), Map.entry("Kreygasm", "41"), Map.entry("ResidentSleeper", "245"),
            Map.entry("4Head", "354"), Map.entry("NotLikeThis", "58765"), Map.entry("SeemsGood", "64138"),
            Map.entry("HeyGuys", "30259"), Map.entry("VoHiYo", "81274"), Map.entry("CoolCat", "58127"));

    private static final String[] CALM = {
        "hi chat", "hello everyone", "what game is this?", "how long have you been streaming today?",
        "this map looks nice", "any tips for the second boss?", "gg", "nice", "lol", "first time here, looks fun",
        "what rank are you?", "the music is chill today", "is this a new patch?", "good luck on the run",
        "just got home, what did I miss", "that was close", "I love this build", "what are your settings?",
        "can you show the inventory?", "hydrate", "drink water chat", "how many hours in this game?",
        "the new update looks good", "nice shot", "lag?", "stream looks clean today", "what's the plan for today?",
        "playing ranked later?", "that boss took me ages", "love the overlay", "o7", "back from lunch",
        "weather is terrible here", "I've been watching for a year now", "same strat as yesterday?",
        "the graphics are so good", "chat is calm today", "let's go", "ok that was smart", "hmm interesting",
        "which server is this?", "is the giveaway still on?", "good morning from Europe", "greetings from Brazil",
        "cozy stream", "\u2615 coffee time", "this song slaps", "cant wait for the next season",
        "hello there HeyGuys", "nice one SeemsGood", "sure Kappa", "haha LUL", "VoHiYo hi", "CoolCat vibes",
        "that was a bit sad BibleThump", "4Head classic", "NotLikeThis not again", "ResidentSleeper slow part"};

    private static final String[] HYPE = {
        "KEKW", "KEKW KEKW KEKW", "Pog", "PogChamp", "PogChamp PogChamp", "LUL", "LUL LUL LUL", "OMEGALUL",
        "OMEGALUL OMEGALUL", "POGGERS", "NO WAY", "WHAT", "WHAT WAS THAT", "CLIP IT", "CLIP IT CLIP IT",
        "Pog Pog Pog", "KEKW he actually did it", "LETS GOOOO", "INSANE", "no shot", "HOLY", "Kreygasm",
        "that was insane PogChamp", "OMEGALUL OMEGALUL OMEGALUL", "someone clip that", "W", "W W W", "EZ Clap",
        "GIGACHAD", "Pog ?", "LUL LUL", "monkaS", "PogU", "I can't believe it KEKW",
        "\u2588\u2588 CLIP \u2588\u2588 IT \u2588\u2588",
        "\uD83D\uDD25\uD83D\uDD25\uD83D\uDD25"};

    private static final String[] COPYPASTA = {
        "PogChamp PogChamp PogChamp this is the greatest play in the history of this game PogChamp PogChamp PogChamp",
        "KEKW KEKW I was here when it happened, tell my grandchildren about this stream KEKW KEKW",
        "\u2584\uFE3B\u0337\u033F\u253B\u033F\u2550\u2501\u4E00 CLIP IT OR I CLIP YOU OMEGALUL",
        "Chat, remember this day. The day the streamer actually did it. History was made. LUL LUL LUL",
        "OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL"};

    private static final String[] SPIKE = {
        "!giveaway", "!giveaway", "!enter", "KEKW", "LUL", "!giveaway please", "KEKW KEKW", "LUL LUL"};

    private static final String[] BRB = {
        "BRB", "brb", "BRB BRB BRB", "ResidentSleeper", "ResidentSleeper ResidentSleeper ResidentSleeper",
        "waiting...", "where did he go", "bathroom break KEKW", "BRB screen again NotLikeThis", "snack break?",
        "we wait", "o7 we wait", "ResidentSleeper BRB ResidentSleeper", "Kappa brb my foot",
        "this BRB is taking forever", "BRB BRB BRB BRB BRB BRB BRB BRB BRB BRB"};

    private static final String[] ADJECTIVES = {
        "Sleepy", "Happy", "Salty", "Mighty", "Lazy", "Clever", "Silent", "Crimson", "Frosty", "Lucky", "Cosmic",
        "Grumpy", "Swift", "Tiny", "Giant", "Rusty", "Neon", "Fuzzy", "Brave", "Quiet"};
    private static final String[] NOUNS = {
        "Otter", "Panda", "Viking", "Wizard", "Noodle", "Falcon", "Potato", "Ninja", "Goblin", "Tiger", "Pickle",
        "Knight", "Badger", "Comet", "Walrus", "Golem"};
    static final String[] COLORS = {
        "#FF0000", "#0000FF", "#008000", "#B22222", "#FF7F50", "#9ACD32", "#FF4500", "#2E8B57", "#DAA520",
        "#D2691E", "#5F9EA0", "#1E90FF", "#FF69B4", "#8A2BE2", "#00FF7F"};

    private static final int CHATTERS = 180;

    private SampleChat() {
    }

    /** Someone who chats: Twitch user id, login (the display name in lower case), colour and badges. */
    record Chatter(String id, String login, String displayName, String color, List<Badge> badges) {
    }

    /** Messages of one whole second for a spec. */
    static int rate(SampleSpec spec, int second, SplittableRandom rnd) {
        PlantedMoment burst = spec.chatBurstAt(second);
        if (burst != null) {
            switch (burst.kind()) {
                case HYPE: {
                    int k = second - burst.chatStartSec();
                    int n = burst.chatEndSec() - burst.chatStartSec();
                    if (k == 0 || k == n - 1) {
                        return 14 + rnd.nextInt(5);
                    }
                    if (k == 1) {
                        return 20 + rnd.nextInt(7);
                    }
                    return 22 + rnd.nextInt(19);
                }
                case DECOY_CHAT_SPIKE:
                    return 25 + rnd.nextInt(11);
                case DECOY_STATIC_SCREEN:
                    return 9 + rnd.nextInt(7);
                default:
                    break;
            }
        }
        PlantedMoment m = spec.momentAt(second);
        if (m != null && m.kind() == MomentKind.QUIET) {
            return rnd.nextInt(3) == 0 ? 1 : 0;
        }
        return 1 + rnd.nextInt(3);
    }

    /**
     * The comments of the sample, in offset order; a pure function of the spec. The demo's chat comes from the lists
     * here; an evaluation vocabulary's from {@link CommunityChat}.
     */
    public static List<Comment> comments(SampleSpec spec) {
        if (spec.vocabulary() != Vocabulary.DEMO) {
            return CommunityChat.comments(spec);
        }
        SplittableRandom rnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 0xC4A7L);
        List<Chatter> chatters = chatters(rnd);
        List<Comment> out = new ArrayList<>(spec.durationSec() * 3);
        long seq = 0;
        for (int s = 0; s < spec.durationSec(); s++) {
            int n = rate(spec, s, rnd);
            if (n == 0) {
                continue;
            }
            int[] ms = new int[n];
            for (int k = 0; k < n; k++) {
                // strictly inside the second: 1..999 ms
                ms[k] = 1 + (int) ((k + 0.05 + 0.9 * rnd.nextDouble()) / n * 998.0);
            }
            java.util.Arrays.sort(ms);
            PlantedMoment burst = spec.chatBurstAt(s);
            MomentKind kind = burst != null ? burst.kind() : null;
            for (int k = 0; k < n; k++) {
                Chatter c;
                String body;
                if (kind == MomentKind.HYPE) {
                    c = chatters.get(rnd.nextInt(chatters.size()));
                    body = rnd.nextInt(8) == 0 ? COPYPASTA[rnd.nextInt(COPYPASTA.length)] : HYPE[rnd.nextInt(HYPE.length)];
                } else if (kind == MomentKind.DECOY_CHAT_SPIKE) {
                    c = chatters.get(rnd.nextInt(chatters.size()));
                    body = SPIKE[rnd.nextInt(SPIKE.length)];
                } else if (kind == MomentKind.DECOY_STATIC_SCREEN) {
                    c = chatters.get(rnd.nextInt(chatters.size()));
                    body = BRB[rnd.nextInt(BRB.length)];
                } else {
                    double r = rnd.nextDouble();
                    c = chatters.get((int) (r * r * chatters.size())); // regulars talk more
                    body = CALM[rnd.nextInt(CALM.length)];
                }
                seq++;
                String id = commentId(rnd, seq);
                out.add(new Comment(id, s + ms[k] / 1000.0, c.id(), c.login(), c.displayName(), c.color(),
                        c.badges(), body, fragments(body)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A UUID-shaped comment id, as Twitch's. */
    static String commentId(SplittableRandom rnd, long seq) {
        return String.format("%08x-%04x-4%03x-a%03x-%012x", rnd.nextInt(), seq & 0xffff,
                rnd.nextInt(0x1000), rnd.nextInt(0x1000), rnd.nextLong() & 0xffffffffffffL);
    }

    /** A channel member's badges: now and then a moderator or a VIP, a third of them subscribers. */
    static List<Badge> memberBadges(SplittableRandom rnd) {
        List<Badge> badges = new ArrayList<>(2);
        int b = rnd.nextInt(20);
        if (b == 0) {
            badges.add(new Badge("moderator", "1"));
        } else if (b == 1) {
            badges.add(new Badge("vip", "1"));
        }
        if (rnd.nextInt(3) == 0) {
            badges.add(new Badge("subscriber", String.valueOf(new int[] {0, 3, 6, 12, 24}[rnd.nextInt(5)])));
        }
        return badges;
    }

    private static List<Chatter> chatters(SplittableRandom rnd) {
        List<Chatter> out = new ArrayList<>(CHATTERS);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (out.size() < CHATTERS) {
            String name = ADJECTIVES[rnd.nextInt(ADJECTIVES.length)] + NOUNS[rnd.nextInt(NOUNS.length)];
            int style = rnd.nextInt(4);
            if (style == 1) {
                name = name + rnd.nextInt(100);
            } else if (style == 2) {
                name = name + "_" + (1980 + rnd.nextInt(30));
            } else if (style == 3) {
                name = name.toLowerCase(java.util.Locale.ROOT);
            }
            String login = name.toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(login)) {
                continue;
            }
            List<Badge> badges = memberBadges(rnd);
            String id = String.valueOf(100_000_000L + rnd.nextInt(900_000_000));
            out.add(new Chatter(id, login, name, COLORS[rnd.nextInt(COLORS.length)], List.copyOf(badges)));
        }
        return out;
    }

    /** Splits a body into text and Twitch-emote fragments, TwitchDownloader style (texts join to the body). */
    static List<Fragment> fragments(String body) {
        return fragments(body, TWITCH_EMOTES);
    }

    /** {@link #fragments(String)} with the given first-party emotes (word to emote id). */
    static List<Fragment> fragments(String body, Map<String, String> twitchEmotes) {
        List<Fragment> out = new ArrayList<>(2);
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int j = body.indexOf(' ', i);
            if (j < 0) {
                j = body.length();
            }
            String word = body.substring(i, j);
            String emote = twitchEmotes.get(word);
            if (emote != null) {
                if (text.length() > 0) {
                    out.add(new Fragment(text.toString(), null));
                    text.setLength(0);
                }
                out.add(new Fragment(word, emote));
            } else {
                text.append(word);
            }
            if (j < body.length()) {
                text.append(' ');
            }
            i = j + 1;
        }
        if (text.length() > 0) {
            out.add(new Fragment(text.toString(), null));
        }
        return out;
    }

    /** Messages per whole second ({@code floor(offset)}), {@code durationSec} entries. */
    public static int[] perSecondCounts(List<Comment> comments, int durationSec) {
        int[] counts = new int[durationSec];
        for (Comment c : comments) {
            int s = (int) Math.floor(c.offsetSec());
            if (s >= 0 && s < durationSec) {
                counts[s]++;
            }
        }
        return counts;
    }

    /** Writes the comments as TwitchDownloader JSON (compact, UTF-8). */
    public static void write(SampleSpec spec, List<Comment> comments, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("FileInfo");
            g.writeObjectFieldStart("Version");
            g.writeNumberField("Major", 1);
            g.writeNumberField("Minor", 4);
            g.writeNumberField("Patch", 0);
            g.writeEndObject();
            g.writeStringField("CreatedAt", STREAM_START.plusSeconds(spec.durationSec() + 3600L).toString());
            g.writeStringField("UpdatedAt", STREAM_START.plusSeconds(spec.durationSec() + 3600L).toString());
            g.writeEndObject();
            g.writeObjectFieldStart("streamer");
            g.writeStringField("name", "SampleStreamer");
            g.writeNumberField("id", Long.parseLong(CHANNEL_ID));
            g.writeEndObject();
            g.writeObjectFieldStart("video");
            g.writeStringField("title", "Sample VOD with planted highlights (seed " + spec.seed() + ")");
            g.writeStringField("description", null);
            g.writeStringField("id", VIDEO_ID);
            g.writeStringField("created_at", STREAM_START.toString());
            g.writeNumberField("start", 0);
            g.writeNumberField("end", spec.durationSec());
            g.writeNumberField("length", spec.durationSec());
            g.writeNumberField("viewCount", 1234);
            g.writeStringField("game", "Just Chatting");
            g.writeArrayFieldStart("chapters");
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("comments");
            for (Comment c : comments) {
                writeComment(g, c);
            }
            g.writeEndArray();
            g.writeNullField("embeddedData");
            g.writeEndObject();
        }
    }

    private static void writeComment(JsonGenerator g, Comment c) throws IOException {
        g.writeStartObject();
        g.writeStringField("_id", c.id());
        long ms = Math.round(c.offsetSec() * 1000.0);
        g.writeStringField("created_at", STREAM_START.plusMillis(ms).toString());
        g.writeStringField("channel_id", CHANNEL_ID);
        g.writeStringField("content_type", "video");
        g.writeStringField("content_id", VIDEO_ID);
        g.writeNumberField("content_offset_seconds", c.offsetSec());
        g.writeObjectFieldStart("commenter");
        g.writeStringField("display_name", c.displayName());
        g.writeStringField("_id", c.commenterId());
        g.writeStringField("name", c.login());
        g.writeEndObject();
        g.writeObjectFieldStart("message");
        g.writeStringField("body", c.body());
        g.writeNumberField("bits_spent", 0);
        g.writeArrayFieldStart("fragments");
        for (Fragment f : c.fragments()) {
            g.writeStartObject();
            g.writeStringField("text", f.text());
            if (f.emoteId() == null) {
                g.writeNullField("emoticon");
            } else {
                g.writeObjectFieldStart("emoticon");
                g.writeStringField("emoticon_id", f.emoteId());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("user_badges");
        for (Badge b : c.badges()) {
            g.writeStartObject();
            g.writeStringField("_id", b.id());
            g.writeStringField("version", b.version());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("user_color", c.color());
        g.writeEndObject();
        g.writeEndObject();
    }
}
