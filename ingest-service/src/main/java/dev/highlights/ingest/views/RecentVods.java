package dev.highlights.ingest.views;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VODs this replica registered in the last minutes. The global vods store catches up within moments of a
 * registration; until it has, this keeps a client's GET right after its POST (and a repeated POST) consistent
 * on the replica that served it.
 */
@ApplicationScoped
public class RecentVods {
    static final Duration TTL = Duration.ofMinutes(10);

    private record Entry(VodInfo vod, long atNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();

    /** This replica ended the live VOD (the views learn it from the status topic moments later). */
    public void markEnded(String vodId) {
        ended.put(vodId, System.nanoTime());
        if (ended.size() > 10_000) {
            long now = System.nanoTime();
            ended.values().removeIf(at -> now - at > TTL.toNanos());
        }
    }

    public boolean endedHere(String vodId) {
        return ended.containsKey(vodId);
    }

    public void put(VodInfo vod) {
        entries.put(vod.vodId(), new Entry(vod, System.nanoTime()));
        if (entries.size() > 10_000) {
            expire();
        }
    }

    public Optional<VodInfo> get(String vodId) {
        Entry e = entries.get(vodId);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.atNanos() > TTL.toNanos()) {
            entries.remove(vodId, e);
            return Optional.empty();
        }
        return Optional.of(e.vod());
    }

    private void expire() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.atNanos() > TTL.toNanos());
    }
}
