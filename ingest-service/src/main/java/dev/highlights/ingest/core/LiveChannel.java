package dev.highlights.ingest.core;

import dev.highlights.ingest.media.MediaLocations;
import dev.highlights.ingest.media.Subject;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A live VOD's chat channel, named by its {@code chatUri}: {@code ircs://host[:port]/#channel} (TLS, port 6697 by
 * default) or {@code irc://host[:port]/#channel} (plain, 6667). Twitch's is
 * {@code ircs://irc.chat.twitch.tv:6697/#<login>}. The host passes the same checks as an http(s) URL.
 *
 * @param uri     as registered
 * @param tls     {@code ircs}
 * @param channel the channel name with its {@code #}, lower case
 */
public record LiveChannel(URI uri, boolean tls, String host, int port, String channel) {

    /** Whether the URI has the irc or ircs scheme (not whether it is valid). */
    public static boolean isIrc(String uri) {
        String u = uri.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("irc://") || u.startsWith("ircs://");
    }

    /**
     * Parses and checks a channel URI.
     *
     * @throws IngestException a 400 for a malformed URI, or the location policy's refusal of its host
     */
    public static LiveChannel parse(String chatUri, MediaLocations locations) {
        URI uri;
        try {
            uri = new URI(chatUri.trim());
        } catch (URISyntaxException e) {
            throw invalid(chatUri, "it is not a valid URI (" + e.getReason() + ")");
        }
        boolean tls = "ircs".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null) {
            throw invalid(chatUri, "it names no host");
        }
        String channel = uri.getFragment() != null ? "#" + uri.getFragment()
                : uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!channel.startsWith("#")) {
            channel = "#" + channel;
        }
        if (!channel.matches("#[A-Za-z0-9_]{1,50}")) {
            throw invalid(chatUri, "its channel '" + channel + "' is not a channel name (#name: letters, digits, _)");
        }
        locations.checkHost(uri, Subject.CHAT);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 6697 : 6667;
        return new LiveChannel(uri, tls, uri.getHost(), port, channel.toLowerCase(Locale.ROOT));
    }

    private static IngestException invalid(String chatUri, String why) {
        return new IngestException(ProblemKind.INVALID_REQUEST, "chatUri '" + chatUri + "' does not name an IRC "
                + "channel: " + why + "; write ircs://irc.chat.twitch.tv:6697/#name");
    }
}
