package dev.highlights.fusion;

import dev.highlights.fusion.rules.FusionEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the topology, configured from {@code fusion.*} and {@code schema.registry.url}. */
@ApplicationScoped
public class FusionTopologyProducer {

    @Produces
    Topology topology(FusionServiceConfig config, @ConfigProperty(name = "schema.registry.url") String registryUrl) {
        return FusionTopology.build(new FusionEngine(config.toFusionConfig()),
                Map.of("schema.registry.url", registryUrl), config.tick());
    }
}
