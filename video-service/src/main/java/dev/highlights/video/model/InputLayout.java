package dev.highlights.video.model;

/**
 * What one row (one media second) of a video model's input holds. All values are floats in 0..1;
 * {@code K} is the samples per second, {@code H x W} the analysis size.
 */
public enum InputLayout {
    /**
     * {@code [N, K+1, H, W]}: grey frames (OpenCV's BGR-to-grey, divided by 255). Frame 0 is the last
     * sample of the previous second (so the K differences of the second are inside the row; frame 1
     * repeated when there is none), frames 1..K the second's samples (a missing sample repeats the
     * one before). The default model's layout.
     */
    GREY_FRAMES,
    /**
     * {@code [N, 3, H, W]}: one RGB picture per second in planar (NCHW) order, the second's middle
     * sample (slot K/2, or the latest before it). For image encoders; normalisation (e.g. ImageNet
     * mean/std) belongs in the model.
     */
    RGB_FRAME;

    /** The row shape (without the batch dimension) for K samples per second at H x W. */
    public long[] rowShape(int k, int height, int width) {
        return switch (this) {
            case GREY_FRAMES -> new long[] {k + 1, height, width};
            case RGB_FRAME -> new long[] {3, height, width};
        };
    }
}
