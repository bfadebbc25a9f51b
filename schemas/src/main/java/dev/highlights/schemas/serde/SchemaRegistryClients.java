package dev.highlights.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one registry client per registry (URLs and credentials), so every serializer and
 * deserializer of a process shares the same id caches.
 */
public final class SchemaRegistryClients {
    static final String MOCK_SCHEME = "mock://";
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
        String first = config.registryUrls().get(0);
        if (first.startsWith(MOCK_SCHEME)) {
            return CLIENTS.computeIfAbsent(first, u -> new InMemorySchemaRegistryClient());
        }
        String key = String.join(",", config.registryUrls()) + "|" + config.basicAuthUserInfo().orElse("")
                + "|" + config.truststoreLocation().orElse("") + "|" + config.keystoreLocation().orElse("");
        return CLIENTS.computeIfAbsent(key, k -> new HttpSchemaRegistryClient(config));
    }

    /** Forgets a mock scope, so the next test starts with an empty in-memory registry. */
    public static void dropMockScope(String scope) {
        CLIENTS.remove(MOCK_SCHEME + scope);
    }
}
