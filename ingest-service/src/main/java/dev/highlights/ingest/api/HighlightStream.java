package dev.highlights.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.ingest.views.HighlightFold;
import dev.highlights.ingest.views.HighlightView;
import dev.highlights.ingest.views.VodHighlights;
import dev.highlights.ingest.views.VodView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One SSE connection on a VOD's highlights. Events:
 * <ul>
 *   <li>{@code highlight} (id {@code <highlightId>:<revision>}): a highlight, or a higher revision of one
 *       already sent; data is the highlight as JSON</li>
 *   <li>{@code progress}: the VOD's stages as {@code GET /api/vods/{id}} shows them (state, share done, time spent,
 *       estimate of what is left), first at connect time, then once a second while they change</li>
 *   <li>{@code summary}: the final ranked list (data like {@code GET .../highlights}); the stream then ends</li>
 * </ul>
 * First the highlights known at connect time, then changes as the views fold them. The listener is registered
 * before the snapshot is read, and revisions are tracked per connection, so nothing falls between the two and
 * nothing is sent twice.
 */
final class HighlightStream implements Consumer<HighlightFold.Update> {
    private static final Logger LOG = Logger.getLogger(HighlightStream.class);

    private final String vodId;
    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper mapper;
    private final Map<String, Integer> sent = new HashMap<>();
    private volatile AutoCloseable subscription;
    private boolean closed;
    private String lastProgress;

    HighlightStream(String vodId, SseEventSink sink, Sse sse, ObjectMapper mapper) {
        this.vodId = vodId;
        this.sink = sink;
        this.sse = sse;
        this.mapper = mapper;
    }

    void subscribed(AutoCloseable handle) {
        this.subscription = handle;
    }

    /** Sends what the view holds now; ends the stream when it is final. */
    synchronized void snapshot(VodHighlights current) {
        if (current == null) {
            return;
        }
        for (HighlightView h : current.list()) {
            sendHighlight(h);
        }
        if (current.isFinal()) {
            sendSummary(current.list(), current.ordering());
        }
    }

    @Override
    public synchronized void accept(HighlightFold.Update update) {
        if (update instanceof HighlightFold.HighlightUpdate h) {
            sendHighlight(h.highlight());
        } else if (update instanceof HighlightFold.SummaryUpdate s) {
            for (HighlightView h : s.ranked()) {
                sendHighlight(h);
            }
            sendSummary(s.ranked(), null);
        }
    }

    String vodId() {
        return vodId;
    }

    /** Sends the stages when they differ from the last ones sent. */
    synchronized void progress(Map<String, VodView.StageView> stages) {
        String data = json(stages);
        if (!closed && !data.equals(lastProgress)) {
            lastProgress = data;
            send(sse.newEventBuilder().name("progress").mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build());
        }
    }

    /** Keep-alive; closes the stream when the client has gone. */
    synchronized void ping() {
        if (!closed) {
            send(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    boolean isClosed() {
        return closed || sink.isClosed();
    }

    private void sendHighlight(HighlightView h) {
        Integer previous = sent.get(h.highlightId());
        if (closed || (previous != null && previous >= h.revision())) {
            return;
        }
        sent.put(h.highlightId(), h.revision());
        send(sse.newEventBuilder().name("highlight").id(h.highlightId() + ":" + h.revision())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(json(h)).build());
    }

    private void sendSummary(List<HighlightView> ranked, String ordering) {
        if (closed) {
            return;
        }
        VodView.HighlightsView view = new VodView.HighlightsView(vodId, true, ordering, ranked.size(), ranked);
        send(sse.newEventBuilder().name("summary").mediaType(MediaType.APPLICATION_JSON_TYPE).data(json(view)).build());
        close();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(OutboundSseEvent event) {
        if (sink.isClosed()) {
            close();
            return;
        }
        sink.send(event).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debugf("SSE client of %s went away: %s", vodId, error.toString());
                close();
            }
        });
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        AutoCloseable s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
