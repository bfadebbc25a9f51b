package dev.highlights.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.highlights.localstack.registry.LogEntry.SchemaVersion;
import dev.highlights.localstack.registry.Registry.SchemaRequest;
import dev.highlights.localstack.registry.Registry.VersionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Confluent's REST API over HTTP: routing, request and response JSON, and Confluent-shaped errors for
 * everything, unknown routes and wrong methods included.
 */
final class HttpApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_CONTENT_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final Registry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** An already-serialized answer (a schema's own text). */
    private record Raw(String text) {
    }

    @FunctionalInterface
    private interface Action {
        Object handle(Call call) throws IOException;
    }

    private record Route(String[] pattern, Map<String, Action> methods) {
    }

    /** One request: path parameters, query parameters and the body. */
    private final class Call {
        final HttpExchange exchange;
        final Map<String, String> params;
        final Map<String, String> query;

        Call(HttpExchange exchange, Map<String, String> params, Map<String, String> query) {
            this.exchange = exchange;
            this.params = params;
            this.query = query;
        }

        String subject() {
            return params.get("subject");
        }

        VersionId version() {
            return VersionId.parse(params.get("version"));
        }

        int id() {
            try {
                return Integer.parseInt(params.get("id"));
            } catch (NumberFormatException e) {
                throw notFound();
            }
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }

        JsonNode body() throws IOException {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && !contentType.isBlank()) {
                String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
                    throw RegistryException.http(415, "HTTP 415 Unsupported Media Type");
                }
            }
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (bytes.length > MAX_BODY_BYTES) {
                throw RegistryException.http(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (bytes.length == 0) {
                throw RegistryException.http(422, "Request body is missing");
            }
            JsonNode node;
            try {
                node = json.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw RegistryException.http(400, "Malformed JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw RegistryException.http(422, "Request body must be a JSON object");
            }
            return node;
        }

        SchemaRequest schemaRequest() throws IOException {
            JsonNode body = body();
            JsonNode schema = body.get("schema");
            if (schema != null && !schema.isNull() && !schema.isTextual()) {
                throw RegistryException.invalidSchema("Invalid schema: \"schema\" must be a string holding the schema");
            }
            JsonNode type = body.get("schemaType");
            if (type != null && !type.isNull() && !type.isTextual()) {
                throw RegistryException.invalidSchema("Invalid schema: \"schemaType\" must be a string");
            }
            List<SchemaReference> references = new ArrayList<>();
            JsonNode refs = body.get("references");
            if (refs != null && !refs.isNull()) {
                if (!refs.isArray()) {
                    throw RegistryException.invalidSchema("Invalid schema: \"references\" must be an array");
                }
                for (JsonNode r : refs) {
                    if (!r.path("name").isTextual() || !r.path("subject").isTextual() || !r.path("version").canConvertToInt()) {
                        throw RegistryException.invalidSchema(
                                "Invalid schema: a reference needs a string name, a string subject and an int version");
                    }
                    references.add(new SchemaReference(r.get("name").asText(), r.get("subject").asText(),
                            r.get("version").intValue()));
                }
            }
            return new SchemaRequest(schema == null || schema.isNull() ? null : schema.asText(),
                    type == null || type.isNull() ? null : type.asText(), references);
        }

        CompatibilityLevel compatibilityBody() throws IOException {
            JsonNode level = body().get("compatibility");
            return CompatibilityLevel.parse(level != null && level.isTextual() ? level.asText() : null)
                    .orElseThrow(RegistryException::invalidCompatibility);
        }
    }

    HttpApi(Registry registry) {
        this.registry = registry;

        route("", Map.of("GET", c -> Map.of()));

        route("subjects", Map.of("GET", c ->
                registry.subjects(c.flag("deleted"), c.flag("deletedOnly"), c.query.get("subjectPrefix"))));
        route("subjects/{subject}", Map.of(
                "POST", c -> versionJson(registry.lookup(c.subject(), c.schemaRequest(), c.flag("deleted"))),
                "DELETE", c -> registry.deleteSubject(c.subject(), c.flag("permanent"))));
        route("subjects/{subject}/versions", Map.of(
                "GET", c -> registry.versions(c.subject(), c.flag("deleted"), c.flag("deletedOnly")),
                "POST", c -> Map.of("id", registry.register(c.subject(), c.schemaRequest()))));
        route("subjects/{subject}/versions/{version}", Map.of(
                "GET", c -> versionJson(registry.version(c.subject(), c.version(), c.flag("deleted"))),
                "DELETE", c -> registry.deleteVersion(c.subject(), c.version(), c.flag("permanent"))));
        route("subjects/{subject}/versions/{version}/schema", Map.of("GET", c ->
                new Raw(registry.version(c.subject(), c.version(), c.flag("deleted")).schema())));
        route("subjects/{subject}/versions/{version}/referencedby", Map.of("GET", c ->
                registry.referencedBy(c.subject(), c.version())));

        route("schemas", Map.of("GET", c -> registry.allSchemas(c.flag("deleted"), c.flag("latestOnly"),
                c.query.get("subjectPrefix")).stream().map(HttpApi::versionJson).toList()));
        route("schemas/types", Map.of("GET", c -> List.of(LogEntry.AVRO)));
        route("schemas/ids/{id}", Map.of("GET", c -> schemaJson(registry.schemaById(c.id()))));
        route("schemas/ids/{id}/schema", Map.of("GET", c -> new Raw(registry.schemaById(c.id()).schema())));
        route("schemas/ids/{id}/versions", Map.of("GET", c -> registry.usagesOf(c.id(), c.flag("deleted")).stream()
                .map(v -> Map.of("subject", v.subject(), "version", v.version())).toList()));
        route("schemas/ids/{id}/subjects", Map.of("GET", c -> registry.usagesOf(c.id(), c.flag("deleted")).stream()
                .map(SchemaVersion::subject).distinct().toList()));

        route("config", Map.of(
                "GET", c -> Map.of("compatibilityLevel", registry.globalLevel().name()),
                "PUT", c -> Map.of("compatibility", registry.setGlobalLevel(c.compatibilityBody()).name()),
                "DELETE", c -> Map.of("compatibilityLevel", registry.deleteGlobalLevel().name())));
        route("config/{subject}", Map.of(
                "GET", c -> Map.of("compatibilityLevel",
                        registry.subjectLevel(c.subject(), c.flag("defaultToGlobal")).name()),
                "PUT", c -> Map.of("compatibility",
                        registry.setSubjectLevel(c.subject(), c.compatibilityBody()).name()),
                "DELETE", c -> Map.of("compatibilityLevel", registry.deleteSubjectLevel(c.subject()).name())));

        // Modes (IMPORT, READONLY) are not supported: the registry is always read-write.
        route("mode", Map.of("GET", c -> Map.of("mode", "READWRITE")));
        route("mode/{subject}", Map.of("GET", c -> Map.of("mode", "READWRITE")));

        route("compatibility/subjects/{subject}/versions", Map.of("POST", c ->
                compatibilityJson(registry.testCompatibility(c.subject(), null, c.schemaRequest()), c.flag("verbose"))));
        route("compatibility/subjects/{subject}/versions/{version}", Map.of("POST", c ->
                compatibilityJson(registry.testCompatibility(c.subject(), c.version(), c.schemaRequest()),
                        c.flag("verbose"))));
    }

    private void route(String pattern, Map<String, Action> methods) {
        routes.add(new Route(pattern.isEmpty() ? new String[0] : pattern.split("/"), methods));
    }

    /** Requests being handled right now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            int status = 200;
            Object answer;
            try {
                answer = dispatch(exchange);
            } catch (RegistryException e) {
                status = e.status;
                answer = errorJson(e.errorCode, e.getMessage());
                if (status >= 500) {
                    LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage(),
                            e.getCause());
                }
            } catch (Exception | StackOverflowError e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                answer = errorJson(500, "Internal Server Error: " + e);
            }
            byte[] body = answer instanceof Raw raw ? raw.text().getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private Object dispatch(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>(List.of(rawPath == null ? new String[0] : rawPath.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // tolerate one trailing slash
        }
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.pattern(), segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            Action action = route.methods().get(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
            if (action != null) {
                return action.handle(new Call(exchange, params, query(exchange.getRequestURI().getRawQuery())));
            }
        }
        throw pathMatched ? RegistryException.http(405, "HTTP 405 Method Not Allowed") : notFound();
    }

    private static Map<String, String> match(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String segment = segments.get(i);
            if (pattern[i].startsWith("{")) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(pattern[i].substring(1, pattern[i].length() - 1), decodePathSegment(segment));
            } else if (!pattern[i].equals(segment)) {
                return null;
            }
        }
        return params;
    }

    /** Percent-decoding for a path segment: unlike a query, '+' is a plus, not a space. */
    private static String decodePathSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.http(400, "Malformed percent-encoding in path segment '" + raw + "'");
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(name, value);
            } catch (IllegalArgumentException e) {
                throw RegistryException.http(400, "Malformed query parameter '" + pair + "'");
            }
        }
        return query;
    }

    private static RegistryException notFound() {
        return RegistryException.http(404, "HTTP 404 Not Found");
    }

    private static Map<String, Object> errorJson(int errorCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_code", errorCode);
        error.put("message", message);
        return error;
    }

    private static Map<String, Object> versionJson(SchemaVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", v.subject());
        out.put("version", v.version());
        out.put("id", v.id());
        addTypeAndReferences(out, v);
        out.put("schema", v.schema());
        return out;
    }

    private static Map<String, Object> schemaJson(SchemaVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        addTypeAndReferences(out, v);
        out.put("schema", v.schema());
        return out;
    }

    /** Like Confluent: schemaType only when not AVRO, references only when there are some. */
    private static void addTypeAndReferences(Map<String, Object> out, SchemaVersion v) {
        if (!LogEntry.AVRO.equals(v.schemaType())) {
            out.put("schemaType", v.schemaType());
        }
        if (!v.references().isEmpty()) {
            out.put("references", v.references().stream().map(r -> {
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("name", r.name());
                ref.put("subject", r.subject());
                ref.put("version", r.version());
                return ref;
            }).toList());
        }
    }

    private static Map<String, Object> compatibilityJson(List<String> problems, boolean verbose) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("is_compatible", problems.isEmpty());
        if (verbose) {
            out.put("messages", problems);
        }
        return out;
    }
}
