package dev.highlights.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of a registry that speaks Confluent's REST API (Confluent's own, or local-stack's).
 * Caches ids both ways, retries transient failures with exponential backoff and fails over
 * between the configured URLs.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvroSerdeConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private volatile int preferredUrl;

    public HttpSchemaRegistryClient(AvroSerdeConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        if (config.truststoreLocation().isPresent() || config.keystoreLocation().isPresent()) {
            builder.sslContext(sslContext(config));
        }
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo()
                .map(u -> "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "registering schema " + schema.getFullName() + " under subject '" + subject + "'");
        return remember(subject, schema, answer.get("id").asInt());
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema),
                "looking up schema " + schema.getFullName() + " under subject '" + subject + "'");
        return remember(subject, schema, answer.get("id").asInt());
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
                "fetching the latest schema of subject '" + subject + "'");
        int id = answer.get("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(answer.get("schema").asText(), "id " + i));
        return new RegisteredSchema(id, answer.get("version").asInt(), schema);
    }

    @Override
    public Schema schemaById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetching writer schema id " + id);
        Schema schema = parse(answer.get("schema").asText(), "id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private int remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("The registry returned an unparseable Avro schema for " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private JsonNode send(String method, String path, String body, String what) {
        SchemaRegistryException last = null;
        List<String> urls = config.registryUrls();
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                sleep(config.retryBackoff().toMillis() << (attempt - 1));
            }
            String base = urls.get(Math.floorMod(preferredUrl, urls.size()));
            try {
                return sendOnce(base, method, path, body, what);
            } catch (SchemaRegistryException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e;
                if (e.httpStatus() < 0) {
                    preferredUrl++; // unreachable: fail over to the next URL
                }
                LOG.warn("Schema registry {} failed while {} (attempt {} of {}): {}", base, what, attempt + 1,
                        config.maxRetries() + 1, e.getMessage());
            }
        }
        throw last;
    }

    private JsonNode sendOnce(String base, String method, String path, String body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry " + base + " unreachable while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while " + what, e);
        }
        JsonNode json = readJson(response.body());
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        int code = json != null && json.has("error_code") ? json.get("error_code").asInt() : response.statusCode();
        String message = json != null && json.has("message") ? json.get("message").asText() : response.body();
        throw new SchemaRegistryException("Schema registry error " + code + " while " + what + ": " + message,
                response.statusCode(), code);
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry", e);
        }
    }

    private static SSLContext sslContext(AvroSerdeConfig config) {
        try {
            TrustManagerFactory tmf = null;
            if (config.truststoreLocation().isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(config.truststoreLocation().get(), config.truststoreType(), config.truststorePassword()));
            }
            KeyManagerFactory kmf = null;
            if (config.keystoreLocation().isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] keyPassword = config.keyPassword().or(config::keystorePassword).map(String::toCharArray).orElse(null);
                kmf.init(load(config.keystoreLocation().get(), config.keystoreType(), config.keystorePassword()), keyPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Invalid schema registry TLS settings (" + AvroSerdeConfig.SSL_PREFIX
                    + "*): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.map(String::toCharArray).orElse(null));
        }
        return store;
    }
}
