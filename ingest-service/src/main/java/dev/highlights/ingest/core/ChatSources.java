package dev.highlights.ingest.core;

import dev.highlights.ingest.IngestConfig;
import dev.highlights.chatimport.ChatFormat;
import dev.highlights.ingest.media.HttpFetcher;
import dev.highlights.ingest.media.MediaLocations;
import dev.highlights.ingest.media.Subject;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.media.Location;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Checks a chat URI before a VOD is accepted (location policy, reachable, size), so that what can be refused at
 * once is refused with the request: outside the roots 403, missing 422, a local file whose format cannot be
 * detected 415. Remote files are only checked with HEAD; their format is detected by the import.
 */
@ApplicationScoped
public class ChatSources {

    @Inject
    MediaLocations locations;

    @Inject
    HttpFetcher http;

    @Inject
    IngestConfig config;

    /**
     * @param format             the format named in the request, or null to detect it
     * @param streamStartEpochMs the request's stream start; Twitch IRC logs cannot be imported without it
     */
    public ChatSource prepare(String chatUri, ChatFormat format, Long streamStartEpochMs) {
        Location location = locations.resolve(chatUri, Subject.CHAT);
        long max = config.http().maxChatSize().asLongValue();
        if (location instanceof Location.Remote remote) {
            HttpFetcher.Head head = http.head(remote.url(), Subject.CHAT, max);
            return new ChatSource() {
                @Override
                public String uri() {
                    return head.url().toString();
                }

                @Override
                public InputStream open() {
                    return http.open(head.url(), Subject.CHAT, max);
                }
            };
        }
        Location.LocalFile file = (Location.LocalFile) location;
        if (format == null && detect(file) == ChatFormat.TWITCH_IRC && streamStartEpochMs == null) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_STREAM_START_MISSING", "chat file "
                    + file.realPath() + " is a Twitch IRC log; its message times are wall-clock times, so the request "
                    + "needs streamStartEpochMs to map them to VOD offsets");
        }
        return new ChatSource() {
            @Override
            public String uri() {
                return file.uri();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file.realPath());
            }
        };
    }

    private static ChatFormat detect(Location.LocalFile file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file.realPath()), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream data = raw;
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) {
                try {
                    data = new GZIPInputStream(raw, 1 << 16);
                } catch (EOFException | ZipException e) {
                    throw new IngestException(ProblemKind.CHAT_UNREADABLE, "CHAT_CORRUPT_INPUT",
                            "chat file " + file.realPath() + " starts like gzip but its header is broken: " + e.getMessage());
                }
            }
            BufferedInputStream buffered = new BufferedInputStream(data, ChatFormat.DETECT_LIMIT + 1);
            return ChatFormat.detect(buffered).orElseThrow(() -> new IngestException(
                    ProblemKind.UNSUPPORTED_MEDIA_TYPE, "CHAT_FORMAT_UNKNOWN",
                    "cannot tell the format of chat file " + file.realPath() + (gzip ? " (gzip)" : "")
                            + " from its first bytes; supported: TwitchDownloader JSON, chat-downloader JSON and "
                            + "Twitch IRC logs (plain or gzip). Name it with chatFormat if it is one of them"));
        } catch (IOException e) {
            throw new IngestException(ProblemKind.CHAT_UNREADABLE, "CHAT_UNREADABLE",
                    "cannot read chat file " + file.realPath() + ": " + e.getMessage());
        }
    }
}
