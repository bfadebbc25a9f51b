package dev.highlights.schemas.status;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a record that could not be read into an ERROR event for the pipeline-status topic, so a
 * service reports it, skips it and goes on instead of blocking its partition. The event id names
 * the record's position, so a redelivered poison record is recognisably the same event.
 */
public final class MalformedRecords {
    public static final String ERROR_CODE = "MALFORMED_RECORD";
    /** Status key when the record's key is not a UTF-8 VOD id. */
    public static final String UNKNOWN_VOD = "unknown";

    private MalformedRecords() {
    }

    public static PipelineStatus status(Stage stage, String topic, int partition, long offset, byte[] rawKey,
                                        Throwable error, long nowMillis) {
        String vodId = vodIdOf(rawKey);
        return PipelineStatus.newBuilder()
                .setEventId(stage + "/malformed/" + topic + "/" + partition + "/" + offset)
                .setVodId(vodId)
                .setStage(stage)
                .setKind(StatusKind.ERROR)
                .setErrorCode(ERROR_CODE)
                .setMessage("Skipped unreadable record at " + topic + "-" + partition + "@" + offset + ": "
                        + rootMessage(error))
                .setTimestampMs(nowMillis)
                .build();
    }

    /** The record key as the VOD id, or {@link #UNKNOWN_VOD} when it is absent or not UTF-8 text. */
    public static String vodIdOf(byte[] rawKey) {
        if (rawKey == null || rawKey.length == 0) {
            return UNKNOWN_VOD;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(rawKey)).toString();
        } catch (CharacterCodingException e) {
            return UNKNOWN_VOD;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
