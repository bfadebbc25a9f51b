package dev.highlights.ingest.live;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.VodRegistered;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.chatimport.ChatImportOptions;
import dev.highlights.chatimport.TwitchIrcLines;
import dev.highlights.ingest.core.LiveChannel;
import dev.highlights.ingest.core.LiveChatService;
import dev.highlights.ingest.media.MediaLocations;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.VodInfo;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSocketFactory;
import org.jboss.logging.Logger;

/**
 * Reads the chat of a live VOD from its channel as it airs, over IRC as Twitch offers it: an anonymous read-only login
 * ({@code justinfan<digits>}), the IRCv3 tags and commands capabilities requested (so {@code PRIVMSG}s carry emotes,
 * badges and ids, and raids and subs come as {@code USERNOTICE}s), the channel joined once the server welcomed it. Lines are read as a Twitch IRC
 * log would be ({@link TwitchIrcLines}) and written as live chat ({@link LiveChatService#pushMessages}) every
 * {@value #FLUSH_MS} ms. {@code PING}s are answered; a dropped connection or a {@code RECONNECT} is connected again,
 * after 1 s doubling to {@code ingest.live.reconnect-max-backoff}. It stops once the live VOD ended (here or on another
 * replica, as the views say); a shutdown leaves the job to the next owner of the registration.
 */
@ApplicationScoped
public class LiveChatReader {
    private static final Logger LOG = Logger.getLogger(LiveChatReader.class);
    static final long FLUSH_MS = 250;
    private static final int READ_TIMEOUT_MS = 1000;
    private static final int MAX_LINE_BYTES = 64 * 1024;
    /** Messages kept while they cannot be written (Kafka away); beyond, the oldest are dropped and counted. */
    private static final int MAX_PENDING = 50_000;

    @Inject
    IngestConfig config;

    @Inject
    MediaLocations locations;

    @Inject
    LiveChatService liveChat;

    @Inject
    MeterRegistry registry;

