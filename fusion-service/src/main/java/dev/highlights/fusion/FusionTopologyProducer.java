package dev.highlights.fusion;

import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.schemas.serde.AvroSerdeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the topology, configured from {@code fusion.*} and {@code schema.registry.url}. */
@ApplicationScoped
public class FusionTopologyProducer {

    @Produces
    Topology topology(FusionServiceConfig config, @ConfigProperty(name = "schema.registry.url") String registryUrl,
                      Config settings) {
        // Registry credentials and TLS come with the kafka-streams.* pass-through settings.
        Map<String, Object> serdeConfig = AvroSerdeConfig.withoutPrefix("kafka-streams.", settings.getPropertyNames(),
                name -> settings.getOptionalValue(name, String.class));
        serdeConfig.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return FusionTopology.build(new FusionEngine(config.toFusionConfig()),
                serdeConfig, config.tick());
    }
}
