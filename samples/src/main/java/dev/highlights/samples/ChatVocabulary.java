package dev.highlights.samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The words of one evaluation vocabulary: what its chatters say in each kind of burst, who they are, and how far
 * their chat lags the stream. Each vocabulary is one resource file next to this class
 * ({@code vocabulary-tuning.json}, {@code vocabulary-held-out.json}) so the two can be read side by side.
 *
 * <p>Only the sample generator reads these lists. The detection rules have their own general lexicon and must never
 * read a generator's list: the held-out set only measures something if its words are new to the rules' authors too.
 *
 * @param name            {@code tuning} or {@code held-out}
 * @param about           where the words come from, for a reader
 * @param streamer        the channel's display name
 * @param hypeEmotes      hype emotes (a highlight's reaction)
 * @param laughEmotes     laughter emotes (a funny moment's reaction)
 * @param hypeWords       hype words, mostly in caps
 * @param laughWords      laughter words
 * @param calmLines       ordinary messages
 * @param waitingLines    messages while a static "be right back" screen is up
 * @param commands        giveaway commands, the first one the usual
 * @param giveawayLines   ordinary talk during a giveaway
 * @param copypastas      long messages a wave repeats
 * @param raidEmotes      the raiders' emotes
 * @param raidGreetings   the raiders' greetings
 * @param raidingChannels channels whose viewers raid
 * @param nameFirstParts  first parts of chatter names
 * @param nameSecondParts second parts of chatter names
 * @param namePatterns    how names are built: {@code {First}}/{@code {first}} a first part as written / in lower
 *                        case, {@code {Second}}/{@code {second}} a second part capitalised / in lower case,
 *                        {@code {nn}}, {@code {nnn}} digits, {@code {year}} a year
 * @param twitchEmoteIds  ids of the first-party Twitch emotes among the words (TwitchDownloader marks those in a
 *                        message's fragments; BTTV, FFZ and 7TV emotes stay text)
 * @param lag             the chat lag of this vocabulary's VODs
 */
public record ChatVocabulary(String name, String about, String streamer, List<String> hypeEmotes,
                             List<String> laughEmotes, List<String> hypeWords, List<String> laughWords,
                             List<String> calmLines, List<String> waitingLines, List<String> commands,
                             List<String> giveawayLines, List<String> copypastas, List<String> raidEmotes,
                             List<String> raidGreetings, List<String> raidingChannels, List<String> nameFirstParts,
                             List<String> nameSecondParts, List<String> namePatterns,
                             Map<String, String> twitchEmoteIds, LagModel lag) {

    public ChatVocabulary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lag, "lag");
        hypeEmotes = nonEmpty("hypeEmotes", hypeEmotes);
        laughEmotes = nonEmpty("laughEmotes", laughEmotes);
        hypeWords = nonEmpty("hypeWords", hypeWords);
        laughWords = nonEmpty("laughWords", laughWords);
        calmLines = nonEmpty("calmLines", calmLines);
        waitingLines = nonEmpty("waitingLines", waitingLines);
        commands = nonEmpty("commands", commands);
        giveawayLines = nonEmpty("giveawayLines", giveawayLines);
        copypastas = nonEmpty("copypastas", copypastas);
        raidEmotes = nonEmpty("raidEmotes", raidEmotes);
        raidGreetings = nonEmpty("raidGreetings", raidGreetings);
        raidingChannels = nonEmpty("raidingChannels", raidingChannels);
        nameFirstParts = nonEmpty("nameFirstParts", nameFirstParts);
        nameSecondParts = nonEmpty("nameSecondParts", nameSecondParts);
        namePatterns = nonEmpty("namePatterns", namePatterns);
        twitchEmoteIds = Map.copyOf(Objects.requireNonNull(twitchEmoteIds, "twitchEmoteIds"));
        for (String c : commands) {
            if (!c.startsWith("!") || c.contains(" ")) {
                throw new IllegalArgumentException("a command is one word starting with '!': " + c);
            }
        }
        for (String e : emotes(hypeEmotes, laughEmotes, raidEmotes)) {
            if (e.contains(" ")) {
                throw new IllegalArgumentException("an emote is one word: " + e);
            }
        }
    }

    private static List<String> nonEmpty(String field, List<String> list) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return List.copyOf(list);
    }

    @SafeVarargs
    private static List<String> emotes(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /** Every token a reaction is made of: hype and laughter emotes, and the words of the hype and laughter phrases. */
    public Set<String> reactionTokens() {
        Set<String> out = new LinkedHashSet<>(emotes(hypeEmotes, laughEmotes));
        for (String phrase : emotes(hypeWords, laughWords)) {
            out.addAll(List.of(phrase.split(" ")));
        }
        return Collections.unmodifiableSet(out);
    }

    /** A chatter name from {@link #namePatterns()}: letters, digits and underscores, as Twitch logins are. */
    String chatterName(SplittableRandom rnd) {
        String first = nameFirstParts.get(rnd.nextInt(nameFirstParts.size()));
        String second = nameSecondParts.get(rnd.nextInt(nameSecondParts.size()));
        String pattern = namePatterns.get(rnd.nextInt(namePatterns.size()));
        return pattern.replace("{First}", first)
                .replace("{first}", first.toLowerCase(Locale.ROOT))
                .replace("{Second}", Character.toUpperCase(second.charAt(0)) + second.substring(1))
                .replace("{second}", second.toLowerCase(Locale.ROOT))
                .replace("{nnn}", String.valueOf(100 + rnd.nextInt(900)))
                .replace("{nn}", String.format(Locale.ROOT, "%02d", rnd.nextInt(100)))
                .replace("{year}", String.valueOf(1985 + rnd.nextInt(25)));
    }
}
