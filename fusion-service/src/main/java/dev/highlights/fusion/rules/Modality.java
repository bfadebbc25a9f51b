package dev.highlights.fusion.rules;

/** The three per-second inputs of the fusion. Chat is mandatory for a highlight; audio confirms; video breaks ties. */
public enum Modality {
    CHAT, AUDIO, VIDEO
}
