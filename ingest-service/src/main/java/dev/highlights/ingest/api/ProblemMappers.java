package dev.highlights.ingest.api;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as {@code application/problem+json}. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response ingest(IngestException e, UriInfo uri) {
        if (e.kind().status() >= 500) {
            LOG.warnf("%s %s: %s", e.kind(), path(uri), e.getMessage());
        }
        return Problem.of(e, path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemKind kind = ProblemKind.forStatus(status);
        String detail = switch (status) {
            case 404 -> "nothing at " + path(uri) + "; the API is under /api/vods (see /q/openapi)";
            case 405 -> "method not allowed on " + path(uri) + " (see /q/openapi)";
            case 415 -> "unsupported Content-Type; send application/json"
                    + (path(uri).endsWith("/chat") ? " (a JSON array) or application/x-ndjson" : "");
            case 406 -> "cannot answer in the requested media type; accept application/json";
            default -> e.getMessage();
        };
        Response.ResponseBuilder b = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(kind.type(), kind.title(), status, detail, path(uri), kind.errorCode()));
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            b.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", path(uri));
        return Problem.of(ProblemKind.INTERNAL, "unexpected error (" + e.getClass().getSimpleName()
                + "); see the service log", path(uri), ProblemKind.INTERNAL.errorCode()).toResponse();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
