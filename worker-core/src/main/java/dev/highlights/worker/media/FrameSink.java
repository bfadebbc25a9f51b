package dev.highlights.worker.media;

/** Receives the sampled frames of a {@link VideoFrameDecoder}, in media-time order. */
@FunctionalInterface
public interface FrameSink {
    /**
     * One sampled frame. {@code frame} and its pixels are valid only during the call (the same object
     * and buffer are reused for the next sample): read what you need, keep nothing.
     *
     * @return false to stop decoding now (the decode returns normally), true to go on
     */
    boolean onFrame(SampledFrame frame);
}
