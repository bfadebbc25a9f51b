package dev.highlights.ingest.support;

import dev.highlights.localstack.ListenPorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real IRC server for tests: Debian's ngircd on a free loopback port, in the foreground, stopped and started. */
public final class IrcServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private IrcServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static IrcServer start() throws Exception {
        Path dir = Files.createTempDirectory("ngircd");
        int port = ListenPorts.free();
        Files.writeString(dir.resolve("ngircd.conf"), """
                [Global]
                Name = irc.test.local
                Info = highlights tests
                AdminInfo1 = tests
                AdminEMail = tests@example.com
                Listen = 127.0.0.1
                Ports = %d
                MotdPhrase = test server
                [Limits]
                MaxNickLength = 30
                [Options]
                PAM = no
                Ident = no
                DNS = no
                """.formatted(port));
        dir.resolve("ngircd.conf").toFile().setReadable(true, false);
        IrcServer server = new IrcServer(dir, port);
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    /** Stops the server (every connection drops) and starts it again on the same port. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    private void launch() throws Exception {
        process = new ProcessBuilder("ngircd", "--nodaemon", "--config", dir.resolve("ngircd.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
                .start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("ngircd did not start; its log: " + Files.readString(dir.resolve("log")));
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
    public void close() throws Exception {
        stop();
    }
}
