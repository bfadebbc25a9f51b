package dev.highlights.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 7807 problem body ({@code application/problem+json}), plus our machine-readable {@code errorCode}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(String type, String title, int status, String detail, String instance, String errorCode) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemKind kind, String detail, String instance, String errorCode) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance, errorCode);
    }

    public static Problem of(IngestException e, String instance) {
        return of(e.kind(), e.getMessage(), instance, e.errorCode());
    }

    public Response toResponse() {
        Response.ResponseBuilder b = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 401) {
            b.header("WWW-Authenticate", "ApiKey");
        }
        if (status == 503) {
            b.header("Retry-After", "5");
        }
        return b.build();
    }
}
