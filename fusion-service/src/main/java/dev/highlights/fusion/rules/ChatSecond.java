package dev.highlights.fusion.rules;

/**
 * Chat features of one media second (in chat time: when viewers typed).
 *
 * @param second        whole second from the VOD start, >= 0
 * @param score         chat points: 0, 2 (HIGH) or 3 (EXCEPTIONAL) in the reference, or any continuous score >= 0
 * @param messageCount  messages in that second, or -1 when unknown; weighs the reaction share over a window
 * @param reactionShare share of the messages that read as reactions (0..1); 1 where content was not analysed
 * @param newcomerShare share of the messages from chatters new to the VOD (0..1); 0 where not analysed
 */
public record ChatSecond(int second, double score, int messageCount, double reactionShare, double newcomerShare) {
    public ChatSecond {
        if (second < 0) throw new IllegalArgumentException("second < 0: " + second);
        if (!(score >= 0)) throw new IllegalArgumentException("chat score must be >= 0: " + score);
        if (!(reactionShare >= 0 && reactionShare <= 1)) throw new IllegalArgumentException("reactionShare not in 0..1: " + reactionShare);
        if (!(newcomerShare >= 0 && newcomerShare <= 1)) throw new IllegalArgumentException("newcomerShare not in 0..1: " + newcomerShare);
    }

    /** A second whose chatters were not analysed: nobody counts as new. */
    public ChatSecond(int second, double score, int messageCount, double reactionShare) {
        this(second, score, messageCount, reactionShare, 0.0);
    }

    /** A second whose content was not analysed: every message counts as a reaction. */
    public ChatSecond(int second, double score, int messageCount) {
        this(second, score, messageCount, 1.0, 0.0);
    }
}
