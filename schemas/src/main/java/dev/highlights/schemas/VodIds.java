package dev.highlights.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The VOD id rules every producer of VOD requests shares (ingest, and clients such as the CLI that key their records
 * by the id ingest will give): what an id may look like, and the id a request without one gets.
 */
public final class VodIds {
    /** A letter or digit, then up to 127 letters, digits, dots, underscores, colons or hyphens. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private VodIds() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /**
     * The id of a request that names none: {@code vod-} + the first 24 hex digits of SHA-256 over the trimmed channel,
     * media URI and chat URI (none: empty), each preceded by its UTF-8 length (4 bytes, big endian). The same media and
     * chat of the same channel get the same id, so a repeated request finds its VOD.
     */
    public static String derive(String channel, String mediaUri, String chatUri) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : new String[] {channel.trim(), mediaUri.trim(), chatUri == null ? "" : chatUri.trim()}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                        (byte) b.length});
                md.update(b);
            }
            return "vod-" + HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
