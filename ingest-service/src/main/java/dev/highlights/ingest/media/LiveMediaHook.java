package dev.highlights.ingest.media;

/**
 * What happens to the media of a live VOD once it is registered: it publishes {@code MediaSegment}s as the media
 * arrives, with deterministic ids {@code <vodId>/<index>}, {@code count = null} while live, and {@code last = true}
 * (and the count) on the final one.
 */
public interface LiveMediaHook {

    /**
     * Whether this hook turns this live media into work items. When it does not, registration reports AUDIO and VIDEO
     * as absent for the live VOD, so fusion follows chat alone instead of waiting for media that never comes.
     */
    default boolean analysesLiveMedia(MediaInspector.Inspection media) {
        return true;
    }

    /** Called when {@code POST /api/vods/{id}/end} marks the live VOD ended. */
    default void liveEnded(String vodId) {
    }
}
