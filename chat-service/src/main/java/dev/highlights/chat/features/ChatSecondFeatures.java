package dev.highlights.chat.features;

/**
 * Chat features of one media second [second, second + 1) of a VOD. Field names follow the ChatFeatures Avro record
 * so the processor maps them one to one (it adds the VOD id, which it has as the key).
 *
 * @param revision     1 for the first emission of the second, higher for updates caused by late messages
 * @param tokenCount   whitespace-separated tokens over all messages (denominator of emoteShare)
 * @param emoteShare   emote tokens / all tokens, 0 when there are no tokens
 * @param repeatShare  share of messages whose normalised text appeared earlier within the repeat window
 * @param laughter     share of messages with at least one laughter token; likewise hype and negative
 * @param reactionShare share of messages that read as reactions to the stream ({@link MessageFacts#isReaction})
 * @param newcomerShare share of messages from chatters new to the VOD (a raid arriving)
 * @param bits         cheered bits in the second
 */
public record ChatSecondFeatures(long second, int revision, int messageCount, int uniqueChatters, int emoteCount,
                                 int tokenCount, double emoteShare, double repeatShare, double laughter, double hype,
                                 double negative, double reactionShare, double newcomerShare, long bits,
                                 ChatActivity activity) {

    public ChatSecondFeatures withRevision(int newRevision) {
        return new ChatSecondFeatures(second, newRevision, messageCount, uniqueChatters, emoteCount, tokenCount,
                emoteShare, repeatShare, laughter, hype, negative, reactionShare, newcomerShare, bits, activity);
    }

    public ChatSecondFeatures withActivity(ChatActivity newActivity) {
        return new ChatSecondFeatures(second, revision, messageCount, uniqueChatters, emoteCount, tokenCount,
                emoteShare, repeatShare, laughter, hype, negative, reactionShare, newcomerShare, bits, newActivity);
    }
}
