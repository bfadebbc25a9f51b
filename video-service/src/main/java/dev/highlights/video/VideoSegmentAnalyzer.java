package dev.highlights.video;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.VideoScore;
import dev.highlights.video.features.FeatureExtractor;
import dev.highlights.video.features.SecondFeatures;
import dev.highlights.video.features.StaticScreenDetector;
import dev.highlights.video.model.ActivityModel;
import dev.highlights.video.model.ModelInputBuilder;
import dev.highlights.worker.batch.PerSecondBatcher;
import dev.highlights.worker.media.FrameSink;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.media.SampledFrame;
import dev.highlights.worker.media.VideoDecodeSummary;
import dev.highlights.worker.media.VideoFrameDecoder;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelException;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The video worker's core, free of Kafka: one media segment in, one {@link VideoScore} per media
 * second out, in order.
 *
 * <ol>
 *   <li>Decode ({@link VideoFrameDecoder}): K samples per second (default 4) at 160x90 BGR, from
 *       {@code startSec - preRoll} (pre-roll at least {@link VideoAnalysisConfig#effectiveMinPreRollSec()})
 *       to {@code endSec}, plus up to {@code staticLookAheadSec} seconds after it while a static
 *       screen run is still undecided.</li>
 *   <li>Features per second ({@link FeatureExtractor}): motion, brightness and its change, HSV scene
 *       cuts; static screens ({@link StaticScreenDetector}).</li>
 *   <li>Model ({@link ActivityModel}): one input row per emitted second, batched
 *       ({@link PerSecondBatcher}), one ONNX Runtime run per batch, a 0..1 activity score.</li>
 * </ol>
 *
 * <p>Deterministic: a segment gives the same records whenever it is analysed (redelivery), and, with
 * the pre-roll, the same values a whole-file run gives for its seconds. Memory per segment: two
 * frames of planes, one model batch, and at most {@code batchSize + staticLookAheadSec} pending
 * records. Thread-safe: one analyzer serves all worker threads, each {@code analyze} call runs on
 * its caller's thread (one decoder per segment).
 */
public final class VideoSegmentAnalyzer {

    /** Hooks for metrics; all optional. */
    public interface Observer {
        /** After each model run: rows in the batch and the run's time. */
        default void onBatch(int rows, long inferenceNanos) {
        }
    }

    private static final Observer NO_OBSERVER = new Observer() {
    };

    private final VideoAnalysisConfig config;
    private final ActivityModel model;
    private final VideoFrameDecoder decoder;
    private final int batchRows;
    private final ThreadLocal<FloatBatch> batchBuffers;

    /**
     * Loads the configured model through {@code sessions} (provider choice and CPU fallback are the
     * sessions'), so a bad model fails here, at start-up.
     *
     * @throws ModelException the model cannot be loaded or does not fit the configured layout
     */
    public VideoSegmentAnalyzer(VideoAnalysisConfig config, OnnxSessions sessions) {
        this.config = Objects.requireNonNull(config, "config");
        VideoAnalysisConfig c = this.config;
        this.model = ActivityModel.load(c.model(), sessions, c.framesPerSecond(), c.height(), c.width());
        this.decoder = new VideoFrameDecoder(c.decodeOptions());
        this.batchRows = Math.min(c.batchSize(), model.maxBatch());
        long[] rowShape = model.rowShape();
        this.batchBuffers = ThreadLocal.withInitial(() -> new FloatBatch(batchRows, rowShape));
    }

    public VideoAnalysisConfig config() {
        return config;
    }

    public ActivityModel model() {
        return model;
    }

    /** Analyses a work item; see {@link #analyze(String, int, MediaSpan, Consumer, Observer)}. */
    public SegmentResult analyze(MediaSegment segment, Consumer<List<VideoScore>> out) throws MediaDecodeException {
        return analyze(segment, out, NO_OBSERVER);
    }

    /** Analyses a work item; see {@link #analyze(String, int, MediaSpan, Consumer, Observer)}. */
    public SegmentResult analyze(MediaSegment segment, Consumer<List<VideoScore>> out, Observer observer)
            throws MediaDecodeException {
        if (!segment.getHasVideo()) {
            throw new MediaDecodeException(MediaDecodeException.Reason.NO_VIDEO_STREAM, segment.getMediaUri(),
                    "VOD " + segment.getVodId() + " has no video stream (work item says hasVideo=false)");
        }
        return analyze(segment.getVodId(), segment.getIndex(), MediaSpan.of(segment), out, observer);
    }

    /**
     * Emits one record per media second of {@code span} that has video ({@code [floor(startSec),
     * ceil(endSec))}, or to the media end), in second order, on the calling thread, in runs: the
     * seconds that became ready together. Records are held back until their model batch has run and
     * their static-screen verdict is final (at most {@code batchSize + staticLookAheadSec} seconds).
     *
     * @throws MediaDecodeException the media is missing, unreadable, has no video stream or fails to
     *                              decode; records already emitted stay valid (a retry emits them again,
     *                              identically)
     * @throws ModelException       the model failed (a worker fault, not the media's)
     */
    public SegmentResult analyze(String vodId, int segmentIndex, MediaSpan span, Consumer<List<VideoScore>> out,
                                 Observer observer) throws MediaDecodeException {
        long t0 = System.nanoTime();
        Run run = new Run(vodId, segmentIndex, span, out, observer == null ? NO_OBSERVER : observer);
        VideoDecodeSummary summary = decoder.decode(decodeSpan(span), run);
        run.finish();
        long wall = System.nanoTime() - t0;
        long decodeNanos = Math.max(0, wall - summary.scaleNanos() - summary.sinkNanos());
        return new SegmentResult(run.firstEmitted, run.lastEmitted, run.emitted,
                summary.endOfMedia() && run.lastEmitted < span.endSecond() - 1, summary, decodeNanos,
                run.featureNanos(), run.inferenceNanos, run.batches, wall, model.provider(), model.name());
    }

    /**
     * What is decoded for {@code span}: its pre-roll raised to the configured minimum, and its end
     * extended by the static-screen look-ahead (decoding stops earlier when no verdict needs it).
     */
    public MediaSpan decodeSpan(MediaSpan span) {
        double preRoll = Math.max(span.preRollSec(), config.effectiveMinPreRollSec());
        double end = span.endSec() + config.staticLookAheadSec();
        return span.withBounds(span.startSec(), end, preRoll);
    }

    /** A second waiting for its model score and static verdict. */
    private static final class Pending {
        final SecondFeatures f;
        float score;
        boolean scored;
        Boolean staticScreen;

        Pending(SecondFeatures f) {
            this.f = f;
        }
    }

    /** The state of one analysis: features, model rows, batching, static verdicts, pending records. */
    private final class Run implements FrameSink {
        private final String vodId;
        private final int segmentIndex;
        private final long emitFrom;
        private final long emitEnd;
        private final Consumer<List<VideoScore>> out;
        private final Observer observer;
        private final FeatureExtractor features;
        private final ModelInputBuilder inputs;
        private final PerSecondBatcher<Pending> batcher;
        private final StaticScreenDetector statics;
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private long lastClosed = Long.MIN_VALUE;
        private boolean inputOpen;
        private long inputNanos;
        long inferenceNanos;
        int batches;
        int emitted;
        long firstEmitted = -1;
        long lastEmitted = -1;

        Run(String vodId, int segmentIndex, MediaSpan span, Consumer<List<VideoScore>> out, Observer observer) {
            this.vodId = vodId;
            this.segmentIndex = segmentIndex;
            this.emitFrom = span.firstSecond();
            this.emitEnd = span.endSecond();
            this.out = out;
            this.observer = observer;
            VideoAnalysisConfig c = config;
            this.features = new FeatureExtractor(c.width(), c.height(), c.sceneCutThreshold());
            this.inputs = new ModelInputBuilder(model.layout(), c.framesPerSecond(), c.height(), c.width());
            this.batcher = new PerSecondBatcher<>(batchBuffers.get(), this::onBatch);
            this.statics = new StaticScreenDetector(c.staticMotionThreshold(), c.staticMinRunSec(),
                    c.staticLookAheadSec(), this::onVerdict);
        }

        @Override
        public boolean onFrame(SampledFrame frame) {
            long s = frame.second();
            if (features.hasOpenSecond() && s != features.openSecond()) {
                closeSecond();
                if (lastClosed >= emitEnd - 1 && allDecided()) {
                    return false; // the look-ahead has decided every emitted second: stop decoding
                }
            }
            if (!features.hasOpenSecond() && lastClosed != Long.MIN_VALUE && s != lastClosed + 1) {
                inputs.reset(); // a gap: the previous second's last sample is not this one's predecessor
            }
            features.add(frame);
            if (s < emitEnd) {
                long t0 = System.nanoTime();
                inputs.add(frame, features.latestGrey());
                inputOpen = true;
                inputNanos += System.nanoTime() - t0;
            }
            return true;
        }

        private void closeSecond() {
            SecondFeatures f = features.closeSecond();
            long s = f.second();
            float[] row = null;
            if (inputOpen) {
                long t0 = System.nanoTime();
                row = inputs.closeSecond();
                inputOpen = false;
                inputNanos += System.nanoTime() - t0;
            }
            if (s >= emitFrom && s < emitEnd && row != null) {
                Pending p = new Pending(f);
                queue.addLast(p);
                batcher.add(row, 0, row.length, p);
            }
            statics.accept(s, f.motion());
            lastClosed = s;
            drain();
        }

        private boolean allDecided() {
            Pending last = queue.peekLast();
            return last == null || last.staticScreen != null;
        }

        private void onBatch(FloatBatch batch, List<Pending> items) {
            long t0 = System.nanoTime();
            float[] scores = model.score(batch, items.size());
            long dt = System.nanoTime() - t0;
            inferenceNanos += dt;
            batches++;
            for (int i = 0; i < items.size(); i++) {
                Pending p = items.get(i);
                p.score = scores[i];
                p.scored = true;
            }
            observer.onBatch(items.size(), dt);
        }

        private void onVerdict(long second, boolean staticScreen) {
            if (second < emitFrom || second >= emitEnd) {
                return;
            }
            for (Pending p : queue) {
                if (p.f.second() == second) {
                    p.staticScreen = staticScreen;
                    return;
                }
            }
        }

        /** Hands over, as one run, the seconds at the head of the queue that are scored and have their verdict. */
        private void drain() {
            List<VideoScore> run = null;
            while (!queue.isEmpty()) {
                Pending p = queue.peekFirst();
                if (!p.scored || p.staticScreen == null) {
                    break;
                }
                queue.pollFirst();
                if (run == null) {
                    run = new ArrayList<>();
                }
                run.add(record(p));
            }
            if (run != null) {
                out.accept(run);
            }
        }

        private VideoScore record(Pending p) {
            SecondFeatures f = p.f;
            VideoScore v = VideoScore.newBuilder()
                    .setVodId(vodId)
                    .setSecond(f.second())
                    .setSegmentIndex(segmentIndex)
                    .setFramesSampled(f.frames())
                    .setMotion((float) f.motion())
                    .setBrightness((float) f.brightness())
                    .setBrightnessDelta((float) f.brightnessDelta())
                    .setSceneCut(f.sceneCut())
                    .setSceneCutScore((float) f.sceneCutScore())
                    .setStaticScreen(p.staticScreen)
                    .setModelScore(p.score)
                    .setModel(model.name())
                    .build();
            emitted++;
            if (firstEmitted < 0) {
                firstEmitted = f.second();
            }
            lastEmitted = f.second();
            return v;
        }

        /** End of the decode: the open second, the partial batch, the pending verdicts. */
        void finish() {
            if (features.hasOpenSecond()) {
                closeSecond();
            }
            batcher.flush();
            statics.finish();
            drain();
            if (!queue.isEmpty()) {
                throw new IllegalStateException("video analysis left " + queue.size() + " seconds undecided from "
                        + queue.peekFirst().f.second());
            }
        }

        long featureNanos() {
            return features.nanos() + inputNanos;
        }
    }
}
