package dev.highlights.ingest.views;

import dev.highlights.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus Kafka Streams the views topology. */
@ApplicationScoped
public class ViewsTopologyProducer {

    @Produces
    Topology topology(@ConfigProperty(name = "schema.registry.url") String registryUrl, IngestConfig config,
                      HighlightBroadcaster broadcaster) {
        return ViewsTopology.build(Map.of("schema.registry.url", registryUrl), config.views().persistent(), broadcaster);
    }
}
