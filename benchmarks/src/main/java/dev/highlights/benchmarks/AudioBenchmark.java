package dev.highlights.benchmarks;

import dev.highlights.audio.AudioAnalyzerConfig;
import dev.highlights.audio.AudioSegmentAnalyzer;
import dev.highlights.audio.AudioServiceConfig;
import dev.highlights.audio.SegmentResult;
import dev.highlights.audio.features.AudioFeatureExtractor;
import dev.highlights.worker.media.AudioDecoder;
import dev.highlights.worker.media.DecodeSummary;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.OnnxConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the audio path on one media file, in media-seconds per wall-second, next to the
 * decode floor ({@code ffmpeg -vn -i FILE -ac 1 -ar 16000 -f s16le - > /dev/null}) measured in the same
 * run. Not a test; run it by hand:
 *
 * <pre>
 * java -Xss16m -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *     dev.highlights.benchmarks.AudioBenchmark FILE [batchSeconds] [threads]
 * </pre>
 *
 * Stages: decode alone (JavaCV + resampling to 16 kHz mono, no consumer); decode + features (the
 * feature share is the time inside the feature code); the whole path (decode, features, default ONNX
 * model on CPU) on one thread, with the model's share; and the whole path on {@code threads}
 * segments in parallel (the deployment shape: one decoder thread per segment).
 */
public final class AudioBenchmark {
    private AudioBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AudioBenchmark FILE [batchSeconds=32] [threads=cores]");
            System.exit(2);
        }
        String file = args[0];
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : AudioServiceConfig.shippedAnalyzer().batchSeconds();
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        AudioDecoder decoder = new AudioDecoder();
        AudioAnalyzerConfig cfg = AudioServiceConfig.shippedAnalyzer().withBatchSeconds(batch)
                .withOnnx(OnnxConfig.of(ExecutionProvider.CPU));

        try (AudioSegmentAnalyzer analyzer = new AudioSegmentAnalyzer(cfg)) {
            // warm-up: JIT, natives, ONNX session
            analyzer.analyze(new MediaSpan(file, 0, 60, 0), "bench", 0, b -> { });
            decoder.decode(new MediaSpan(file, 0, 60, 0), (s, x, v, w) -> { });

            double floor = ffmpegFloor(file);

            long t0 = System.nanoTime();
            DecodeSummary d = decoder.decode(MediaSpan.wholeFile(file), (s, x, v, w) -> { });
            double decodeWall = secs(System.nanoTime() - t0);
            double media = d.secondsEmitted();

            AudioFeatureExtractor fx = new AudioFeatureExtractor();
            long[] featureNanos = {0};
            t0 = System.nanoTime();
            decoder.decode(MediaSpan.wholeFile(file), (s, x, v, w) -> {
                long a = System.nanoTime();
                fx.process(x, v);
                featureNanos[0] += System.nanoTime() - a;
            });
            double decFeatWall = secs(System.nanoTime() - t0);

            t0 = System.nanoTime();
            SegmentResult r = analyzer.analyze(MediaSpan.wholeFile(file), "bench", 0, b -> { });
            double wholeWall = secs(System.nanoTime() - t0);

            double parallelWall = parallel(analyzer, file, media, threads);

            System.out.printf(Locale.ROOT, "file %s: %.0f media seconds, %d Hz x %d ch %s; batch %d; %d thread(s) for the parallel run%n",
                    file, media, d.sourceSampleRate(), d.sourceChannels(), d.codec(), batch, threads);
            System.out.printf(Locale.ROOT, "%-58s %10s %14s%n", "stage", "wall s", "media-s/wall-s");
            row("ffmpeg -vn -ac 1 -ar 16000 -f s16le > /dev/null (floor)", floor, media);
            row("decode alone (JavaCV, 16 kHz mono, 1 thread)", decodeWall, media);
            row("decode + features (1 thread)", decFeatWall, media);
            row("  features alone (time inside the feature code)", secs(featureNanos[0]), media);
            row("whole audio path (decode+features+ONNX, 1 thread)", wholeWall, media);
            row("  inference alone (time inside ONNX runs)", secs(r.inferenceNanos()), media);
            row("  features within the whole path", secs(r.featureNanos()), media);
            row("  decode within the whole path", secs(r.decodeNanos()), media);
            row("whole audio path, " + threads + " segments in parallel", parallelWall, media);
            System.out.printf(Locale.ROOT, "whole path / floor: %.2fx (1 thread), %.2fx (%d threads)%n",
                    wholeWall / floor, parallelWall / floor, threads);
        }
    }

    static double parallel(AudioSegmentAnalyzer analyzer, String file, double media, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double part = Math.ceil(media / threads);
            long t0 = System.nanoTime();
            List<Future<SegmentResult>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                double start = i * part;
                double end = Math.min(media, start + part);
                if (end <= start) {
                    continue;
                }
                int idx = i;
                fs.add(pool.submit(() -> analyzer.analyze(new MediaSpan(file, start, end, idx == 0 ? 0 : 5), "bench", idx, b -> { })));
            }
            for (Future<SegmentResult> f : fs) {
                f.get();
            }
            return secs(System.nanoTime() - t0);
        } finally {
            pool.shutdownNow();
        }
    }

    static double ffmpegFloor(String file) throws IOException, InterruptedException {
        List<String> cmd = List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-vn", "-i", file,
                "-ac", "1", "-ar", "16000", "-f", "s16le", "-");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + cmd);
        }
        return secs(System.nanoTime() - t0);
    }

    static void row(String name, double wall, double media) {
        System.out.printf(Locale.ROOT, "%-58s %10.2f %14.0f%n", name, wall, media / wall);
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }
}
