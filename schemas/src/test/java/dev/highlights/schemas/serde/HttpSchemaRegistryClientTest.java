package dev.highlights.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.highlights.avro.PipelineStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client behaviour that a real registry cannot easily be made to show: failures, retries, auth. */
class HttpSchemaRegistryClientTest {
    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/schemas/ids/401")) {
            reply(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        } else if (failuresLeft.getAndDecrement() > 0) {
            reply(exchange, 503, "{\"error_code\":50003,\"message\":\"unavailable\"}");
        } else if (path.startsWith("/subjects/missing")) {
            reply(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject 'missing' not found.\"}");
        } else if (path.endsWith("/versions")) {
            reply(exchange, 200, "{\"id\":42}");
        } else if (path.equals("/schemas/ids/42")) {
            String schema = PipelineStatus.getClassSchema().toString().replace("\\", "\\\\").replace("\"", "\\\"");
            reply(exchange, 200, "{\"schema\":\"" + schema + "\"}");
        } else {
            reply(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private HttpSchemaRegistryClient client(Map<String, Object> extra) {
        var configs = new java.util.HashMap<String, Object>(extra);
        configs.put("schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
        configs.put("schema.registry.retry.backoff.ms", "5");
        return new HttpSchemaRegistryClient(AvroSerdeConfig.from(configs));
    }

    @Test
    void retriesTransientFailuresThenCachesBothWays() {
        failuresLeft.set(2);
        HttpSchemaRegistryClient client = client(Map.of());
        assertThat(client.register("pipeline-status-value", PipelineStatus.getClassSchema())).isEqualTo(42);
        assertThat(client.register("pipeline-status-value", PipelineStatus.getClassSchema())).isEqualTo(42);
        assertThat(client.schemaById(42)).isEqualTo(PipelineStatus.getClassSchema());
        assertThat(requests).hasSize(3); // two 503s, one success; the rest came from the caches
    }

    @Test
    void givesUpAfterMaxRetriesWithTheRegistryError() {
        failuresLeft.set(100);
        assertThatThrownBy(() -> client(Map.of("schema.registry.max.retries", "2")).schemaById(7))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("50003").hasMessageContaining("id 7");
        assertThat(requests).hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetriedAndNameTheSubject() {
        assertThatThrownBy(() -> client(Map.of()).lookupId("missing", PipelineStatus.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("'missing'")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
        assertThat(requests).hasSize(1);
    }

    /** Wrong credentials are the deployment's fault, not the record's: read it again later, never skip it. */
    @Test
    void refusedCredentialsAreNotRetriedAtOnceButCountAsARegistryNotUsableNow() {
        assertThatThrownBy(() -> client(Map.of()).schemaById(401))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(SchemaRegistryException.registryUnavailable(
                        new RuntimeException("deserializing", e))).isTrue());
        assertThat(requests).hasSize(1);
        assertThat(SchemaRegistryException.registryUnavailable(new SchemaRegistryException("not found", 404, 40403)))
                .isFalse();
    }

    @Test
    void sendsBasicAuthFromUserInfo() {
        client(Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "svc:secret")).schemaById(42);
        assertThat(authorizations).containsExactly("Basic c3ZjOnNlY3JldA==");
    }

    @Test
    void unreachableRegistryIsReportedWithItsAddress() {
        var config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://127.0.0.1:1",
                "schema.registry.max.retries", "0"));
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(config).schemaById(1))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("127.0.0.1:1").hasMessageContaining("unreachable");
    }

    @Test
    void readsConfluentPropertyNames() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                "schema.registry.url", "https://u:p@reg-a:8081/, https://reg-b:8081",
                "basic.auth.credentials.source", "URL",
                "auto.register.schemas", "false",
                "specific.avro.reader", true));
        assertThat(config.registryUrls()).containsExactly("https://u:p@reg-a:8081", "https://reg-b:8081");
        assertThat(config.basicAuthUserInfo()).contains("u:p");
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.specificAvroReader()).isTrue();
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of())).hasMessageContaining("schema.registry.url");
    }
}
