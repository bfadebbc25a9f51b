package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.highlights.localstack.IrcChatter;
import dev.highlights.localstack.LocalIrcServer;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat replayed through a real IRC server on loopback, as Twitch's chat would deliver it to ingest's channel reader:
 * every author speaks from a connection of their own (nick = author), without joining, into a channel the server
 * keeps open to outside messages. Plain IRC carries no Twitch tags: emotes, badges and bits are not sent, and ingest
 * dates each message when it arrives. Not thread-safe.
 */
final class IrcChatReplay implements AutoCloseable {
    /** Connections kept at most; the least recently heard author leaves first and comes back when they speak. */
    private static final int MAX_CHATTERS = 256;
    /** An author quiet this long leaves (well under ngircd's 120 s ping timeout, which a silent chatter would miss). */
    private static final long IDLE_MS = 60_000;

    private final LocalIrcServer server;
    private final String channel;
    private final Map<String, Spoke> chatters = new LinkedHashMap<>(16, 0.75f, true);

    private record Spoke(IrcChatter chatter, long atMs) {
    }

    private IrcChatReplay(LocalIrcServer server, String channel) {
        this.server = server;
        this.channel = channel;
    }

    /** Starts the server with {@code #replay} open to outside messages. */
    static IrcChatReplay start() throws IOException, InterruptedException {
        String channel = "#replay";
        return new IrcChatReplay(LocalIrcServer.start(channel), channel);
    }

    /** The live VOD's {@code chatUri}: where ingest reads the channel. */
    URI chatUri() {
        return URI.create("irc://127.0.0.1:" + server.port() + "/" + channel);
    }

    /** Waits until ingest's anonymous reader is in the channel: what is said before it joins reaches no one. */
    void awaitReader(long timeoutMs) throws IOException, InterruptedException {
        try (IrcChatter watcher = IrcChatter.connect(server.port(), "replay_watch")) {
            watcher.awaitMember(channel, "justinfan", timeoutMs);
        }
    }

    /** Says one live chat message ({@code POST /chat}'s shape) as its author. */
    void say(JsonNode message) throws IOException {
        String nick = nick(message.path("author").path("name").asText("anonymous"));
        long now = System.currentTimeMillis();
        leaveIdle(now);
        Spoke spoke = chatters.get(nick);
        IrcChatter chatter = spoke != null ? spoke.chatter() : IrcChatter.connect(server.port(), nick);
        chatters.put(nick, new Spoke(chatter, now));
        String text = message.path("text").asText();
        if ("ACTION".equals(message.path("type").asText())) {
            chatter.act(channel, text);
        } else {
            chatter.say(channel, text);
        }
    }

    private void leaveIdle(long now) throws IOException {
        Iterator<Spoke> oldestFirst = chatters.values().iterator();
        while (oldestFirst.hasNext()) {
            Spoke s = oldestFirst.next();
            if (chatters.size() < MAX_CHATTERS && now - s.atMs() < IDLE_MS) {
                return;
            }
            s.chatter().close();
            oldestFirst.remove();
        }
    }

    /** An IRC nick for a Twitch login: the same unless it starts with a digit (not allowed in IRC). */
    static String nick(String login) {
        String clean = login.replaceAll("[^A-Za-z0-9_\\-\\[\\]\\\\`^{}|]", "_");
        if (clean.isEmpty() || Character.isDigit(clean.charAt(0)) || clean.charAt(0) == '-') {
            clean = "_" + clean;
        }
        return clean.length() > 30 ? clean.substring(0, 30) : clean;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Spoke s : chatters.values()) {
            s.chatter().close();
        }
        chatters.clear();
        server.close();
    }
}
