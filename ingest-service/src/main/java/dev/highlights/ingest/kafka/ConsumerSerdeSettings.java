package dev.highlights.ingest.kafka;

import dev.highlights.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * What the Avro readers of ingest's Kafka channels (the front door, the chat imports) are configured with: the
 * registry URL and the {@code kafka.*} pass-through that the channels' consumers get too, so registry credentials
 * ({@code basic.auth.*}) and TLS ({@code schema.registry.ssl.*}) reach them. The channels read raw bytes; without
 * these, a registry that asks for credentials would refuse every schema lookup.
 */
final class ConsumerSerdeSettings {
    private static final String PASS_THROUGH = "kafka.";

    private ConsumerSerdeSettings() {
    }

    static Map<String, Object> of(Config config, String registryUrl) {
        return AvroSerdeConfig.forPassThrough(PASS_THROUGH, config.getPropertyNames(),
                name -> config.getOptionalValue(name, String.class), registryUrl);
    }
}
