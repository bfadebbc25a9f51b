package dev.highlights.benchmarks;

import dev.highlights.video.SegmentResult;
import dev.highlights.video.VideoAnalysisConfig;
import dev.highlights.video.VideoSegmentAnalyzer;
import dev.highlights.video.VideoServiceConfig;
import dev.highlights.media.FfmpegNatives;
import dev.highlights.video.features.FeatureExtractor;
import dev.highlights.video.model.ActivityModel;
import dev.highlights.video.model.ModelInputBuilder;
import dev.highlights.worker.media.FrameSink;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.media.VideoDecodeOptions;
import dev.highlights.worker.media.VideoDecodeSummary;
import dev.highlights.worker.media.VideoFrameDecoder;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Throughput of the video path on one file, in media seconds per wall second, next to FFmpeg's own
 * decoding floor measured in the same run. Not a test; run by hand:
 *
 * <pre>
 * java -Xss16m -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *     dev.highlights.benchmarks.VideoBenchmark FILE [cores] [K]
 * </pre>
 *
 * Rows (each a full pass over the file):
 * <ul>
 *   <li>{@code ffmpeg -i FILE -f null -}: one ffmpeg with its own threading (video and audio).</li>
 *   <li>floor: as many {@code ffmpeg -threads 1 -an -ss S -t T -i FILE -f null -} as cores on equal
 *       slices at once, wall time until the last ends.</li>
 *   <li>decode+scale (with and without leaving unsampled non-reference pictures undecoded), +features, whole
 *       path: the same equal slices, one single-threaded decoder per slice, one thread per core (how a worker
 *       runs segments); and the whole path once more as one decoder over the whole file with FFmpeg's own
 *       threading.</li>
 *   <li>inference alone: the default model over as many rows as the file has seconds, batches of 16,
 *       one thread.</li>
 * </ul>
 */
public final class VideoBenchmark {

