package dev.highlights.chatimport;

import dev.highlights.avro.ChatMessage;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Twitch IRC lines as a live connection delivers them, one at a time, read exactly as in a Twitch IRC log: the same
 * messages, types, emotes, badges and ids. A line without a {@code tmi-sent-ts} tag (a plain IRC server) is dated by
 * when it was received. Not thread-safe: one connection feeds it.
 */
public final class TwitchIrcLines {
    private final TwitchIrcImporter importer;

    /** @param options the VOD, and its stream start (required: offsets count from it) */
    public TwitchIrcLines(ChatImportOptions options, Consumer<? super ChatMessage> sink) {
        ChatImportOptions irc = options.withFormat(ChatFormat.TWITCH_IRC);
        this.importer = new TwitchIrcImporter(new ImportContext(irc, ChatFormat.TWITCH_IRC, sink, () -> null));
    }

    /**
     * Reads one received line (without its CRLF).
     *
     * @return null when it was a message (handed to the sink), ignored or blank; else why it is malformed
     */
    public String accept(String line, Instant receivedAt) {
        return importer.line("[" + Instant.ofEpochMilli(receivedAt.toEpochMilli()) + "] " + line);
    }
}
