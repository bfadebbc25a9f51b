package dev.highlights.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.core.LiveChatService;
import dev.highlights.ingest.core.VodRegistrar;
import dev.highlights.ingest.core.VodRequest;
import dev.highlights.ingest.media.LimitedInputStream;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.VodView;
import dev.highlights.ingest.views.VodViews;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST front door. It only reads bodies and writes answers: registrations go to {@link VodRegistrar}, live
 * chat to {@link LiveChatService}, views come from {@link VodViews}, errors become problems
 * ({@link ProblemMappers}).
 */
@Path("/api/vods")
@Tag(name = "VODs", description = "Register VODs and live streams, push live chat, follow status and highlights")
public class VodResource {
    public static final String NDJSON = "application/x-ndjson";
    static final String JSONL = "application/jsonl";

    @Inject
    VodRegistrar registrar;

    @Inject
    LiveChatService liveChat;

    @Inject
    VodViews views;

    @Inject
    HighlightStreams streams;

    @Inject
    ObjectMapper mapper;

    @Inject
    IngestConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a VOD or live stream",
            description = "Probes the media, publishes VodRegistered, the media-segment work items and status events, "
                    + "and starts the chat import. Idempotent: the same request again answers 202 with nothing redone; "
                    + "the same id with different fields is a 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VodRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted; Location is the VOD",
            content = @Content(schema = @Schema(implementation = VodView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown chat format name or URI scheme",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "API key missing or wrong")
    @APIResponse(responseCode = "403", description = "Location outside the media roots, '..', symlink escape, host not allowed")
    @APIResponse(responseCode = "409", description = "Same id, different request")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON, or a chat file whose format cannot be detected")
    @APIResponse(responseCode = "422", description = "Media or chat cannot be read (missing, corrupt, no streams, too large)")
    public Response register(InputStream body) {
        byte[] bytes = read(body, config.limits().maxRequestSize().asLongValue(), "/api/vods");
        VodRequest request;
        try {
            request = mapper.readValue(bytes, VodRequest.class);
        } catch (JsonProcessingException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "REQUEST_NOT_JSON",
                    "the body is not a JSON object describing the VOD: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "cannot read the body: " + e.getMessage());
        }
        VodRegistrar.Outcome outcome = registrar.register(request, false);
        String id = outcome.vod().vodId();
        return Response.accepted(views.viewOf(outcome.vod())).location(URI.create("/api/vods/" + id))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A VOD: registration, status per stage, highlights so far")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VodView.class)))
    @APIResponse(responseCode = "404", description = "Unknown VOD")
    public VodView get(@PathParam("id") String id) {
        return views.view(id);
    }

    @GET
    @Path("{id}/highlights")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Highlights of a VOD: latest revision each, ranked once the summary arrived")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VodView.HighlightsView.class)))
    @APIResponse(responseCode = "404", description = "Unknown VOD")
    public VodView.HighlightsView highlights(@PathParam("id") String id) {
        return views.highlights(id);
    }

    @GET
    @Path("{id}/highlights/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Highlights as server-sent events",
            description = "Events 'highlight' (a highlight or a higher revision; id <highlightId>:<revision>) and, at the "
                    + "end of the VOD, 'summary' (the ranked list), after which the stream ends.")
    @APIResponse(responseCode = "404", description = "Unknown VOD")
    public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        views.highlights(id); // 404 before the stream opens
        streams.open(id, sink, sse);
    }

    @POST
    @Path("{id}/chat")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, JSONL})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Push live chat messages",
            description = "A JSON array (or one object) or NDJSON of {id?, offsetSec | epochMs, author, text, emotes?, badges?, "
                    + "bits?, type?, replyParentId?}. All or nothing: one unusable message refuses the batch.")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = NDJSON)})
    @APIResponse(responseCode = "202", description = "Written to chat-messages")
    @APIResponse(responseCode = "400", description = "Unusable messages")
    @APIResponse(responseCode = "404", description = "Unknown VOD")
    @APIResponse(responseCode = "409", description = "Not a live VOD, or already ended")
    @APIResponse(responseCode = "413", description = "Too large or too many messages")
    @APIResponse(responseCode = "415", description = "Neither JSON nor NDJSON")
    public Response chat(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType, InputStream body) {
        String path = "/api/vods/" + id + "/chat";
        byte[] bytes = read(body, config.limits().maxChatBatchSize().asLongValue(), path);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<JsonNode> batch = type.startsWith(NDJSON) || type.startsWith(JSONL) ? ndjson(bytes) : jsonBatch(bytes);
        int max = config.limits().maxChatBatchMessages();
        if (batch.size() > max) {
            throw new IngestException(ProblemKind.PAYLOAD_TOO_LARGE, "CHAT_BATCH_TOO_LARGE", "the batch holds "
                    + batch.size() + " messages, more than " + max + " (ingest.limits.max-chat-batch-messages); split it");
        }
        LiveChatService.Accepted accepted = liveChat.push(id, batch);
        return Response.accepted(Map.of("vodId", accepted.vodId(), "accepted", accepted.messages(), "lastOffsetSec",
                accepted.lastOffsetSec())).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{id}/end")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "End a live VOD", description = "Writes the END_OF_CHAT marker and a COMPLETED status; "
            + "ending an ended VOD changes nothing.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = VodView.class)))
    @APIResponse(responseCode = "404", description = "Unknown VOD")
    @APIResponse(responseCode = "409", description = "Not a live VOD")
    public Response end(@PathParam("id") String id) {
        liveChat.end(id);
        VodView view = views.view(id);
        return Response.accepted(view).location(URI.create("/api/vods/" + id)).type(MediaType.APPLICATION_JSON).build();
    }

    private List<JsonNode> jsonBatch(byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "REQUEST_NOT_JSON", "the body is not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
                    + " (send a JSON array of messages, or NDJSON with Content-Type " + NDJSON + ")");
        }
        List<JsonNode> out = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            return out;
        }
        if (root.isArray()) {
            root.forEach(out::add);
        } else if (root.isObject()) {
            out.add(root);
        } else {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "the body must be a JSON array of message objects");
        }
        return out;
    }

    private List<JsonNode> ndjson(byte[] bytes) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(bytes)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IngestException(ProblemKind.INVALID_REQUEST, "REQUEST_NOT_JSON",
                    "line " + (out.size() + 1) + " of the NDJSON body is not valid JSON: " + why);
        }
        return out;
    }

    private static byte[] read(InputStream body, long limit, String path) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return LimitedInputStream.readAll(body, limit);
        } catch (LimitedInputStream.LimitExceededException e) {
            throw new IngestException(ProblemKind.PAYLOAD_TOO_LARGE, tooLarge(path, limit).detail());
        } catch (IOException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "cannot read the body: " + e.getMessage());
        }
    }

    /** The body limit of an endpoint (0: none of ours). */
    static long bodyLimit(IngestConfig config, String path) {
        if (path.equals("/api/vods") || path.equals("/api/vods/") || path.endsWith("/end")) {
            return config.limits().maxRequestSize().asLongValue();
        }
        if (path.startsWith("/api/vods/") && path.endsWith("/chat")) {
            return config.limits().maxChatBatchSize().asLongValue();
        }
        return 0;
    }

    static Problem tooLarge(String path, long limit) {
        String key = path.endsWith("/chat") ? "ingest.limits.max-chat-batch-size" : "ingest.limits.max-request-size";
        return Problem.of(ProblemKind.PAYLOAD_TOO_LARGE, "the body is larger than " + limit + " bytes (" + key
                + "); " + (path.endsWith("/chat") ? "split the batch" : "send a smaller request"), path,
                ProblemKind.PAYLOAD_TOO_LARGE.errorCode());
    }
}