    private final Map<String, Reader> readers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * Reads the live VOD's channel until the VOD ended, then runs {@code done} (not when this replica stops first).
     * A VOD without a channel is done at once.
     *
     * @return false when this replica reads the channel already (a repeat of its registration)
     */
    public boolean read(VodRegistered vod, Runnable done) {
        if (vod.getChatUri() == null || !LiveChannel.isIrc(vod.getChatUri())) {
            done.run();
            return true;
        }
        LiveChannel channel;
        try {
            channel = LiveChannel.parse(vod.getChatUri(), locations);
        } catch (IngestException e) {
            LOG.warnf("The chat channel of live VOD %s cannot be read: %s", vod.getVodId(), e.getMessage());
            done.run();
            return true;
        }
        Reader reader = new Reader(vod, channel, done);
        if (readers.putIfAbsent(vod.getVodId(), reader) != null) {
            return false;
        }
        Thread thread = new Thread(reader, "live-chat-" + vod.getVodId());
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    @PreDestroy
    void stop() {
        running = false;
        readers.values().forEach(Reader::disconnect);
    }

    /** One channel's connection, reconnected until the VOD ends. */
    private final class Reader implements Runnable {
        final VodRegistered vod;
        final LiveChannel channel;
        final Runnable done;
        final TwitchIrcLines lines;
        final List<ChatMessage> pending = new ArrayList<>();
        volatile Socket socket;
        boolean ended;
        long lastFlushMs;

        Reader(VodRegistered vod, LiveChannel channel, Runnable done) {
            this.vod = vod;
            this.channel = channel;
            this.done = done;
            this.lines = new TwitchIrcLines(ChatImportOptions.forVod(vod.getVodId())
                    .withStreamStartEpochMs(vod.getStreamStartEpochMs())
                    .withMaxEntryBytes((int) Math.min(Integer.MAX_VALUE, config.chat().maxEntrySize().asLongValue())),
                    pending::add);
        }

        @Override
        public void run() {
            String vodId = vod.getVodId();
            long backoffMs = 1000;
            try {
                while (running && !ended()) {
                    String problem;
                    try {
                        if (session()) {
                            backoffMs = 1000; // it had connected: the next failure starts the backoff over
                        }
                        problem = "the server closed the connection";
                    } catch (IOException e) {
                        problem = e.toString();
                    }
                    flush(true);
                    if (!running || ended()) {
                        break;
                    }
                    LOG.warnf("Live chat of %s from %s: %s; connecting again in %d ms", vodId, channel.uri(), problem,
                            backoffMs);
                    registry.counter("ingest.chat.live.reconnects").increment();
                    sleep(backoffMs);
                    backoffMs = Math.min(config.live().reconnectMaxBackoff().toMillis(), backoffMs * 2);
                }
            } finally {
                readers.remove(vodId);
                disconnect();
            }
            if (running) {
                LOG.infof("Live chat of %s ended; stopped reading %s", vodId, channel.uri());
                done.run();
            }
        }

        /** One connection: true when the server welcomed it (so the backoff starts over). */
        private boolean session() throws IOException {
            boolean welcomed = false;
            Socket s = channel.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket = s;
            try (s) {
                s.connect(new InetSocketAddress(channel.host(), channel.port()),
                        (int) config.http().timeout().toMillis());
                s.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream out = s.getOutputStream();
                String nick = "justinfan" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
                send(out, "CAP REQ :twitch.tv/tags twitch.tv/commands");
                send(out, "NICK " + nick);
                send(out, "USER " + nick + " 8 * :" + nick); // Twitch does without; other IRC servers need it
                send(out, "CAP END"); // servers that negotiate capabilities register the client only after it
                InputStream in = s.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream(512);
                while (running) {
                    int b;
                    try {
                        b = in.read();
                    } catch (SocketTimeoutException quiet) {
                        flush(false);
                        if (ended()) {
                            return welcomed;
                        }
                        continue;
                    }
                    if (b < 0) {
                        return welcomed;
                    }
                    if (b != '\n') {
                        if (line.size() < MAX_LINE_BYTES) {
                            line.write(b);
                        }
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    String command = command(text);
                    if ("PING".equals(command)) {
                        send(out, "PONG" + text.substring(text.indexOf("PING") + 4));
                    } else if ("RECONNECT".equals(command)) {
                        return welcomed; // Twitch is about to restart the server: connect again
                    } else if ("001".equals(command)) {
                        welcomed = true;
                        send(out, "JOIN " + channel.channel()); // once registered: earlier, a server may refuse it
                        LOG.infof("Reading the live chat of %s from %s", vod.getVodId(), channel.uri());
                    } else {
                        String problem = lines.accept(text, Instant.now());
                        if (problem != null && ("PRIVMSG".equals(command) || "USERNOTICE".equals(command))) {
                            registry.counter("ingest.chat.live.malformed").increment();
                            LOG.debugf("Live chat of %s: skipped a line (%s)", vod.getVodId(), problem);
                        }
                    }
                    flush(false);
                }
                return welcomed;
            } finally {
                socket = null;
            }
        }

        /** Writes what was read, every {@value #FLUSH_MS} ms (or now); a failure keeps the messages for the next try. */
        private void flush(boolean now) {
            long t = System.currentTimeMillis();
            if (pending.isEmpty() || (!now && t - lastFlushMs < FLUSH_MS)) {
                return;
            }
            lastFlushMs = t;
            try {
                liveChat.pushMessages(vod.getVodId(), List.copyOf(pending));
                pending.clear();
            } catch (IngestException e) {
                if ("VOD_ENDED".equals(e.errorCode())) {
                    ended = true;
                    pending.clear();
                } else if (e.kind() == ProblemKind.UNAVAILABLE) {
                    dropBeyondLimit();
                } else {
                    LOG.warnf("Live chat of %s: %d messages refused: %s", vod.getVodId(), pending.size(),
                            e.getMessage());
                    registry.counter("ingest.chat.live.refused").increment(pending.size());
                    pending.clear();
                }
            } catch (RuntimeException e) {
                LOG.warnf("Live chat of %s: could not write %d messages (kept for the next try): %s",
                        vod.getVodId(), pending.size(), e.getMessage());
                dropBeyondLimit();
            }
        }

        private void dropBeyondLimit() {
            if (pending.size() > MAX_PENDING) {
                int drop = pending.size() - MAX_PENDING;
                pending.subList(0, drop).clear();
                registry.counter("ingest.chat.live.dropped").increment(drop);
            }
        }

        /** The live VOD ended: here (its end refused a write), or anywhere, as the views say. */
        private boolean ended() {
            if (!ended) {
                try {
                    ended = liveChat.isEnded(VodInfo.of(vod));
                } catch (IngestException e) {
                    return false; // views loading: asked again soon
                }
            }
            return ended;
        }

        void disconnect() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private void sleep(long ms) {
            long until = System.currentTimeMillis() + ms;
            while (running && System.currentTimeMillis() < until && !ended()) {
                try {
                    Thread.sleep(Math.min(200, until - System.currentTimeMillis() + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The command of an IRC line: after the tags and the prefix. */
    static String command(String line) {
        int i = 0;
        if (line.startsWith("@")) {
            i = line.indexOf(' ') + 1;
        }
        if (line.startsWith(":", i)) {
            int sp = line.indexOf(' ', i);
            i = sp < 0 ? line.length() : sp + 1;
        }
        int end = line.indexOf(' ', i);
        return line.substring(Math.min(i, line.length()), end < 0 ? line.length() : end);
    }
}
