package dev.highlights.worker.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The segments of a live work item as a complete HLS playlist, so that FFmpeg's HLS demuxer reads them as one input
 * with continuous timestamps (what it does for a VOD's playlist): {@code #EXT-X-PLAYLIST-TYPE:VOD} and
 * {@code #EXT-X-ENDLIST}, so it starts at the first segment and never waits for more.
 */
final class LiveWindow {
    private LiveWindow() {
    }

    /** The playlist text; entries are absolute URIs, local files as paths. */
    static String playlist(List<MediaSpan.Piece> pieces) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a live window needs at least one segment");
        }
        boolean fragmented = pieces.stream().anyMatch(p -> p.initUri() != null);
        double longest = pieces.stream().mapToDouble(MediaSpan.Piece::durationSec).max().orElse(1);
        StringBuilder out = new StringBuilder(64 + pieces.size() * 96)
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:").append(fragmented ? 7 : 3).append('\n')
                .append("#EXT-X-TARGETDURATION:").append((long) Math.max(1, Math.ceil(longest))).append('\n')
                .append("#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        String init = null;
        for (MediaSpan.Piece piece : pieces) {
            if (piece.initUri() != null && !Objects.equals(piece.initUri(), init)) {
                init = piece.initUri();
                out.append("#EXT-X-MAP:URI=\"").append(entry(init)).append("\"\n");
            }
            out.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%n", piece.durationSec())).append(entry(piece.uri()))
                    .append('\n');
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** Writes {@link #playlist} to a new temporary file, which the caller deletes. */
    static Path write(List<MediaSpan.Piece> pieces) throws IOException {
        Path file = Files.createTempFile("live-window-", ".m3u8");
        try {
            Files.writeString(file, playlist(pieces));
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Whether any segment (or initialisation section) is read over the network. */
    static boolean hasRemoteEntries(List<MediaSpan.Piece> pieces) {
        return pieces.stream().anyMatch(p -> FfmpegSupport.isNetwork(p.uri())
                || (p.initUri() != null && FfmpegSupport.isNetwork(p.initUri())));
    }

    private static String entry(String uri) {
        Path local = FfmpegSupport.localPath(uri);
        return local == null ? uri : local.toAbsolutePath().toString();
    }
}
