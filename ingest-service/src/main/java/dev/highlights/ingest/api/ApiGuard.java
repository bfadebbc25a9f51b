package dev.highlights.ingest.api;

import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.problem.ProblemKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Runs before any {@code /api/*} resource: the optional API key ({@code ingest.api-key}, header
 * {@code ingest.api-key-header}, compared in constant time; 401 problem when missing or wrong), then an early
 * 413 for a declared Content-Length over the endpoint's limit (bodies without a length are counted while read).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiGuard implements ContainerRequestFilter {

    /** Looked up per request: filters are created before the runtime configuration exists. */
    @Inject
    jakarta.inject.Provider<IngestConfig> configs;

    @Override
    public void filter(ContainerRequestContext ctx) {
        IngestConfig config = configs.get();
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return;
        }
        if (config.apiKey().isPresent() && !config.apiKey().get().isEmpty()) {
            String given = ctx.getHeaderString(config.apiKeyHeader());
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    config.apiKey().get().getBytes(StandardCharsets.UTF_8))) {
                ctx.abortWith(Problem.of(ProblemKind.UNAUTHORIZED, (given == null ? "no API key given" : "the API key is wrong")
                        + "; send it in the " + config.apiKeyHeader() + " header", path, "UNAUTHORIZED").toResponse());
                return;
            }
        }
        long limit = VodResource.bodyLimit(config, path);
        String length = ctx.getHeaderString("Content-Length");
        if (limit > 0 && length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    ctx.abortWith(VodResource.tooLarge(path, limit).toResponse());
                }
            } catch (NumberFormatException ignored) {
                // Vert.x refuses a malformed Content-Length itself
            }
        }
    }
}
