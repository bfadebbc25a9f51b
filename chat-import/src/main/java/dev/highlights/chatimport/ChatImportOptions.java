package dev.highlights.chatimport;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What one chat import needs besides the bytes.
 *
 * @param vodId              the VOD the messages belong to (goes into every record and into hashed ids)
 * @param format             the format, or {@code null} to detect it from the first bytes
 * @param streamStartEpochMs when the stream started, epoch milliseconds: required for {@link ChatFormat#TWITCH_IRC}
 *                           (maps {@code tmi-sent-ts} to VOD offsets); for the JSON formats it is only used to
 *                           derive an offset for an entry that has an epoch time but no offset
 * @param logTimeZone        zone of IRC log-timestamp prefixes that carry no offset ({@code [2024-01-01 12:00:00]});
 *                           UTC by default
 * @param maxIssues          how many malformed entries are kept with their reasons (all are counted)
 * @param maxEntryBytes      the largest single JSON entry or IRC line accepted; larger ones are skipped as malformed
 *                           without being held in memory
 */
public record ChatImportOptions(String vodId, ChatFormat format, Long streamStartEpochMs, ZoneId logTimeZone,
                                int maxIssues, int maxEntryBytes) {

    public static final int DEFAULT_MAX_ISSUES = 20;
    public static final int DEFAULT_MAX_ENTRY_BYTES = 4 * 1024 * 1024;

    public ChatImportOptions {
        Objects.requireNonNull(vodId, "vodId");
        if (vodId.isEmpty()) {
            throw new IllegalArgumentException("vodId must not be empty");
        }
        if (logTimeZone == null) {
            logTimeZone = ZoneOffset.UTC;
        }
        if (maxIssues < 0) {
            throw new IllegalArgumentException("maxIssues must be >= 0");
        }
        if (maxEntryBytes < 1024) {
            throw new IllegalArgumentException("maxEntryBytes must be >= 1024");
        }
    }

    /** Detect the format, no stream start, UTC log times, defaults for the limits. */
    public static ChatImportOptions forVod(String vodId) {
        return new ChatImportOptions(vodId, null, null, ZoneOffset.UTC, DEFAULT_MAX_ISSUES, DEFAULT_MAX_ENTRY_BYTES);
    }

    /** An explicit format ({@code null}: detect). */
    public ChatImportOptions withFormat(ChatFormat newFormat) {
        return new ChatImportOptions(vodId, newFormat, streamStartEpochMs, logTimeZone, maxIssues, maxEntryBytes);
    }

    public ChatImportOptions withStreamStartEpochMs(Long epochMs) {
        return new ChatImportOptions(vodId, format, epochMs, logTimeZone, maxIssues, maxEntryBytes);
    }

    public ChatImportOptions withLogTimeZone(ZoneId zone) {
        return new ChatImportOptions(vodId, format, streamStartEpochMs, zone, maxIssues, maxEntryBytes);
    }

    public ChatImportOptions withMaxIssues(int n) {
        return new ChatImportOptions(vodId, format, streamStartEpochMs, logTimeZone, n, maxEntryBytes);
    }

    public ChatImportOptions withMaxEntryBytes(int n) {
        return new ChatImportOptions(vodId, format, streamStartEpochMs, logTimeZone, maxIssues, n);
    }
}
