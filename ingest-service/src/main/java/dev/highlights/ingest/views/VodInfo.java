package dev.highlights.ingest.views;

import dev.highlights.avro.VodRegistered;

/** A registered VOD as the views keep it (a plain copy of {@code VodRegistered}, stored as JSON). */
public record VodInfo(String vodId, String channel, String title, String mediaUri, String chatUri, String chatFormat,
                      boolean live, Double durationSec, boolean hasAudio, boolean hasVideo, boolean hasChat,
                      double segmentSec, Integer segmentCount, Long streamStartEpochMs, long registeredAtMs) {

    public static VodInfo of(VodRegistered v) {
        return new VodInfo(v.getVodId(), v.getChannel(), v.getTitle(), v.getMediaUri(), v.getChatUri(),
                v.getChatFormat(), v.getLive(), v.getDurationSec(), v.getHasAudio(), v.getHasVideo(), v.getHasChat(),
                v.getSegmentSec(), v.getSegmentCount(), v.getStreamStartEpochMs(), v.getRegisteredAtMs());
    }
}
