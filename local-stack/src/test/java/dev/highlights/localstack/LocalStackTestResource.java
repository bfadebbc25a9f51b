package dev.highlights.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus tests: {@code @QuarkusTestResource(LocalStackTestResource.class)} points the Kafka
 * connectors, Kafka Streams and the Avro serde at the JVM-wide {@link LocalStack}. Dev Services
 * stay off: there is no Docker engine to run them.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.shared();
        return Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers(),
                "schema.registry.url", stack.schemaRegistryUrl(),
                "mp.messaging.connector.smallrye-kafka.schema.registry.url", stack.schemaRegistryUrl(),
                "kafka.schema.registry.url", stack.schemaRegistryUrl(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The stack is shared by every test class of the JVM; it stops when the JVM exits.
    }
}
