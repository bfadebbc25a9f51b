package dev.highlights.chat;

import dev.highlights.schemas.serde.AvroSerdeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the topology, configured from {@code chat.*} and {@code schema.registry.url}. */
@ApplicationScoped
public class ChatTopologyProducer {

    @Produces
    Topology topology(ChatServiceConfig config, @ConfigProperty(name = "schema.registry.url") String registryUrl,
                      Config settings) {
        // Registry credentials and TLS come with the kafka-streams.* pass-through settings.
        Map<String, Object> serdeConfig = AvroSerdeConfig.withoutPrefix("kafka-streams.", settings.getPropertyNames(),
                name -> settings.getOptionalValue(name, String.class));
        serdeConfig.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return ChatTopology.build(config.featureEngine(), serdeConfig, config.endedRetention(), config.featuresEmitInterval(),
                config.featuresMaxRun());
    }
}
