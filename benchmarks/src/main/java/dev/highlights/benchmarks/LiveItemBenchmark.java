package dev.highlights.benchmarks;

import dev.highlights.video.VideoAnalysisConfig;
import dev.highlights.video.VideoSegmentAnalyzer;
import dev.highlights.video.VideoServiceConfig;
import dev.highlights.media.FfmpegNatives;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a live stream's short work items cost the video worker, against the same media analysed as one VOD work item,
 * in one process. The file is cut into an HLS playlist without re-encoding; each live item owns one segment's length
 * and names the segments that cover it and its pre-roll, as ingest's live follow does. Not a test; run by hand:
 *
 * <pre>
 * java -Xss16m -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *     dev.highlights.benchmarks.LiveItemBenchmark FILE [segment s] [pre-rolls, e.g. 5,2,0]
 * </pre>
 */
public final class LiveItemBenchmark {

    private LiveItemBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LiveItemBenchmark FILE [segmentSec] [preRolls]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int segmentSec = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String[] preRolls = (args.length > 2 ? args[2] : "5,2,0").split(",");
        FfmpegNatives.init();
        Path dir = Files.createTempDirectory("live-items");
        Path playlist = dir.resolve("live.m3u8");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-c", "copy",
                "-f", "hls", "-hls_time", Integer.toString(segmentSec), "-hls_list_size", "0", "-hls_playlist_type",
                "vod", "-hls_segment_filename", dir.resolve("s%05d.ts").toString(), playlist.toString())
                .inheritIO().start();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not cut " + file);
        }
        List<MediaSpan.Piece> segments = segments(playlist);
        double duration = segments.get(segments.size() - 1).startSec() + segments.get(segments.size() - 1).durationSec();
        System.out.printf(Locale.ROOT, "file %s: %.1f s in %d HLS segments of %d s%n", file, duration, segments.size(),
                segmentSec);

        VideoAnalysisConfig cfg = VideoServiceConfig.shippedAnalysis().withDecoderThreads(1);
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            VideoSegmentAnalyzer analyzer = new VideoSegmentAnalyzer(cfg, sessions);
            analyzer.analyze("warm", 0, new MediaSpan(playlist.toString(), 0, Math.min(20, duration), 0), v -> { },
                    null);
            long t0 = System.nanoTime();
            analyzer.analyze("vod", 0, new MediaSpan(playlist.toString(), 0, duration, 0), v -> { }, null);
            double vodSec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-44s %8s %10s %12s%n", "", "wall s", "x VOD item", "ms per item");
            System.out.printf(Locale.ROOT, "%-44s %8.2f %10.2f %12s%n", "one VOD work item over the playlist", vodSec,
                    1.0, "-");
            for (String p : preRolls) {
                double preRoll = Double.parseDouble(p);
                int items = 0;
                long l0 = System.nanoTime();
                for (double start = 0; start < duration; start += segmentSec) {
                    double end = Math.min(duration, start + segmentSec);
                    double from = start - preRoll;
                    List<MediaSpan.Piece> parts = segments.stream()
                            .filter(s -> s.startSec() + s.durationSec() > from && s.startSec() < end).toList();
                    double actual = Math.max(0, start - Math.max(from, parts.get(0).startSec()));
                    analyzer.analyze("live", items++, new MediaSpan("http://live.invalid/live.m3u8", start, end, actual,
                            parts), v -> { }, null);
                }
                double liveSec = (System.nanoTime() - l0) / 1e9;
                System.out.printf(Locale.ROOT, "%-44s %8.2f %10.2f %12.1f%n",
                        items + " live items, pre-roll " + p + " s", liveSec, liveSec / vodSec, liveSec * 1000 / items);
            }
        }
    }

    private static List<MediaSpan.Piece> segments(Path playlist) throws java.io.IOException {
        List<MediaSpan.Piece> out = new ArrayList<>();
        double start = 0;
        double duration = 0;
        for (String line : Files.readAllLines(playlist)) {
            if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                out.add(new MediaSpan.Piece(playlist.resolveSibling(line).toUri().toString(), start, duration, null));
                start += duration;
            }
        }
        return out;
    }
}
