package dev.highlights.chat.features;

/**
 * What the features need to remember of one accepted message: small, so open seconds stay cheap to snapshot.
 *
 * @param offsetSec    media offset, clamped to >= 0
 * @param chatterKey   identity for unique chatters
 * @param tokenCount   whitespace-separated tokens after invisible characters are removed
 * @param emoteCount   tokens that are emotes (platform emote names or lexicon emotes)
 * @param categoryMask content categories present ({@link ChatLexicon#CONTENT_MASK} bits of
 *                     {@link ChatLexicon.Category#bit()}) and the message forms {@link #COMMAND} and {@link #SHOUT}
 * @param textHash     {@link TextNormalizer#hash64} of {@link TextNormalizer#repeatKey}
 */
public record MessageFacts(String messageId, double offsetSec, String chatterKey, int tokenCount, int emoteCount,
                           int categoryMask, int bits, long textHash) implements Comparable<MessageFacts> {

    /** The message starts with a command prefix ({@code !enter}). */
    public static final int COMMAND = ChatLexicon.Category.COMMAND.bit();
    /** The message is shouted: mostly capital letters ("LETS GOOO", "NO WAY"). */
    public static final int SHOUT = 1 << 7;

    public long second() {
        return (long) Math.floor(offsetSec);
    }

    public boolean has(ChatLexicon.Category category) {
        return (categoryMask & category.bit()) != 0;
    }

    /**
     * Whether the message reads as a reaction to the stream: a laughter, hype or negative token or a shout, in a short
     * message ({@code maxTokens} tokens at most: long messages are talk or copypasta) that is neither a command nor
     * a greeting (giveaway spam, raid arrivals and their welcomes are bursts that react to nothing on stream).
     */
    public boolean isReaction(int maxTokens) {
        if (tokenCount > maxTokens || (categoryMask & (COMMAND | ChatLexicon.Category.GREETING.bit())) != 0) {
            return false;
        }
        return (categoryMask & (ChatLexicon.SENTIMENT_MASK | SHOUT)) != 0;
    }

    /**
     * Event order, independent of arrival order: by offset, then id. "Seen earlier" for repeats means earlier in
     * this order, which keeps the repeat share deterministic whatever order messages arrive in.
     */
    @Override
    public int compareTo(MessageFacts other) {
        int c = Double.compare(offsetSec, other.offsetSec);
        return c != 0 ? c : messageId.compareTo(other.messageId);
    }
}
