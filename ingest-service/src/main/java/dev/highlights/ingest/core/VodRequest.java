package dev.highlights.ingest.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to register a VOD (or a live stream), as {@code POST /api/vods} takes it and as the Kafka ingest
 * topic will carry it. Unknown JSON fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "VodRequest", description = "Registers a VOD or a live stream.")
public record VodRequest(
        @Schema(description = "VOD id (letters, digits, '.', '_', ':', '-'; at most 128). When absent it is derived "
                + "from channel, mediaUri and chatUri, so the same request gets the same id.",
                examples = "twitch-2093847561")
        String id,
        @Schema(required = true, description = "Channel the VOD belongs to.", examples = "somestreamer")
        String channel,
        @Schema(required = true, description = "Title of the VOD.", examples = "Grand finals")
        String title,
        @Schema(required = true, description = "file:///path under a media root, an http(s) URL, or an HLS .m3u8 playlist.",
                examples = "file:///srv/media/finals.mp4")
        String mediaUri,
        @Schema(description = "Chat export to import: file:///path under a media root or an http(s) URL; plain or gzip.")
        String chatUri,
        @Schema(description = "twitch-downloader-json, chat-downloader-json or twitch-irc; absent: detected from the file.")
        String chatFormat,
        @Schema(description = "A live stream: chat comes through POST /api/vods/{id}/chat, the end through POST /api/vods/{id}/end.")
        Boolean live,
        @Schema(description = "Wall-clock start of the stream, epoch ms; required for twitch-irc chat and for live "
                + "messages that give epochMs instead of offsetSec.")
        Long streamStartEpochMs) {
}
