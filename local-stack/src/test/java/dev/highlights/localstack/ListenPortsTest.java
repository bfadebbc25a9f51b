package dev.highlights.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListenPortsTest {
    @Test
    void picksABindablePortBelowTheKernelsEphemeralRange() throws Exception {
        int ephemeralStart = ListenPorts.ephemeralStart();
        assertThat(ephemeralStart).isGreaterThan(21_000);
        for (int i = 0; i < 20; i++) {
            int port = ListenPorts.free();
            assertThat(port).isBetween(20_000, ephemeralStart - 1);
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void keepsAGivenPort() {
        assertThat(ListenPorts.orFree(9092)).isEqualTo(9092);
    }
}
