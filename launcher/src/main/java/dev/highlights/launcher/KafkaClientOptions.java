package dev.highlights.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** The client options {@code push} and {@code tail} share (a picocli mixin): any broker, any registry. */
final class KafkaClientOptions {
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "the Kafka brokers (default: " + DEFAULT_BOOTSTRAP + ")")
    private String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "the schema registry (default: " + DEFAULT_REGISTRY + ")")
    private String schemaRegistry;

    @Option(names = "--config", paramLabel = "client.properties",
            description = "Kafka client and registry settings from a file (read first; repeatable)")
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "one more client or registry setting (repeatable; wins over the others)")
    private Map<String, String> properties = new LinkedHashMap<>();

    /**
     * The client settings: the defaults, then every {@code --config} file, then {@code --bootstrap-servers} and
     * {@code --schema-registry}, then every {@code --property}.
     */
    Map<String, Object> config() {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        c.put("schema.registry.url", DEFAULT_REGISTRY);
        for (Path file : configFiles) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UsageException("--config " + file + ": cannot read it (" + e.getMessage() + ")");
            }
            p.stringPropertyNames().forEach(k -> c.put(k, p.getProperty(k)));
        }
        if (bootstrapServers != null) {
            c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (schemaRegistry != null) {
            c.put("schema.registry.url", schemaRegistry);
        }
        properties.forEach((key, value) -> {
            if (key.isBlank()) {
                throw new UsageException("--property takes key=value, not =" + value);
            }
            c.put(key.trim(), value.trim());
        });
        return c;
    }
}
