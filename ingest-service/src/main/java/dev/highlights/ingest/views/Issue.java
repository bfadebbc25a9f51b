package dev.highlights.ingest.views;

/** One error or warning reported on pipeline-status, as a view shows it. */
public record Issue(String eventId, String stage, String kind, String errorCode, String message, Integer segmentIndex,
                   long timestampMs) {
}
