package dev.highlights.ingest.media;

import dev.highlights.ingest.problem.ProblemKind;

/** What a location is for: it decides the wording, the problem kind and the error-code prefix of refusals. */
public enum Subject {
    MEDIA("media", ProblemKind.MEDIA_UNREADABLE, "MEDIA"),
    CHAT("chat", ProblemKind.CHAT_UNREADABLE, "CHAT");

    private final String noun;
    private final ProblemKind unreadable;
    private final String codePrefix;

    Subject(String noun, ProblemKind unreadable, String codePrefix) {
        this.noun = noun;
        this.unreadable = unreadable;
        this.codePrefix = codePrefix;
    }

    public String noun() {
        return noun;
    }

    /** The 422 kind for content that cannot be read. */
    public ProblemKind unreadable() {
        return unreadable;
    }

    /** {@code MEDIA_NOT_FOUND}, {@code CHAT_TOO_LARGE} ... */
    public String code(String suffix) {
        return codePrefix + "_" + suffix;
    }
}
