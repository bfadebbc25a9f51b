package dev.highlights.chat.features;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a message into {@link MessageFacts} with the lexicon. Pure and thread-safe. */
public final class MessageAnalyzer {

    private final ChatLexicon lexicon;

    public MessageAnalyzer(ChatLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * A token counts as an emote when the platform listed an emote of that exact name in the message or the lexicon
     * lists it as an emote. Names rather than positions are matched: exporters disagree on UTF-16 versus code-point
     * positions once emoji appear, while Twitch renders every occurrence of an emote code anyway.
     */
    public MessageFacts analyze(ChatMessageView message) {
        String text = TextNormalizer.stripInvisible(message.text());
        List<String> tokens = TextNormalizer.tokens(text);
        Set<String> platformEmotes = platformEmoteNames(message);
        int emotes = 0;
        int mask = 0;
        for (String token : tokens) {
            int tokenMask = lexicon.categoryMask(token);
            if (platformEmotes.contains(token) || (tokenMask & ChatLexicon.Category.EMOTE.bit()) != 0) {
                emotes++;
            }
            mask |= tokenMask & ChatLexicon.CONTENT_MASK;
        }
        if (!tokens.isEmpty() && lexicon.isCommand(tokens.get(0))) {
            mask |= MessageFacts.COMMAND;
        }
        if (isShout(text)) {
            mask |= MessageFacts.SHOUT;
        }
        long hash = TextNormalizer.hash64(TextNormalizer.repeatKey(text));
        double offset = Math.max(0.0, message.offsetSec());
        return new MessageFacts(message.messageId(), offset, message.chatterKey(), tokens.size(), emotes, mask,
                Math.max(0, message.bits()), hash);
    }

    /** At least four letters, and at least 80 % of them capitals. */
    static boolean isShout(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.isUpperCase(cp)) {
                    upper++;
                }
            }
            i += Character.charCount(cp);
        }
        return letters >= 4 && upper >= 0.8 * letters;
    }

    private static Set<String> platformEmoteNames(ChatMessageView message) {
        if (message.emotes().isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (ChatMessageView.EmoteRef emote : message.emotes()) {
            names.add(emote.name());
        }
        return names;
    }
}
