package dev.highlights.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.views.HighlightBroadcaster;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.ingest.views.VodViews;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open SSE highlight streams of this replica, with a keep-alive comment ({@code ingest.sse-keep-alive}) that also
 * drops dead ones, and each VOD's stage progress (the view's {@code stages}) once a second while it changes.
 */
@ApplicationScoped
public class HighlightStreams {
    @Inject
    HighlightBroadcaster broadcaster;

    @Inject
    ViewStores stores;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    IngestConfig config;

    @Inject
    VodViews views;

    private final Set<HighlightStream> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sse-keep-alive");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, config.sseKeepAlive().toMillis());
        timer.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::progress, 1, 1, TimeUnit.SECONDS);
        registry.gaugeCollectionSize("ingest.sse.streams", java.util.List.of(), open);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        open.forEach(HighlightStream::close);
    }

    /** Opens a stream: listener first, then the snapshot (see {@link HighlightStream}). */
    void open(String vodId, SseEventSink sink, Sse sse) {
        HighlightStream stream = new HighlightStream(vodId, sink, sse, mapper);
        stream.subscribed(broadcaster.subscribe(vodId, stream));
        open.add(stream);
        try {
            stream.snapshot(stores.highlights(vodId).orElse(null));
            stream.progress(views.view(vodId).stages());
        } catch (RuntimeException e) {
            stream.close();
            open.remove(stream);
            throw e;
        }
        if (stream.isClosed()) {
            open.remove(stream);
        }
    }

    /** Sends each open stream its VOD's stages when they changed; a view that cannot be read now is skipped. */
    private void progress() {
        for (HighlightStream s : open) {
            try {
                s.progress(views.view(s.vodId()).stages());
            } catch (RuntimeException e) {
                // the views are loading or the VOD left them: the next tick tries again
            }
        }
    }

    private void keepAlive() {
        for (HighlightStream s : open) {
            if (s.isClosed()) {
                s.close();
                open.remove(s);
            } else {
                s.ping();
            }
        }
    }
}
