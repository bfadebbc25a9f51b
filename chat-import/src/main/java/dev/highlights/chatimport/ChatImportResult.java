package dev.highlights.chatimport;

import dev.highlights.avro.ChatMessage;
import java.util.List;

/**
 * What an import did. Every message counted in {@link #messages()} has been handed to the sink.
 *
 * @param format        the format read (given or detected)
 * @param gzip          whether the input was gzip-compressed (detected by its magic bytes)
 * @param messages      messages handed to the sink
 * @param malformed     entries skipped because they could not be read (bad JSON, missing offset, bad IRC line,
 *                      the truncation of a file that ends early)
 * @param ignored       well-formed entries that are not chat messages and are skipped on purpose (IRC PING, JOIN,
 *                      ROOMSTATE, CLEARCHAT ...)
 * @param lastOffsetSec the largest VOD offset among the messages (the last one for time-ordered input), 0 when none
 * @param truncated     the input ended (or its gzip stream broke off) in the middle of the data; everything before
 *                      was imported and the truncation is one of the malformed entries
 * @param issues        the first {@link ChatImportOptions#maxIssues()} malformed entries with their positions
 */
public record ChatImportResult(ChatFormat format, boolean gzip, long messages, long malformed, long ignored,
                               double lastOffsetSec, boolean truncated, List<ChatImportIssue> issues) {

    public ChatImportResult {
        issues = List.copyOf(issues);
    }

    /**
     * The END_OF_CHAT marker to send after the last message: {@link ChatMessages#endOfChat(String, double, long)}
     * with this result's last offset and message count, tagged with the format as its source.
     */
    public ChatMessage endOfChat(String vodId) {
        return ChatMessages.endOfChat(vodId, lastOffsetSec, messages, format.sourceName());
    }

    /** One line for a status event or a log, e.g. {@code 1000 messages, 2 malformed (line 3 (byte 120): ...; ...)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(messages).append(" messages, ").append(malformed).append(" malformed");
        if (ignored > 0) {
            sb.append(", ").append(ignored).append(" ignored");
        }
        if (truncated) {
            sb.append(", input truncated");
        }
        if (!issues.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < issues.size(); i++) {
                if (i > 0) {
                    sb.append("; ");
                }
                sb.append(issues.get(i));
            }
            if (malformed > issues.size()) {
                sb.append("; ...");
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
