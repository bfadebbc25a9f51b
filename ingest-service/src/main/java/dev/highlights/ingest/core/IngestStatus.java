package dev.highlights.ingest.core;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.chatimport.ChatImportResult;
import dev.highlights.ingest.problem.IngestException;

/**
 * The pipeline-status events ingest writes. Event ids are deterministic ({@code ingest/...}), so a repeated
 * request yields the same ids and the views count it once. Enum fields are always set explicitly (see the
 * class-loader note in chat-service).
 *
 * <table>
 *   <tr><th>event id</th><th>stage</th><th>kind</th><th>when</th></tr>
 *   <tr><td>ingest/accepted</td><td>INGEST</td><td>ACCEPTED</td><td>VOD registered; segmentsTotal = work items</td></tr>
 *   <tr><td>ingest/absent/AUDIO, ingest/absent/VIDEO</td><td>AUDIO, VIDEO</td><td>MODALITY_ABSENT</td><td>the media has no such stream</td></tr>
 *   <tr><td>ingest/absent/CHAT</td><td>CHAT</td><td>MODALITY_ABSENT</td><td>neither chatUri nor live</td></tr>
 *   <tr><td>ingest/completed</td><td>INGEST</td><td>COMPLETED</td><td>a VOD without chat: ingest has nothing more to do</td></tr>
 *   <tr><td>ingest/chat-import/started, /completed</td><td>INGEST</td><td>STARTED, COMPLETED</td><td>chat import (count = messages)</td></tr>
 *   <tr><td>ingest/chat-import/malformed</td><td>INGEST</td><td>WARNING</td><td>entries skipped (count = malformed)</td></tr>
 *   <tr><td>ingest/chat-import/failed</td><td>INGEST</td><td>ERROR</td><td>the import could not run or broke off</td></tr>
 *   <tr><td>ingest/live-chat/&lt;batch hash&gt;</td><td>INGEST</td><td>PROGRESS</td><td>a live chat batch (count = messages)</td></tr>
 *   <tr><td>ingest/live/ended</td><td>INGEST</td><td>COMPLETED</td><td>a live VOD ended</td></tr>
 *   <tr><td>ingest/rejected/&lt;code&gt;</td><td>INGEST</td><td>ERROR</td><td>a request could not be served (unreadable media ...)</td></tr>
 * </table>
 */
public final class IngestStatus {
    public static final String ACCEPTED = "ingest/accepted";
    public static final String COMPLETED = "ingest/completed";
    public static final String CHAT_STARTED = "ingest/chat-import/started";
    public static final String CHAT_COMPLETED = "ingest/chat-import/completed";
    public static final String CHAT_MALFORMED = "ingest/chat-import/malformed";
    public static final String CHAT_FAILED = "ingest/chat-import/failed";
    public static final String LIVE_CHAT_PREFIX = "ingest/live-chat/";
    public static final String LIVE_ENDED = "ingest/live/ended";
    public static final String REJECTED_PREFIX = "ingest/rejected/";
    public static final String LIVE_MEDIA_PREFIX = "ingest/live-media/";

    private IngestStatus() {
    }

    public static PipelineStatus accepted(String vodId, int segments, String message, long now) {
        return base(vodId, ACCEPTED, Stage.INGEST, StatusKind.ACCEPTED, now)
                .setSegmentsDone(segments).setSegmentsTotal(segments).setMessage(message).build();
    }

    public static PipelineStatus absent(String vodId, Stage stage, String message, long now) {
        return base(vodId, "ingest/absent/" + stage.name(), stage, StatusKind.MODALITY_ABSENT, now)
                .setErrorCode("NO_" + stage.name() + (stage == Stage.CHAT ? "" : "_STREAM"))
                .setMessage(message).build();
    }

    public static PipelineStatus completed(String vodId, String message, long now) {
        return base(vodId, COMPLETED, Stage.INGEST, StatusKind.COMPLETED, now).setMessage(message).build();
    }

    public static PipelineStatus chatStarted(String vodId, String source, long now) {
        return base(vodId, CHAT_STARTED, Stage.INGEST, StatusKind.STARTED, now)
                .setMessage("chat import started from " + source).build();
    }

    public static PipelineStatus chatCompleted(String vodId, ChatImportResult r, long now) {
        return base(vodId, CHAT_COMPLETED, Stage.INGEST, StatusKind.COMPLETED, now)
                .setCount(r.messages()).setLastSecond((long) Math.floor(r.lastOffsetSec()))
                .setMessage("chat import complete (" + r.format().sourceName() + (r.gzip() ? ", gzip" : "") + "): "
                        + r.summary()).build();
    }

    public static PipelineStatus chatMalformed(String vodId, ChatImportResult r, long now) {
        return base(vodId, CHAT_MALFORMED, Stage.INGEST, StatusKind.WARNING, now)
                .setCount(r.malformed()).setErrorCode(r.truncated() ? "CHAT_INPUT_TRUNCATED" : "CHAT_ENTRY_MALFORMED")
                .setMessage(r.malformed() + " chat entries could not be read and were skipped: " + r.summary()).build();
    }

    public static PipelineStatus chatFailed(String vodId, String errorCode, String message, long sent, long now) {
        return base(vodId, CHAT_FAILED, Stage.INGEST, StatusKind.ERROR, now)
                .setErrorCode(errorCode).setCount(sent).setMessage(message).build();
    }

    public static PipelineStatus liveChat(String vodId, String batchId, int count, long lastSecond, long now) {
        return base(vodId, LIVE_CHAT_PREFIX + batchId, Stage.INGEST, StatusKind.PROGRESS, now)
                .setCount((long) count).setLastSecond(lastSecond)
                .setMessage(count + " live chat messages up to second " + lastSecond).build();
    }

    public static PipelineStatus liveEnded(String vodId, long messages, long lastSecond, long now) {
        return base(vodId, LIVE_ENDED, Stage.INGEST, StatusKind.COMPLETED, now)
                .setCount(messages).setLastSecond(lastSecond)
                .setMessage("live stream ended after " + messages + " chat messages").build();
    }

    /**
     * Something that happened to a live stream's media (a gap, a stall): a WARNING.
     *
     * @param occurrence tells this event from others of the same code (e.g. the first missed sequence number)
     */
    public static PipelineStatus liveMediaWarning(String vodId, String errorCode, String occurrence, String message,
                                                  long now) {
        return base(vodId, LIVE_MEDIA_PREFIX + errorCode + "/" + occurrence, Stage.INGEST, StatusKind.WARNING, now)
                .setErrorCode(errorCode).setMessage(message).build();
    }

    /** A request refused for a reason worth reporting (the request id is the key). */
    public static PipelineStatus rejected(String requestId, IngestException e, long now) {
        return base(requestId, REJECTED_PREFIX + e.errorCode(), Stage.INGEST, StatusKind.ERROR, now)
                .setErrorCode(e.errorCode()).setMessage(e.getMessage()).build();
    }

    private static PipelineStatus.Builder base(String vodId, String eventId, Stage stage, StatusKind kind, long now) {
        return PipelineStatus.newBuilder().setEventId(eventId).setVodId(vodId).setStage(stage).setKind(kind)
                .setTimestampMs(now);
    }
}
