package dev.highlights.video.features;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Dense optical flow between two grey frames with OpenCV's Farneback algorithm; the mean flow vector
 * length over all pixels, in pixels (at analysis size) per sample interval. Parameters are OpenCV's
 * sample values (pyramid scale 0.5, 3 levels, 15-pixel window, 3 iterations, poly_n 5, sigma 1.2).
 *
 * <p>Off by default: it costs far more than the frame difference (see the module README). Holds three
 * native matrices; one per decode, not thread-safe; close it.
 */
public final class FarnebackFlow implements AutoCloseable {
    private final int width;
    private final int height;
    private final Mat prev;
    private final Mat next;
    private final Mat flow;

    public FarnebackFlow(int width, int height) {
        this.width = width;
        this.height = height;
        this.prev = new Mat(height, width, opencv_core.CV_8UC1);
        this.next = new Mat(height, width, opencv_core.CV_8UC1);
        this.flow = new Mat(height, width, opencv_core.CV_32FC2);
    }

    /** Mean flow magnitude from {@code a} to {@code b} (row-major grey planes of width x height). */
    public double meanMagnitude(byte[] a, byte[] b) {
        int n = width * height;
        BytePointer pa = prev.data();
        BytePointer pb = next.data();
        pa.put(a, 0, n);
        pb.put(b, 0, n);
        opencv_video.calcOpticalFlowFarneback(prev, next, flow, 0.5, 3, 15, 3, 5, 1.2, 0);
        FloatBuffer f = flow.createBuffer();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float fx = f.get(2 * i);
            float fy = f.get(2 * i + 1);
            sum += Math.sqrt(fx * fx + fy * fy);
        }
        return sum / n;
    }

    @Override
    public void close() {
        prev.close();
        next.close();
        flow.close();
    }
}
