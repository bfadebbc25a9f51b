package dev.highlights.chat.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The messages of one media second. Adding the same message id twice is a no-op, so a replayed message cannot be
 * counted twice. Produces the second's features without the baseline part ({@link ChatActivity#UNSCORED}).
 */
public final class SecondAccumulator {

    private final long second;
    private final Map<String, MessageFacts> messages = new HashMap<>();

    public SecondAccumulator(long second) {
        this.second = second;
    }

    public long second() {
        return second;
    }

    /** Adds the message; false (and nothing changes) when its id is already here. */
    public boolean add(MessageFacts message) {
        if (message.second() != second) {
            throw new IllegalArgumentException("message at " + message.offsetSec() + " s is not in second " + second);
        }
        return messages.putIfAbsent(message.messageId(), message) == null;
    }

    public boolean contains(String messageId) {
        return messages.containsKey(messageId);
    }

    public int messageCount() {
        return messages.size();
    }

    /** The messages in event order (offset, then id). */
    public List<MessageFacts> messages() {
        List<MessageFacts> list = new ArrayList<>(messages.values());
        Collections.sort(list);
        return list;
    }

    Collection<MessageFacts> unorderedMessages() {
        return messages.values();
    }

    /**
     * Features of the second, revision 1 and unscored.
     *
     * @param isRepeat          tells whether a message repeats text seen shortly before (see {@link RepeatIndex})
     * @param reactionMaxTokens longer messages are never reactions (see {@link MessageFacts#isReaction})
     * @param isNewcomer        tells whether a message's chatter is new to the VOD
     */
    public ChatSecondFeatures features(Predicate<MessageFacts> isRepeat, int reactionMaxTokens,
                                       Predicate<MessageFacts> isNewcomer) {
        Set<String> chatters = new HashSet<>();
        int emotes = 0;
        int tokens = 0;
        int repeats = 0;
        int laughter = 0;
        int hype = 0;
        int negative = 0;
        int reactions = 0;
        int newcomers = 0;
        long bits = 0;
        for (MessageFacts m : messages.values()) {
            chatters.add(m.chatterKey());
            emotes += m.emoteCount();
            tokens += m.tokenCount();
            bits += m.bits();
            if (isRepeat.test(m)) {
                repeats++;
            }
            if (m.has(ChatLexicon.Category.LAUGHTER)) {
                laughter++;
            }
            if (m.has(ChatLexicon.Category.HYPE)) {
                hype++;
            }
            if (m.has(ChatLexicon.Category.NEGATIVE)) {
                negative++;
            }
            if (m.isReaction(reactionMaxTokens)) {
                reactions++;
            }
            if (isNewcomer.test(m)) {
                newcomers++;
            }
        }
        int n = messages.size();
        return new ChatSecondFeatures(second, 1, n, chatters.size(), emotes, tokens, share(emotes, tokens),
                share(repeats, n), share(laughter, n), share(hype, n), share(negative, n), share(reactions, n), share(newcomers, n), bits,
                ChatActivity.UNSCORED);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
