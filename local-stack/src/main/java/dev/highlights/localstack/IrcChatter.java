package dev.highlights.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One chatter: a plain IRC client on loopback that joins channels and says things in them. */
public final class IrcChatter implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private IrcChatter(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects and registers as {@code nick}, answering the server until it is welcomed. */
    public static IrcChatter connect(int port, String nick) throws IOException {
        IrcChatter c = new IrcChatter(new Socket("127.0.0.1", port));
        c.socket.setSoTimeout(10_000);
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick);
        c.until(" 001 ");
        return c;
    }

    public void join(String channel) throws IOException {
        send("JOIN " + channel);
        until(" 366 "); // end of the member list
    }

    /** Waits until a member whose nick starts with {@code prefix} is in the channel. */
    public void awaitMember(String channel, String prefix, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            send("NAMES " + channel);
            String line;
            boolean found = false;
            while (!(line = readLine()).contains(" 366 ")) {
                if (line.contains(" 353 ") && line.substring(line.lastIndexOf(':') + 1).matches(".*\\b[@+]?" + prefix + ".*")) {
                    found = true;
                }
            }
            if (found) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no member " + prefix + "* joined " + channel);
    }

    /** Says one line; line breaks become spaces (IRC has none inside a message). */
    public void say(String channel, String text) throws IOException {
        while (in.ready()) {
            readLine(); // answers the server's PINGs
        }
        send("PRIVMSG " + channel + " :" + text.replace('\r', ' ').replace('\n', ' '));
    }

    /** Says {@code text} as a CTCP ACTION ({@code /me}). */
    public void act(String channel, String text) throws IOException {
        say(channel, "\u0001ACTION " + text + "\u0001");
    }

    private void until(String marker) throws IOException {
        String line;
        while (!(line = readLine()).contains(marker)) {
            if (line.startsWith("ERROR") || line.matches(":\\S+ (4|5)\\d\\d .*")) {
                throw new IOException("the IRC server refused: " + line);
            }
        }
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the IRC server closed the connection");
        }
        if (line.startsWith("PING")) {
            send("PONG" + line.substring(4));
        }
        return line;
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT :bye");
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
