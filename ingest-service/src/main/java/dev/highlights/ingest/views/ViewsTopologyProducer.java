package dev.highlights.ingest.views;

import dev.highlights.avro.Stage;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.streams.StreamsClientSettings;
import dev.highlights.streams.ThreadReplacingExceptionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands Quarkus Kafka Streams the views topology. Its serdes and handler take the {@code kafka-streams.*}
 * pass-through (registry credentials, TLS) as chat's and fusion's do: with the URL alone, a registry that asks for
 * credentials would refuse every schema lookup and the views would stay empty.
 */
@ApplicationScoped
public class ViewsTopologyProducer {

    @Produces
    Topology topology(@ConfigProperty(name = "schema.registry.url") String registryUrl, IngestConfig config,
                      HighlightBroadcaster broadcaster, Config settings) {
        return ViewsTopology.build(StreamsClientSettings.of(settings.getPropertyNames(),
                        name -> settings.getOptionalValue(name, String.class), registryUrl, null),
                config.views().persistent(), config.views().retention(), Clock.systemUTC(), broadcaster);
    }

    /** A views thread that dies is replaced and reported (Kafka's default would leave the views stale). */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler(
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrap,
            @ConfigProperty(name = "schema.registry.url") String registryUrl, Config settings) {
        return ThreadReplacingExceptionHandler.forApp(Stage.INGEST, StreamsClientSettings.of(settings.getPropertyNames(),
                name -> settings.getOptionalValue(name, String.class), registryUrl, bootstrap));
    }
}
