package dev.highlights.fusion.rules;

import java.util.Locale;
import java.util.StringJoiner;

/** Builds the human-readable reason of a highlight, e.g. "chat EXCEPTIONAL 34 msg/s, audio +2.8 sd, cut at 01:02:03". */
final class ReasonText {
    private final StringJoiner parts = new StringJoiner(", ");

    ReasonText chat(String level, double score, int messages) {
        String what = "NONE".equals(level) ? String.format(Locale.ROOT, "%.1f", score) : level;
        parts.add(messages >= 0 ? "chat " + what + " " + messages + " msg/s" : "chat " + what);
        return this;
    }

    /** z when known ("+2.8 sd"), else the scaled score ("0.80"). */
    ReasonText signal(String modality, double z, double score) {
        parts.add(Double.isNaN(z)
                ? String.format(Locale.ROOT, "%s %.2f", modality, score)
                : String.format(Locale.ROOT, "%s %+.1f sd", modality, z));
        return this;
    }

    ReasonText cutAt(int second) {
        parts.add("cut at " + clock(second));
        return this;
    }

    ReasonText chatLag(int lagSec) {
        if (lagSec > 0) parts.add("chat lag " + lagSec + " s");
        return this;
    }

    /** hh:mm:ss of a media second. */
    static String clock(int second) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
