package dev.highlights.chat;

import dev.highlights.avro.Stage;
import dev.highlights.streams.StreamsClientSettings;
import dev.highlights.streams.ThreadReplacingExceptionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the topology, configured from {@code chat.*} and {@code schema.registry.url}. */
@ApplicationScoped
public class ChatTopologyProducer {

    @Produces
    Topology topology(ChatServiceConfig config, @ConfigProperty(name = "schema.registry.url") String registryUrl,
                      Config settings) {
        Map<String, Object> serdeConfig = StreamsClientSettings.of(settings.getPropertyNames(),
                name -> settings.getOptionalValue(name, String.class), registryUrl, null);
        return ChatTopology.build(config.featureEngine(), serdeConfig, config.stateIdleExpiry(), config.featuresEmitInterval(),
                config.featuresMaxRun());
    }

    /** A stream thread that dies is replaced and reported (Kafka's default would stop every VOD's chat features). */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler(
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrap,
            @ConfigProperty(name = "schema.registry.url") String registryUrl, Config settings) {
        return ThreadReplacingExceptionHandler.forApp(Stage.CHAT, StreamsClientSettings.of(settings.getPropertyNames(),
                name -> settings.getOptionalValue(name, String.class), registryUrl, bootstrap));
    }
}
