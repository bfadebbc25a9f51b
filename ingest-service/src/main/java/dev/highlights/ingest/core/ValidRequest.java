package dev.highlights.ingest.core;

import dev.highlights.chatimport.ChatFormat;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.schemas.VodIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link VodRequest} that passed the field checks, with its id (given or derived) and the chat format parsed.
 *
 * <p>Derived ids: {@code vod-} followed by the first 24 hex digits of SHA-256 over channel, mediaUri and chatUri
 * (each preceded by its length, so no field runs into the next). The same request without an id therefore gets
 * the same id and is idempotent; the same media registered with a different title is a conflict (409).
 */
public record ValidRequest(String id, String channel, String title, String mediaUri, String chatUri,
                           ChatFormat chatFormat, boolean live, Long streamStartEpochMs) {

    static final int MAX_CHANNEL = 200;
    static final int MAX_TITLE = 1000;
    static final int MAX_URI = 4096;

    /** Checks the fields; every problem found is listed in the one 400. */
    public static ValidRequest of(VodRequest r) {
        if (r == null) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "the body must be a JSON object describing the VOD");
        }
        List<String> problems = new ArrayList<>();
        String id = trimToNull(r.id());
        if (id != null && !VodIds.isValid(id)) {
            problems.add("id '" + id + "' must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        String channel = trimToNull(r.channel());
        if (channel == null) {
            problems.add("channel is required");
        } else if (channel.length() > MAX_CHANNEL) {
            problems.add("channel is longer than " + MAX_CHANNEL + " characters");
        }
        String title = trimToNull(r.title());
        if (title == null) {
            problems.add("title is required");
        } else if (title.length() > MAX_TITLE) {
            problems.add("title is longer than " + MAX_TITLE + " characters");
        }
        String mediaUri = trimToNull(r.mediaUri());
        if (mediaUri == null) {
            problems.add("mediaUri is required (file:///path under a media root, http(s) URL or .m3u8 playlist)");
        } else if (mediaUri.length() > MAX_URI) {
            problems.add("mediaUri is longer than " + MAX_URI + " characters");
        }
        String chatUri = trimToNull(r.chatUri());
        if (chatUri != null && chatUri.length() > MAX_URI) {
            problems.add("chatUri is longer than " + MAX_URI + " characters");
        }
        boolean live = Boolean.TRUE.equals(r.live());
        if (live && chatUri != null) {
            if (!LiveChannel.isIrc(chatUri)) {
                problems.add("a live VOD's chatUri names the channel whose chat is read as it airs "
                        + "(ircs://irc.chat.twitch.tv:6697/#name); other live chat comes through POST "
                        + "/api/vods/{id}/chat");
            } else if (r.streamStartEpochMs() == null) {
                problems.add("a live VOD whose chat is read from its channel needs streamStartEpochMs (offsets count "
                        + "from it)");
            }
        } else if (!live && chatUri != null && LiveChannel.isIrc(chatUri)) {
            problems.add("an IRC channel is read as it airs: register the VOD with \"live\": true");
        }
        if (r.streamStartEpochMs() != null && r.streamStartEpochMs() < 0) {
            problems.add("streamStartEpochMs must be >= 0");
        }
        ChatFormat format = null;
        String formatName = trimToNull(r.chatFormat());
        if (formatName != null) {
            format = ChatFormat.fromName(formatName).orElse(null);
            if (format == null) {
                throw new IngestException(ProblemKind.UNKNOWN_CHAT_FORMAT, "chatFormat '" + formatName
                        + "' is not known; use twitch-downloader-json, chat-downloader-json or twitch-irc, or leave it out to detect it");
            }
            if (chatUri == null) {
                problems.add("chatFormat is given without chatUri");
            }
        }
        if (format == ChatFormat.TWITCH_IRC && r.streamStartEpochMs() == null) {
            problems.add("twitch-irc chat needs streamStartEpochMs to map message times to VOD offsets");
        }
        if (!problems.isEmpty()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, String.join("; ", problems));
        }
        if (id == null) {
            id = VodIds.derive(channel, mediaUri, chatUri);
        }
        return new ValidRequest(id, channel, title, mediaUri, chatUri, format, live, r.streamStartEpochMs());
    }

    /** The format's name as stored in {@code VodRegistered.chatFormat}, or null. */
    public String chatFormatName() {
        return chatFormat == null ? null : chatFormat.sourceName();
    }

    public boolean hasChat() {
        return live || chatUri != null;
    }

    /** Which request fields differ from a registered VOD; empty when it is the same request. */
    public List<String> differences(String channel, String title, String mediaUri, String chatUri, String chatFormat,
                                    boolean live, Long streamStartEpochMs) {
        List<String> out = new ArrayList<>();
        diff(out, "channel", this.channel, channel);
        diff(out, "title", this.title, title);
        diff(out, "mediaUri", this.mediaUri, mediaUri);
        diff(out, "chatUri", this.chatUri, chatUri);
        diff(out, "chatFormat", chatFormatName(), chatFormat);
        diff(out, "live", this.live, live);
        diff(out, "streamStartEpochMs", this.streamStartEpochMs, streamStartEpochMs);
        return out;
    }

    private static void diff(List<String> out, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            out.add(name + " (registered: " + theirs + ", requested: " + mine + ")");
        }
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
