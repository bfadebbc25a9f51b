package dev.highlights.fusion.rules;

/**
 * Chat features of one media second (in chat time: when viewers typed).
 *
 * @param second       whole second from the VOD start, >= 0
 * @param score        chat points: 0, 2 (HIGH) or 3 (EXCEPTIONAL) in the reference, or any continuous score >= 0
 * @param messageCount messages in that second, or -1 when unknown; only used for the reason text and lag estimation
 */
public record ChatSecond(int second, double score, int messageCount) {
    public ChatSecond {
        if (second < 0) throw new IllegalArgumentException("second < 0: " + second);
        if (!(score >= 0)) throw new IllegalArgumentException("chat score must be >= 0: " + score);
    }
}
