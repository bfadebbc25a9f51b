package dev.highlights.streams;

import dev.highlights.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client settings a Streams app's serdes and error handlers share: the {@code kafka-streams.*} pass-through
 * (registry credentials, TLS, SASL), the registry URL and, for handlers with clients of their own, the brokers.
 */
public final class StreamsClientSettings {
    private static final String PASS_THROUGH = "kafka-streams.";

    private StreamsClientSettings() {
    }

    /**
     * @param names     every configuration property name
     * @param lookup    a property's value
     * @param bootstrap the brokers, or null for serde settings only
     */
    public static Map<String, Object> of(Iterable<String> names, Function<String, Optional<String>> lookup,
                                         String registryUrl, String bootstrap) {
        Map<String, Object> settings = AvroSerdeConfig.forPassThrough(PASS_THROUGH, names, lookup, registryUrl);
        if (bootstrap != null) {
            settings.put("bootstrap.servers", bootstrap);
        }
        return settings;
    }
}
