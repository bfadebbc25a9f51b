package dev.highlights.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.Stage;
import dev.highlights.localstack.LocalStack;
import dev.highlights.media.LocationPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose credentials the brokers stop accepting while it runs (a password changed on the cluster before the
 * worker's Secret): the loop stays alive, reports itself unready with the reason, and is ready again on its own once
 * they are accepted. The local broker's SASL listener makes clients authenticate again every 10 s.
 */
class SegmentWorkerCredentialsTest {
    private static final String USER = "worker";

    @Test
    void refusedCredentialsLeaveTheLoopAliveAndUnreadyUntilTheBrokersAcceptThemAgain(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Config(dir, 0, 0, 0, null, USER + ":first-secret"))) {
            Map<String, Object> props = new HashMap<>(stack.saslClientProperties());
            props.put("bootstrap.servers", stack.saslBootstrapServers());
            props.put("group.id", "credentials-test");
            props.put("schema.registry.url", stack.schemaRegistryUrl());
            SegmentWorker<AudioScore> worker = new SegmentWorker<>(new SegmentWorkerTest.FakeAnalyzer(), props,
                    new SegmentWorkerConfig(1, 10, Duration.ofSeconds(5), 3,
                            new LocationPolicy(new LocationPolicy.Settings(List.of(dir), false, List.of()))),
                    new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                worker.start();
                await().atMost(Duration.ofSeconds(60)).until(worker::isConnected);

                setPassword(admin, "second-secret");
                await().atMost(Duration.ofSeconds(60)).until(() -> worker.authenticationFailure() != null);
                assertThat(worker.authenticationFailure()).contains("SaslAuthenticationException");
                assertThat(worker.isConnected()).isFalse();
                assertThat(worker.hasFailed()).isFalse();

                setPassword(admin, "first-secret");
                await().atMost(Duration.ofSeconds(60)).until(worker::isConnected);
                assertThat(worker.authenticationFailure()).isNull();
                assertThat(worker.hasFailed()).isFalse();
            } finally {
                worker.close();
            }
        }
    }

    private static void setPassword(Admin admin, String password) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password))).all().get();
    }
}
