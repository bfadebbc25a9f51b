package dev.highlights.benchmarks;

import dev.highlights.video.features.PixelMath;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * video-service's per-pixel work for one sampled frame at the default analysis size (160 x 90 BGR, off-heap as FFmpeg's
 * scaler leaves it): the grey + HSV conversion, then the motion and scene-cut differences against the previous frame.
 * Score: frames per second on one thread; the pipeline takes 4 samples per media second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PixelMathBenchmark {
    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    static final int N = WIDTH * HEIGHT;

    private final ByteBuffer[] frames = new ByteBuffer[2];
    private final byte[][] grey = new byte[2][N];
    private final byte[][] hue = new byte[2][N];
    private final byte[][] sat = new byte[2][N];
    private final byte[][] val = new byte[2][N];
    private int next;

    @Setup
    public void setup() {
        Random random = new Random(3);
        for (int f = 0; f < 2; f++) {
            frames[f] = ByteBuffer.allocateDirect(N * 3);
            for (int i = 0; i < N * 3; i++) frames[f].put(i, (byte) random.nextInt(256));
        }
    }

    @Benchmark
    public double sampledFrame() {
        int cur = next;
        int prev = cur ^ 1;
        next = prev;
        long sum = PixelMath.bgrToGreyHsv(frames[cur], WIDTH * 3, WIDTH, HEIGHT, grey[cur], hue[cur], sat[cur], val[cur]);
        double motion = PixelMath.meanAbsDiff(grey[prev], grey[cur], N);
        double cut = PixelMath.hsvContentDiff(hue[prev], sat[prev], val[prev], hue[cur], sat[cur], val[cur], N);
        return sum + motion + cut;
    }

    /** The conversion alone. */
    @Benchmark
    public long conversion() {
        return PixelMath.bgrToGreyHsv(frames[0], WIDTH * 3, WIDTH, HEIGHT, grey[0], hue[0], sat[0], val[0]);
    }

    /** The differences alone (grey, then H, S and V). */
    @Benchmark
    public double differences() {
        return PixelMath.meanAbsDiff(grey[1], grey[0], N) + PixelMath.hsvContentDiff(hue[1], sat[1], val[1], hue[0], sat[0], val[0], N);
    }
}