    private VideoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: VideoBenchmark FILE [cores] [framesPerSecond]");
            System.exit(2);
        }
        String file = new File(args[0]).getAbsolutePath();
        int cores = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        FfmpegNatives.init();
        double duration = duration(file);
        System.out.printf(Locale.ROOT, "file %s: %.1f s of media; %d cores; K = %d%n", file, duration, cores, k);

        VideoAnalysisConfig cfg = VideoServiceConfig.shippedAnalysis().withFramesPerSecond(k).withDecoderThreads(1);
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            VideoSegmentAnalyzer analyzer = new VideoSegmentAnalyzer(cfg, sessions);
            // Warm-up: JIT, natives, model session.
            analyzer.analyze("warm", 0, new MediaSpan(file, 0, Math.min(20, duration), 0), v -> { }, null);

            List<String[]> rows = new ArrayList<>();
            double ffmpegWall = time(() -> {
                exec(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-f", "null", "-"));
                return null;
            });
            rows.add(row("ffmpeg -i FILE -f null - (own threading, with audio)", duration, ffmpegWall, 0));
            double floorWall = time(() -> parallel(cores, i -> {
                double[] s = slice(duration, cores, i);
                exec(List.of("ffmpeg", "-nostdin", "-v", "error", "-threads", "1", "-an",
                        "-ss", fmt(s[0]), "-t", fmt(s[1] - s[0]), "-i", file, "-f", "null", "-"));
                return null;
            }));
            rows.add(row("floor: " + cores + " x ffmpeg -threads 1 -an on equal slices", duration, floorWall, floorWall));

            VideoDecodeOptions opts = cfg.decodeOptions();
            AtomicLong scaleNanos = new AtomicLong();
            double decodeWall = time(() -> parallel(cores, i -> {
                double[] s = slice(duration, cores, i);
                VideoDecodeSummary sum = new VideoFrameDecoder(opts).decode(new MediaSpan(file, s[0], s[1], 0), f -> true);
                scaleNanos.addAndGet(sum.scaleNanos());
                return null;
            }));
            rows.add(row("decode + scale (1 thread per slice)", duration, decodeWall, floorWall));
            VideoDecodeOptions everyPicture = opts.withSkipUnsampled(false);
            double everyWall = time(() -> parallel(cores, i -> {
                double[] s = slice(duration, cores, i);
                new VideoFrameDecoder(everyPicture).decode(new MediaSpan(file, s[0], s[1], 0), f -> true);
                return null;
            }));
            rows.add(row("decode + scale, every picture decoded (skipUnsampled off)", duration, everyWall, floorWall));

            AtomicLong featureNanos = new AtomicLong();
            double featureWall = time(() -> parallel(cores, i -> {
                double[] s = slice(duration, cores, i);
                FeatureExtractor fx = new FeatureExtractor(opts.width(), opts.height(), cfg.sceneCutThreshold());
                ModelInputBuilder ib = new ModelInputBuilder(analyzer.model().layout(), k, opts.height(), opts.width());
                long[] inputNanos = new long[1];
                FrameSink sink = f -> {
                    if (fx.hasOpenSecond() && fx.openSecond() != f.second()) {
                        fx.closeSecond();
                        long t0 = System.nanoTime();
                        ib.closeSecond();
                        inputNanos[0] += System.nanoTime() - t0;
                    }
                    fx.add(f);
                    long t0 = System.nanoTime();
                    ib.add(f, fx.latestGrey());
                    inputNanos[0] += System.nanoTime() - t0;
                    return true;
                };
                new VideoFrameDecoder(opts).decode(new MediaSpan(file, s[0], s[1], 0), sink);
                featureNanos.addAndGet(fx.nanos() + inputNanos[0]);
                return null;
            }));
            rows.add(row("decode + scale + features + model rows", duration, featureWall, floorWall));

            double inferenceWall = time(() -> {
                inference(analyzer.model(), (int) Math.ceil(duration), cfg.batchSize());
                return null;
            });
            rows.add(row("inference alone (default model, batch " + cfg.batchSize() + ", 1 thread)", duration,
                    inferenceWall, 0));

            AtomicLong[] parts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
            double wholeWall = time(() -> parallel(cores, i -> {
                double[] s = slice(duration, cores, i);
                SegmentResult r = analyzer.analyze("bench", i, new MediaSpan(file, s[0], s[1], 0), v -> { }, null);
                parts[0].addAndGet(r.decodeNanos());
                parts[1].addAndGet(r.decode().scaleNanos());
                parts[2].addAndGet(r.featureNanos());
                parts[3].addAndGet(r.inferenceNanos());
                return null;
            }));
            rows.add(row("whole path (analyzer, " + cores + " segments at once, 10 s pre-roll)", duration, wholeWall, floorWall));

            VideoSegmentAnalyzer threaded = new VideoSegmentAnalyzer(cfg.withDecoderThreads(0), sessions);
            double oneWall = time(() -> {
                threaded.analyze("bench", 0, MediaSpan.wholeFile(file), v -> { }, null);
                return null;
            });
            rows.add(row("whole path, one decoder with FFmpeg threading", duration, oneWall, ffmpegWall));

            System.out.println();
            System.out.printf(Locale.ROOT, "%-62s %9s %12s %s%n", "", "wall s", "media s/s", "x floor");
            for (String[] r : rows) {
                System.out.printf(Locale.ROOT, "%-62s %9s %12s %s%n", (Object[]) r);
            }
            long total = parts[0].get() + parts[1].get() + parts[2].get() + parts[3].get();
            System.out.printf(Locale.ROOT, "%nwhole path, thread time by part: decode+demux %.1f s (%.0f%%), scale %.2f s (%.1f%%),"
                            + " features %.2f s (%.1f%%), inference %.2f s (%.1f%%)%n",
                    parts[0].get() / 1e9, 100.0 * parts[0].get() / total, parts[1].get() / 1e9, 100.0 * parts[1].get() / total,
                    parts[2].get() / 1e9, 100.0 * parts[2].get() / total, parts[3].get() / 1e9, 100.0 * parts[3].get() / total);
            System.out.printf(Locale.ROOT, "decode-only pass: scaler %.2f s; feature pass: features %.2f s%n",
                    scaleNanos.get() / 1e9, featureNanos.get() / 1e9);
        }
    }


    private static void inference(ActivityModel model, int seconds, int batchSize) {
        FloatBatch batch = new FloatBatch(batchSize, model.rowShape());
        float[] row = new float[model.rowLength()];
        Random rnd = new Random(2);
        for (int i = 0; i < row.length; i++) {
            row[i] = rnd.nextFloat();
        }
        int done = 0;
        while (done < seconds) {
            int n = Math.min(batchSize, seconds - done);
            for (int r = 0; r < n; r++) {
                batch.putRow(r, row, 0, row.length);
            }
            model.score(batch, n);
            done += n;
        }
    }

    private static String[] row(String name, double media, double wall, double floor) {
        return new String[] {name, String.format(Locale.ROOT, "%.2f", wall),
            String.format(Locale.ROOT, "%.1f", media / wall),
            floor > 0 ? String.format(Locale.ROOT, "%.2f", wall / floor) : ""};
    }

    private static double[] slice(double duration, int n, int i) {
        double len = duration / n;
        return new double[] {i * len, i == n - 1 ? duration : (i + 1) * len};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @FunctionalInterface
    interface Task {
        Object run() throws Exception;
    }

    private static double time(Task t) throws Exception {
        long t0 = System.nanoTime();
        t.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Object parallel(int n, IntFunctionWithException body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int idx = i;
                fs.add(pool.submit(() -> body.apply(idx)));
            }
            for (Future<Object> f : fs) {
                f.get();
            }
            return null;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    @FunctionalInterface
    interface IntFunctionWithException {
        Object apply(int i) throws Exception;
    }

    private static void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
    }

    private static double duration(String file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file)) {
            g.start();
            return g.getLengthInTime() / 1e6;
        }
    }
}
