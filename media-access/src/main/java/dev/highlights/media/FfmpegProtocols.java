package dev.highlights.media;

/**
 * FFmpeg's {@code protocol_whitelist} for an input: only the protocols its location needs. A media file cannot then
 * make FFmpeg open other inputs ({@code concat:}, {@code subfile:}, a local file named inside a remote playlist).
 */
public final class FfmpegProtocols {
    private FfmpegProtocols() {
    }

    /**
     * @param playlist      the input is an HLS playlist (it names further inputs)
     * @param remoteEntries a local playlist whose entries are http(s) URLs
     */
    public static String forInput(Location location, boolean playlist, boolean remoteEntries) {
        return forInput(location.isRemote(), playlist, remoteEntries);
    }

    /** The same for an input known only as remote (a URL) or local (a file). */
    public static String forInput(boolean remote, boolean playlist, boolean remoteEntries) {
        if (remote) {
            // A remote playlist may change after it was checked: never let it reach local files.
            return playlist ? "http,https,tcp,tls,crypto,data" : "http,https,tcp,tls";
        }
        if (playlist) {
            return remoteEntries ? "file,http,https,tcp,tls,crypto,data" : "file,crypto,data";
        }
        return "file";
    }
}
