package dev.highlights.worker.media;

import java.nio.ByteBuffer;

/** Receives sampled, scaled-down grey frames of a span, in media order. */
@FunctionalInterface
public interface VideoFrameSink {
    /**
     * @param second      media second of the frame
     * @param slot        sampling slot within the second, {@code 0 .. framesPerSecond-1}
     * @param mediaTimeUs frame time from the media start, microseconds
     * @param gray        GRAY8 pixels, row {@code y} at {@code y * stride}; valid only during the call
     * @param warmUp      true for pre-roll frames (warm frame differences, do not emit)
     */
    void onFrame(long second, int slot, long mediaTimeUs, ByteBuffer gray, int width, int height, int stride,
                 boolean warmUp);
}
