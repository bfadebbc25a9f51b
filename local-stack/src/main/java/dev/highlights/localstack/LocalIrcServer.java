package dev.highlights.localstack;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An IRC server on loopback that a channel's chat can be replayed through: Debian's {@code ngircd} on a free port, in
 * the foreground, restartable. Each chatter connects on its own from loopback, so the per-address connection limit and
 * the flood penalties are off. Channels named at the start exist from the start and take messages from outside (no
 * mode {@code n}), so a chatter can speak without joining and receiving everyone else's lines.
 */
public final class LocalIrcServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private LocalIrcServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts ngircd with these channels open to outside messages; fails with its log when it does not listen in 10 s. */
    public static LocalIrcServer start(String... openChannels) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ngircd");
        int port = ListenPorts.free();
        Files.writeString(dir.resolve("ngircd.conf"), """
                [Global]
                Name = irc.local
                Info = highlights local chat
                AdminInfo1 = local
                AdminEMail = local@localhost
                Listen = 127.0.0.1
                Ports = %d
                MotdPhrase = local chat
                [Limits]
                MaxNickLength = 30
                MaxConnectionsIP = 0
                MaxPenaltyTime = 0
                [Options]
                PAM = no
                Ident = no
                DNS = no
                """.formatted(port) + channelSections(openChannels));
        dir.resolve("ngircd.conf").toFile().setReadable(true, false);
        LocalIrcServer server = new LocalIrcServer(dir, port);
        server.launch();
        return server;
    }

    private static String channelSections(String... channels) {
        StringBuilder sections = new StringBuilder();
        for (String channel : channels) {
            sections.append("[Channel]\nName = ").append(channel).append("\nModes = t\n");
        }
        return sections.toString();
    }

    public int port() {
        return port;
    }

    /** Stops the server (every connection drops) and starts it again on the same port. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        try {
            process = new ProcessBuilder("ngircd", "--nodaemon", "--config", dir.resolve("ngircd.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile())).start();
        } catch (IOException e) {
            throw new IOException("cannot start ngircd (Debian's package ngircd): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("ngircd did not start; its log: " + Files.readString(dir.resolve("log")));
                }
                Thread.sleep(50);
            }
        }
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
