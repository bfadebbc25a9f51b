package dev.highlights.ingest.views;

import dev.highlights.avro.Stage;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.streams.ThreadReplacingExceptionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus Kafka Streams the views topology. */
@ApplicationScoped
public class ViewsTopologyProducer {

    @Produces
    Topology topology(@ConfigProperty(name = "schema.registry.url") String registryUrl, IngestConfig config,
                      HighlightBroadcaster broadcaster) {
        return ViewsTopology.build(Map.of("schema.registry.url", registryUrl), config.views().persistent(),
                config.views().retention(), Clock.systemUTC(), broadcaster);
    }

    /** A views thread that dies is replaced and reported (Kafka's default would leave the views stale). */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler(
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrap,
            @ConfigProperty(name = "schema.registry.url") String registryUrl) {
        return ThreadReplacingExceptionHandler.forApp(Stage.INGEST, Map.of("bootstrap.servers", bootstrap,
                "schema.registry.url", registryUrl));
    }
}
