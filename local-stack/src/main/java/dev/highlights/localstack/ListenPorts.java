package dev.highlights.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the embedded stack's listeners, picked below the kernel's ephemeral range. A port the kernel handed
 * out ({@code new ServerSocket(0)}) lies in that range, so between the pick and the bind, or while a process restarts
 * on it, any outgoing connection of this machine may take it as its local port and the bind fails.
 */
public final class ListenPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 20_000;
    /** IANA's dynamic range starts here: the start of the ephemeral range where the kernel's cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 49_152;

    private ListenPorts() {
    }

    /** A port nothing listens on now, outside the range the kernel gives outgoing connections. */
    public static int free() {
        int end = ephemeralStart();
        if (end <= LOWEST + 1000) {
            return kernelPicked();
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        return kernelPicked();
    }

    /** {@code port}, or a free one when it is 0. */
    public static int orFree(int port) {
        return port != 0 ? port : free();
    }

    static int ephemeralStart() {
        try {
            // Read by line: procfs reports a size of 0, and a read sized by it comes back cut short.
            try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static int kernelPicked() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
