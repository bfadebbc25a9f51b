package dev.highlights.schemas.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serde and registry-client settings, under Confluent's client property names so that the same
 * properties work with Confluent's serializers and with ours.
 */
public record AvroSerdeConfig(
        List<String> registryUrls,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        Optional<String> specificKeyType,
        Optional<String> specificValueType,
        Optional<String> basicAuthUserInfo,
        Optional<String> truststoreLocation,
        Optional<String> truststorePassword,
        String truststoreType,
        Optional<String> keystoreLocation,
        Optional<String> keystorePassword,
        Optional<String> keyPassword,
        String keystoreType,
        int maxRetries,
        Duration retryBackoff,
        Duration requestTimeout) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Older alias of {@link #BASIC_AUTH_USER_INFO} that Confluent still accepts. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    /**
     * The serde settings of a service's clients: its pass-through settings under {@code prefix}, without it (e.g.
     * Quarkus's {@code kafka-streams.*}, holding {@code basic.auth.user.info} and {@code schema.registry.ssl.*}, which
     * the Kafka clients would not otherwise pass on to the serdes), and the registry URL unless the pass-through names
     * one.
     */
    public static Map<String, Object> forPassThrough(String prefix, Iterable<String> names,
                                                     Function<String, Optional<String>> lookup, String registryUrl) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : names) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                lookup.apply(name).ifPresent(value -> settings.put(name.substring(prefix.length()), value));
            }
        }
        settings.putIfAbsent(SCHEMA_REGISTRY_URL, registryUrl);
        return settings;
    }

    /** Reads the settings from Kafka client configs (the map given to {@code configure}). */
    public static AvroSerdeConfig from(Map<String, ?> configs) {
        String urls = string(configs, SCHEMA_REGISTRY_URL)
                .orElseThrow(() -> new IllegalArgumentException("Missing required configuration '" + SCHEMA_REGISTRY_URL
                        + "' (the schema registry, e.g. http://localhost:8081)"));
        List<String> registryUrls = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        return new AvroSerdeConfig(
                registryUrls,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, false),
                string(configs, SPECIFIC_AVRO_KEY_TYPE),
                string(configs, SPECIFIC_AVRO_VALUE_TYPE),
                userInfo(configs, urls),
                string(configs, SSL_PREFIX + "truststore.location"),
                string(configs, SSL_PREFIX + "truststore.password"),
                string(configs, SSL_PREFIX + "truststore.type").orElse("JKS"),
                string(configs, SSL_PREFIX + "keystore.location"),
                string(configs, SSL_PREFIX + "keystore.password"),
                string(configs, SSL_PREFIX + "key.password"),
                string(configs, SSL_PREFIX + "keystore.type").orElse("JKS"),
                (int) number(configs, MAX_RETRIES, 3),
                Duration.ofMillis(number(configs, RETRY_BACKOFF_MS, 100)),
                Duration.ofMillis(number(configs, REQUEST_TIMEOUT_MS, 30_000)));
    }

    /** Basic-auth credentials as "user:password": from the user-info settings, or from the URL when the source says URL. */
    private static Optional<String> userInfo(Map<String, ?> configs, String urls) {
        String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE).orElse("").toUpperCase();
        return switch (source) {
            case "", "USER_INFO" -> string(configs, BASIC_AUTH_USER_INFO).or(() -> string(configs, SCHEMA_REGISTRY_USER_INFO));
            case "URL" -> {
                String first = urls.split(",")[0].trim();
                int at = first.indexOf('@');
                int scheme = first.indexOf("://");
                yield at > 0 && scheme > 0 ? Optional.of(first.substring(scheme + 3, at)) : Optional.empty();
            }
            default -> throw new IllegalArgumentException("Unsupported " + BASIC_AUTH_CREDENTIALS_SOURCE + " '" + source
                    + "': use USER_INFO or URL");
        };
    }

    private static Optional<String> string(Map<String, ?> configs, String key) {
        Object v = configs.get(key);
        if (v == null) {
            return Optional.empty();
        }
        String s = v instanceof org.apache.kafka.common.config.types.Password p ? p.value() : v.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        return string(configs, key).map(Boolean::parseBoolean).orElse(fallback);
    }

    private static long number(Map<String, ?> configs, String key, long fallback) {
        return string(configs, key).map(Long::parseLong).orElse(fallback);
    }
}
