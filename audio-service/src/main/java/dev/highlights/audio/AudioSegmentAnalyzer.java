package dev.highlights.audio;

import dev.highlights.audio.features.AudioFeatureExtractor;
import dev.highlights.audio.features.SecondFeatures;
import dev.highlights.audio.model.AudioModel;
import dev.highlights.audio.model.DefaultAudioScorer;
import dev.highlights.audio.model.UserAudioScorer;
import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.worker.batch.PerSecondBatcher;
import dev.highlights.worker.media.AudioDecoder;
import dev.highlights.worker.media.DecodeSummary;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The audio worker's core, free of Kafka: a {@link MediaSegment} in, per-second {@link AudioScore}
 * records out, in media order, one {@link AudioBatch} per model run.
 *
 * <p>Per segment, on the calling thread: decode the span with its pre-roll (JavaCV, 16 kHz mono,
 * media-time aligned seconds), compute {@link SecondFeatures} for every second (pre-roll seconds only
 * warm the state), batch the emitted seconds ({@code batchSeconds} rows of one second) and score each
 * batch with the model. The sink runs on the same thread before the next batch is decoded, so a slow
 * consumer or model applies backpressure and memory stays at one batch. Run as many segments in
 * parallel as there are cores (one decoder thread each); the instance is thread-safe and shares one
 * ONNX session.
 *
 * <p>The same segment analysed twice yields identical records (deterministic decode, features and
 * model). Errors: {@link MediaDecodeException} for the media (missing, unreadable, no audio: the
 * service reports it and moves on; records of batches delivered before a mid-stream failure stand),
 * {@link dev.highlights.worker.onnx.ModelException} for model failures.
 */
public final class AudioSegmentAnalyzer implements AutoCloseable {
    private final AudioAnalyzerConfig config;
    private final OnnxSessions sessions;
    private final boolean ownsSessions;
    private final AudioModel model;
    private final AudioDecoder decoder = new AudioDecoder(AudioModel.SAMPLE_RATE);
    private final ThreadLocal<FloatBatch> batches;

    /** Creates its own {@link OnnxSessions} from {@code config.onnx()}. */
    public AudioSegmentAnalyzer(AudioAnalyzerConfig config) {
        this(config, new OnnxSessions(config.onnx()), true);
    }

    /** Uses shared sessions (e.g. one per process, also used by other models). */
    public AudioSegmentAnalyzer(AudioAnalyzerConfig config, OnnxSessions sessions) {
        this(config, sessions, false);
    }

    private AudioSegmentAnalyzer(AudioAnalyzerConfig config, OnnxSessions sessions, boolean owns) {
        this.config = config;
        this.sessions = sessions;
        this.ownsSessions = owns;
        try {
            this.model = config.userModel() == null
                    ? new DefaultAudioScorer(sessions)
                    : new UserAudioScorer(sessions, config.userModel());
        } catch (RuntimeException e) {
            if (owns) {
                sessions.close();
            }
            throw e;
        }
        int rows = config.batchSeconds();
        this.batches = ThreadLocal.withInitial(() -> new FloatBatch(rows, AudioModel.SAMPLE_RATE));
    }

    public AudioAnalyzerConfig config() {
        return config;
    }

    /** Goes into {@code AudioScore.model}. */
    public String modelId() {
        return model.id();
    }

    public AudioModel model() {
        return model;
    }

    public ExecutionProvider activeProvider() {
        return sessions.activeProvider();
    }

    public String providerDetail() {
        return sessions.providerDetail();
    }

    /** All records of a segment as one list (convenience; prefer the streaming form for long segments). */
    public List<AudioScore> analyze(MediaSegment segment) throws MediaDecodeException {
        List<AudioScore> all = new ArrayList<>();
        analyze(segment, b -> all.addAll(b.scores()));
        return all;
    }

