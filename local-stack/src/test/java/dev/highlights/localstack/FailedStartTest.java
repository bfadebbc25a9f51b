package dev.highlights.localstack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack whose start fails stops what it had started: no broker JVM is left behind holding its port. */
class FailedStartTest {
    @TempDir
    Path data;

    @Test
    void aRegistryThatCannotStartTakesTheBrokerDownWithIt() throws Exception {
        int kafkaPort;
        try (ServerSocket free = new ServerSocket(0)) {
            kafkaPort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Config(data, kafkaPort, 0, taken.getLocalPort())))
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        // The broker was up (the registry starts after it); now its port is free again.
        assertThatCode(() -> new ServerSocket(kafkaPort, 50, InetAddress.getLoopbackAddress()).close())
                .doesNotThrowAnyException();
    }
}
