package dev.highlights.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.localstack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Test support: a registry of one's own on the shared broker, and a small HTTP client for it. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** An HTTP answer; {@code json} is null when the body is not JSON. */
    record Reply(int status, String contentType, String body, JsonNode json) {
        int errorCode() {
            return json.path("error_code").asInt(-1);
        }

        String message() {
            return json.path("message").asText();
        }
    }

    private final String baseUrl;

    RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Starts a registry on a free port, on a topic of its own, on the shared local broker. */
    static SchemaRegistryServer startServer() {
        return startServer(newTopic());
    }

    static SchemaRegistryServer startServer(String topic) {
        SchemaRegistryServer server = new SchemaRegistryServer(new SchemaRegistryServer.Config(
                "127.0.0.1", 0, LocalStack.shared().bootstrapServers(), topic));
        server.start();
        return server;
    }

    static String newTopic() {
        return "_schemas-" + UUID.randomUUID();
    }

    static String bootstrapServers() {
        return LocalStack.shared().bootstrapServers();
    }

    /** A subject name unique to one test. */
    static String subject(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

    /** The body of a register / lookup / compatibility request. */
    static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    static ObjectNode schemaNode(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body, V1_JSON);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body, V1_JSON);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Registers and returns the id, failing the test on anything but 200. */
    int register(String subject, String schema) {
        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (reply.status() != 200) {
            throw new AssertionError("register " + subject + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("id").asInt();
    }

    Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