    /**
     * Analyses a work item, handing each batch of records to {@code sink} as soon as it is scored.
     *
     * @throws MediaDecodeException {@code NO_AUDIO_STREAM} when {@code hasAudio} is false or the media
     *                              has no audio; other reasons for missing/unreadable media
     */
    public SegmentResult analyze(MediaSegment segment, Consumer<AudioBatch> sink) throws MediaDecodeException {
        if (!segment.getHasAudio()) {
            throw new MediaDecodeException(MediaDecodeException.Reason.NO_AUDIO_STREAM, segment.getMediaUri(),
                    "segment " + segment.getSegmentId() + " has no audio (hasAudio=false)");
        }
        return analyze(MediaSpan.of(segment), segment.getVodId(), segment.getIndex(), sink);
    }

    /** Analyses any span of a media file (e.g. {@link MediaSpan#wholeFile(String)}). */
    public SegmentResult analyze(MediaSpan span, String vodId, int segmentIndex, Consumer<AudioBatch> sink)
            throws MediaDecodeException {
        Run run = new Run(vodId, segmentIndex, sink);
        DecodeSummary summary = decoder.decode(span, run::onSecond);
        run.batcher.flush();
        return new SegmentResult(vodId, segmentIndex, run.emitted, run.first, run.last, run.batcher.batches(),
                run.totalDecodeNanos, run.totalFeatureNanos, run.totalInferenceNanos, summary);
    }

    private record Pending(long second, SecondFeatures features) {
    }

    /** State of one segment analysis (one thread). */
    private final class Run {
        final String vodId;
        final int segmentIndex;
        final Consumer<AudioBatch> sink;
        final AudioFeatureExtractor features = new AudioFeatureExtractor();
        final PerSecondBatcher<Pending> batcher;
        long mark = System.nanoTime();
        long featureNanos;
        long totalDecodeNanos;
        long totalFeatureNanos;
        long totalInferenceNanos;
        int emitted;
        long first = -1;
        long last = -1;

        Run(String vodId, int segmentIndex, Consumer<AudioBatch> sink) {
            this.vodId = vodId;
            this.segmentIndex = segmentIndex;
            this.sink = sink;
            this.batcher = new PerSecondBatcher<>(batches.get(), this::onBatch);
        }

        void onSecond(long second, float[] samples, int valid, boolean warmUp) {
            long t0 = System.nanoTime();
            SecondFeatures f = features.process(samples, valid);
            featureNanos += System.nanoTime() - t0;
            if (!warmUp) {
                batcher.add(samples, 0, samples.length, new Pending(second, f));
            }
        }

        void onBatch(FloatBatch batch, List<Pending> items) {
            long t0 = System.nanoTime();
            AudioModel.Scores scores = model.score(batch, items.size());
            long t1 = System.nanoTime();
            long inference = t1 - t0;
            long decode = Math.max(0, t0 - mark - featureNanos);
            List<AudioScore> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Pending p = items.get(i);
                SecondFeatures f = p.features();
                Map<String, Float> labels = scores.labels().get(i);
                out.add(AudioScore.newBuilder()
                        .setVodId(vodId)
                        .setSecond(p.second())
                        .setSegmentIndex(segmentIndex)
                        .setRmsDbfs((float) f.rmsDbfs())
                        .setPeakDbfs((float) f.peakDbfs())
                        .setEnergy5s((float) f.energy5s())
                        .setSpectralFlux((float) f.spectralFlux())
                        .setLogMelMean((float) f.logMelMean())
                        .setLogMelStd((float) f.logMelStd())
                        .setModelScore(scores.score()[i])
                        .setLabelScores(labels)
                        .setModel(model.id())
                        .build());
            }
            emitted += out.size();
            if (first < 0) {
                first = out.get(0).getSecond();
            }
            last = out.get(out.size() - 1).getSecond();
            totalDecodeNanos += decode;
            totalFeatureNanos += featureNanos;
            totalInferenceNanos += inference;
            AudioBatch b = new AudioBatch(vodId, segmentIndex, List.copyOf(out), decode, featureNanos, inference);
            featureNanos = 0;
            sink.accept(b);
            mark = System.nanoTime();
        }
    }

    /** Closes the sessions when this analyzer created them. */
    @Override
    public void close() {
        if (ownsSessions) {
            sessions.close();
        }
    }
}
