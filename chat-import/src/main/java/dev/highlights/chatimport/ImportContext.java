package dev.highlights.chatimport;

import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Counters, issues and the sink of one import; builds and emits normalized messages. Not thread-safe. */
final class ImportContext {

    final ChatImportOptions options;
    final String vodId;
    final String source;
    private final Consumer<? super ChatMessage> sink;
    /** Why the (decompressed) input ended early, or null: a broken-off gzip stream. */
    final Supplier<String> inputError;

    private long messages;
    private long malformed;
    private long ignored;
    private double maxOffsetSec;
    private boolean truncated;
    private boolean sinkFailed;
    private final List<ChatImportIssue> issues = new ArrayList<>();

    ImportContext(ChatImportOptions options, ChatFormat format, Consumer<? super ChatMessage> sink,
                  Supplier<String> inputError) {
        this.options = options;
        this.vodId = options.vodId();
        this.source = format.sourceName();
        this.sink = sink;
        this.inputError = inputError;
    }

    void malformed(long line, long byteOffset, String reason) {
        malformed++;
        if (issues.size() < options.maxIssues()) {
            issues.add(new ChatImportIssue(line, byteOffset, reason));
        }
    }

    /** The input ended early: counted as one malformed entry; everything read before stays imported. */
    void truncated(long line, long byteOffset, String reason) {
        truncated = true;
        malformed(line, byteOffset, reason);
    }

    void ignored() {
        ignored++;
    }

    /**
     * True once the sink has thrown: importers catch runtime exceptions of their own parsing code (a bad entry must
     * never end the import) but let the sink's failures through.
     */
    boolean sinkFailed() {
        return sinkFailed;
    }

    long messages() {
        return messages;
    }

    ChatImportResult result(ChatFormat format, boolean gzip) {
        return new ChatImportResult(format, gzip, messages, malformed, ignored, maxOffsetSec, truncated, issues);
    }

    /**
     * Normalizes and emits one message. {@code authorName} must be non-null (callers fall back to the display name
     * or id); it is lower-cased. Blank ids, display names and colours become null.
     */
    void emit(String sourceId, double offsetSec, Long epochMs, String authorId, String authorName, String displayName,
              String color, String text, List<Emote> emotes, List<Badge> badges, int bits, String replyParentId,
              ChatMessageType type) {
        String login = authorName.toLowerCase(Locale.ROOT);
        String id = isBlank(sourceId) ? ChatMessages.hashedId(vodId, offsetSec, login, text) : sourceId;
        ChatMessage m = new ChatMessage(id, vodId, offsetSec, epochMs,
                new ChatAuthor(blankToNull(authorId), login, blankToNull(displayName), blankToNull(color)),
                text,
                emotes != null ? emotes : new ArrayList<>(0),
                badges != null ? badges : new ArrayList<>(0),
                Math.max(bits, 0),
                blankToNull(replyParentId),
                type,
                source);
        try {
            sink.accept(m);
        } catch (RuntimeException | Error e) {
            sinkFailed = true;
            throw e;
        }
        messages++;
        if (offsetSec > maxOffsetSec) {
            maxOffsetSec = offsetSec;
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

    /** Adds a badge when it has a name; a blank version reads as "1". */
    static void addBadge(List<Badge> badges, String name, String version) {
        if (!isBlank(name)) {
            badges.add(new Badge(name, isBlank(version) ? "1" : version));
        }
    }

    /** The type of a message a user typed: CHEER with bits, else ACTION for {@code /me}, else CHAT. */
    static ChatMessageType userMessageType(int bits, boolean action) {
        return bits > 0 ? ChatMessageType.CHEER : action ? ChatMessageType.ACTION : ChatMessageType.CHAT;
    }

    /** Whether a message of this type is malformed without an author (the types a user types). */
    static boolean needsAuthor(ChatMessageType type) {
        return type == ChatMessageType.CHAT || type == ChatMessageType.ACTION || type == ChatMessageType.CHEER;
    }

    /** The author login to use: the name, else the display name, else the user id; null when none is there. */
    static String authorNameOf(String name, String displayName, String id) {
        if (!isBlank(name)) {
            return name.trim();
        }
        if (!isBlank(displayName)) {
            return displayName.trim();
        }
        if (!isBlank(id)) {
            return id.trim();
        }
        return null;
    }
}
