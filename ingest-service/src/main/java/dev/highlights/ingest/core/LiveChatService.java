package dev.highlights.ingest.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.highlights.avro.ChatMessage;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.chatimport.ChatMessages;
import dev.highlights.ingest.media.LiveMediaHook;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.RecentVods;
import dev.highlights.ingest.views.StageProgress;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.ingest.views.VodInfo;
import dev.highlights.ingest.views.VodLookup;
import dev.highlights.ingest.views.VodProgress;
import dev.highlights.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live chat of live VODs: batches of messages in, {@code ChatMessage} records out (deterministic ids), and the
 * end of the stream (END_OF_CHAT marker + status). Shared by every front door, like {@link VodRegistrar}.
 *
 * <p>A batch is all or nothing: if any message is unusable the whole batch is refused (400) naming it, and
 * nothing is written. Each accepted batch also writes a PROGRESS status event whose id is a hash of the batch's
 * message ids, so the views count a repeated batch once.
 */
@ApplicationScoped
public class LiveChatService {

    /** What a batch did. */
    public record Accepted(String vodId, int messages, double lastOffsetSec) {
    }

    @Inject
    VodLookup lookup;

    @Inject
    ViewStores stores;

    @Inject
    IngestPublisher publisher;

    @Inject
    LiveMediaHook liveHook;

    @Inject
    MeterRegistry registry;

    @Inject
    IngestConfig config;

    /** Live counters of this replica (max with the views' folded counts when the stream ends). */
    private final Map<String, LocalCount> local = new ConcurrentHashMap<>();
    private volatile long nextQuietCheckMs;

    /** Messages and last offset pushed through this replica; batches counted once (by batch id). */
    private static final class LocalCount {
        /** Message ids remembered per VOD for {@code dropRepeats} (the oldest are forgotten first). */
        static final int MAX_IDS = 100_000;
        final java.util.LinkedHashSet<String> batches = new java.util.LinkedHashSet<>();
        final java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        long messages;
        double lastOffsetSec;
        volatile long lastPushMs = System.currentTimeMillis();

        synchronized void add(String batchId, List<ChatMessage> written, double last) {
            if (batches.add(batchId)) {
                messages += written.size();
                if (batches.size() > 4096) {
                    batches.remove(batches.iterator().next());
                }
            }
            for (ChatMessage m : written) {
                if (ids.add(m.getMessageId()) && ids.size() > MAX_IDS) {
                    ids.remove(ids.iterator().next());
                }
            }
            lastOffsetSec = Math.max(lastOffsetSec, last);
        }

        /** The messages whose ids were not written yet (nor earlier in the same batch). */
        synchronized List<ChatMessage> unseen(List<ChatMessage> batch) {
            java.util.Set<String> inBatch = new java.util.HashSet<>();
            List<ChatMessage> out = new ArrayList<>(batch.size());
            for (ChatMessage m : batch) {
                if (!ids.contains(m.getMessageId()) && inBatch.add(m.getMessageId())) {
                    out.add(m);
                }
            }
            return out;
        }

        synchronized double lastOffset() {
            return lastOffsetSec;
        }
    }
    @Inject
    RecentVods recent;

    public Accepted push(String vodId, List<JsonNode> batch) {
        return push(vodId, batch, false);
    }

