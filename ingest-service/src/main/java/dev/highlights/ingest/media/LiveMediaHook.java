package dev.highlights.ingest.media;

import dev.highlights.avro.VodRegistered;

/**
 * What happens to the media of a live VOD once it is registered. Live media (a growing HLS playlist) is turned
 * into work items as it grows in a later issue: that implementation replaces the default bean (which only logs)
 * by providing another {@code LiveMediaHook} bean. It must publish {@code MediaSegment}s with deterministic ids
 * {@code <vodId>/<index>}, {@code count = null} while live, and {@code last = true} on the final one.
 */
public interface LiveMediaHook {

    /**
     * Called once per live registration, after the VOD record is on the vods topic, on the registering thread
     * (return quickly: start your own work).
     *
     * @param inspection the checked media (location, media playlist, streams found)
     */
    void liveMediaRegistered(VodRegistered vod, MediaInspector.Inspection inspection);

    /**
     * Whether this hook turns live media into work items. When it does not, registration reports AUDIO and VIDEO as
     * absent for the live VOD, so fusion follows chat alone instead of waiting for media that never comes.
     */
    default boolean analysesLiveMedia() {
        return true;
    }

    /** Called when {@code POST /api/vods/{id}/end} marks the live VOD ended. */
    default void liveEnded(String vodId) {
    }
}
