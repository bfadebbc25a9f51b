package dev.highlights.ingest.views;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Hands highlight changes from the global store processor to live listeners (the SSE streams) of the same
 * replica. Every replica folds the whole highlights topic, so a client gets every change whichever replica it
 * is connected to.
 */
@ApplicationScoped
public class HighlightBroadcaster implements Consumer<HighlightFold.Update> {
    private static final Logger LOG = Logger.getLogger(HighlightBroadcaster.class);

    private final Map<String, List<Consumer<HighlightFold.Update>>> listeners = new ConcurrentHashMap<>();

    /** Registers a listener for one VOD; closing the handle removes it. */
    public AutoCloseable subscribe(String vodId, Consumer<HighlightFold.Update> listener) {
        listeners.computeIfAbsent(vodId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> unsubscribe(vodId, listener);
    }

    private void unsubscribe(String vodId, Consumer<HighlightFold.Update> listener) {
        listeners.computeIfPresent(vodId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void accept(HighlightFold.Update update) {
        List<Consumer<HighlightFold.Update>> list = listeners.get(update.vodId());
        if (list == null) {
            return;
        }
        for (Consumer<HighlightFold.Update> l : list) {
            try {
                l.accept(update);
            } catch (RuntimeException e) {
                LOG.debugf("Dropping a highlight listener of %s: %s", update.vodId(), e.toString());
                unsubscribe(update.vodId(), l);
            }
        }
    }

    /** Listeners currently registered (for tests and metrics). */
    public int listenerCount() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }
}