    /**
     * Checks and writes a batch of live messages.
     *
     * @param dropRepeats leave out messages whose id this replica already wrote for the VOD (front doors that
     *                    redeliver, such as a Kafka topic); a batch left empty writes nothing
     */
    public Accepted push(String vodId, List<JsonNode> batch, boolean dropRepeats) {
        VodInfo vod = requireOpen(vodId);
        if (batch.isEmpty()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "the batch holds no messages");
        }
        List<ChatMessage> messages = new ArrayList<>(batch.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                messages.add(LiveChatMessages.toRecord(vodId, vod.streamStartEpochMs(), batch.get(i), i));
            } catch (IllegalArgumentException e) {
                if (problems.size() < 10) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (messages.size() < batch.size()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID",
                    (batch.size() - messages.size()) + " of " + batch.size()
                            + " messages are not usable, so none was accepted: " + String.join("; ", problems));
        }
        return write(vod, messages, dropRepeats);
    }

    /**
     * Writes live messages read from the channel's chat (already normalized), as {@link #push} writes pushed ones.
     *
     * @throws IngestException VOD_ENDED once the live VOD has ended; a batch with a message later than the stream can
     *                         have reached is refused whole (a 400 kind)
     */
    public Accepted pushMessages(String vodId, List<ChatMessage> messages) {
        return write(requireOpen(vodId), messages, true);
    }

    private VodInfo requireOpen(String vodId) {
        VodInfo vod = requireLive(vodId);
        if (isEnded(vod)) {
            throw new IngestException(ProblemKind.VOD_STATE_CONFLICT, "VOD_ENDED",
                    "live VOD '" + vodId + "' has ended (POST .../end); it takes no more chat");
        }
        return vod;
    }

    private Accepted write(VodInfo vod, List<ChatMessage> messages, boolean dropRepeats) {
        String vodId = vod.vodId();
        double latest = latestOffsetSec(vod);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < messages.size() && problems.size() < 10; i++) {
            ChatMessage m = messages.get(i);
            if (m.getOffsetSec() > latest) {
                problems.add("message " + i + " is at " + m.getOffsetSec() + " s, later than the stream can have "
                        + "reached (" + Math.round(latest) + " s" + (vod.streamStartEpochMs() == null
                        ? ", ingest.limits.max-live-duration, as the VOD has no streamStartEpochMs"
                        : " since its streamStartEpochMs, with ingest.limits.live-offset-slack") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID", "some of the "
                    + messages.size() + " messages are not usable, so none was accepted: " + String.join("; ", problems));
        }
        if (messages.isEmpty()) {
            return new Accepted(vodId, 0, 0);
        }
        forgetQuietStreams();
        LocalCount counted = local.computeIfAbsent(vodId, k -> new LocalCount());
        counted.lastPushMs = System.currentTimeMillis();
        if (dropRepeats) {
            int before = messages.size();
            messages = counted.unseen(messages);
            if (messages.size() < before) {
                registry.counter("ingest.chat.live.repeated").increment(before - messages.size());
            }
            if (messages.isEmpty()) {
                return new Accepted(vodId, 0, counted.lastOffset());
            }
        }
        double last = 0;
        List<IngestPublisher.Out> out = new ArrayList<>(messages.size() + 1);
        for (ChatMessage m : messages) {
            last = Math.max(last, m.getOffsetSec());
            out.add(new IngestPublisher.Out(Topics.CHAT_MESSAGES, vodId, m));
        }
        String batchId = batchId(messages);
        out.add(new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId, IngestStatus.liveChat(vodId,
                batchId, messages.size(), (long) Math.floor(last), System.currentTimeMillis())));
        publisher.publish(out);
        counted.add(batchId, messages, last);
        registry.counter("ingest.chat.live.messages").increment(messages.size());
        return new Accepted(vodId, messages.size(), last);
    }

    /**
     * Forgets the counts of live VODs that took no message for {@code ingest.limits.max-live-duration}: a stream never
     * ended must not hold its message ids forever. Their end marker then counts what the views folded.
     */
    private void forgetQuietStreams() {
        long now = System.currentTimeMillis();
        if (now < nextQuietCheckMs) {
            return;
        }
        nextQuietCheckMs = now + 60_000;
        long quietSince = now - config.limits().maxLiveDuration().toMillis();
        local.values().removeIf(c -> c.lastPushMs < quietSince);
    }

    /** The latest offset a message of this live VOD can have now. */
    private double latestOffsetSec(VodInfo vod) {
        if (vod.streamStartEpochMs() == null) {
            return config.limits().maxLiveDuration().toMillis() / 1000.0;
        }
        return (System.currentTimeMillis() - vod.streamStartEpochMs() + config.limits().liveOffsetSlack().toMillis()) / 1000.0;
    }

    /**
     * Ends a live VOD: the END_OF_CHAT marker (last whole second and count of the live chat as far as the views
     * and this replica know them) and a COMPLETED status for INGEST. Ending an ended VOD changes nothing.
     *
     * @return true when this call ended it
     */
    public boolean end(String vodId) {
        VodInfo vod = requireLive(vodId);
        if (isEnded(vod)) {
            return false;
        }
        long count = 0;
        double last = 0;
        Optional<VodProgress> progress = stores.progress(vodId);
        if (progress.isPresent()) {
            StageProgress ingest = progress.get().stage("INGEST");
            count = ingest.progressCount();
            last = ingest.lastSecond() == null ? 0 : ingest.lastSecond();
        }
        LocalCount counted = local.get(vodId);
        if (counted != null) {
            synchronized (counted) {
                count = Math.max(count, counted.messages);
                last = Math.max(last, counted.lastOffsetSec);
            }
        }
        // Whole seconds, so any replica (whose views know only whole seconds) writes the same marker.
        last = Math.floor(last);
        long now = System.currentTimeMillis();
        publisher.publish(List.of(
                new IngestPublisher.Out(Topics.CHAT_MESSAGES, vodId,
                        ChatMessages.endOfChat(vodId, last, count, LiveChatMessages.SOURCE)),
                new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId,
                        IngestStatus.liveEnded(vodId, count, (long) Math.floor(last), now))));
        recent.markEnded(vodId);
        local.remove(vodId);
        liveHook.liveEnded(vodId);
        return true;
    }

    /** Ended: this replica ended it, or the views hold the INGEST completion of a live VOD. */
    public boolean isEnded(VodInfo vod) {
        if (recent.endedHere(vod.vodId())) {
            return true;
        }
        return vod.live() && stores.progress(vod.vodId()).map(p -> p.stage("INGEST").completed()).orElse(false);
    }

    private VodInfo requireLive(String vodId) {
        VodInfo vod = lookup.require(vodId);
        if (!vod.live()) {
            throw new IngestException(ProblemKind.VOD_STATE_CONFLICT, "VOD_NOT_LIVE", "VOD '" + vodId
                    + "' is not live; its chat comes from its chatUri. Register live streams with \"live\": true");
        }
        return vod;
    }

    private static String batchId(List<ChatMessage> messages) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ChatMessage m : messages) {
                md.update(m.getMessageId().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
