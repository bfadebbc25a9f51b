package dev.highlights.chat.features;

/**
 * What the features need to remember of one accepted message: small, so open seconds stay cheap to snapshot.
 *
 * @param offsetSec    media offset, clamped to >= 0
 * @param chatterKey   identity for unique chatters
 * @param tokenCount   whitespace-separated tokens after invisible characters are removed
 * @param emoteCount   tokens that are emotes (platform emote names or lexicon emotes)
 * @param categoryMask sentiment categories present ({@link ChatLexicon.Category#bit()}; EMOTE excluded)
 * @param textHash     {@link TextNormalizer#hash64} of {@link TextNormalizer#repeatKey}
 */
public record MessageFacts(String messageId, double offsetSec, String chatterKey, int tokenCount, int emoteCount,
                           int categoryMask, int bits, long textHash) implements Comparable<MessageFacts> {

    public long second() {
        return (long) Math.floor(offsetSec);
    }

    public boolean has(ChatLexicon.Category category) {
        return (categoryMask & category.bit()) != 0;
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
