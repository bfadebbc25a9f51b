package dev.highlights.worker.service;

import dev.highlights.media.LocationPolicy;
import dev.highlights.worker.loop.SegmentWorkerConfig;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.OnnxConfig;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every worker service has, under its own prefix ({@code audio.}, {@code video.}): a
 * service's {@code @ConfigMapping} interface extends this one and adds its analysis settings.
 * Kafka itself comes from {@code kafka.bootstrap.servers}, {@code schema.registry.url} and the
 * {@code kafka.*} pass-through (see {@link WorkerLifecycle}).
 */
public interface WorkerServiceConfig {

    /** Consumer group of the work loop; default {@code <topic prefix><stage>-service} ({@code audio-service}, {@code video-service}). */
    Optional<String> groupId();

    /** Segments analysed at once (one decoder thread each); 0 = one per available core. */
    @WithDefault("0")
    int concurrency();

    /** A PROGRESS status after each this many media seconds of a segment. */
    @WithDefault("60")
    int progressEvery();

    /** How long in-flight segments may finish on shutdown or rebalance; the rest are abandoned uncommitted. */
    @WithDefault("20s")
    Duration shutdownTimeout();

    /**
     * How often a work item may be started and end abnormally (the worker crashed natively or was killed for memory,
     * a fatal error) before it is reported {@code SEGMENT_ATTEMPTS_EXHAUSTED} and skipped; its VOD completes without it.
     */
    @WithDefault("3")
    int maxAttempts();

    /** ONNX Runtime execution provider: {@code auto} (CUDA when available, else CPU), {@code cuda} or {@code cpu}. */
    @WithDefault("auto")
    ExecutionProvider executionProvider();

    /** CUDA device id when the CUDA provider is active. */
    @WithDefault("0")
    int cudaDevice();

    /** ONNX Runtime threads per run on CPU; 1 because the worker parallelises across segments; 0 = all cores. */
    @WithDefault("1")
    int intraOpThreads();

    /** Create the catalogue topics that do not exist yet before taking work. */
    @WithDefault("true")
    boolean createTopics();

    /** Replication factor of topics created by {@link #createTopics()}. */
    @WithDefault("1")
    short topicReplicationFactor();

    /**
     * Kafka client properties for this worker only, over the global {@code kafka.*} ones, e.g.
     * {@code audio.kafka."max.poll.interval.ms"=600000}.
     */
    Map<String, String> kafka();

    /** Where work items may point: the same policy as ingest's, so a record on media-segments cannot send a worker elsewhere. */
    Media media();

    interface Media {
        /** Directories file: media may be read from (give the workers the media roots ingest has); none: files are refused. */
        Optional<List<String>> roots();

        /** Whether http(s) media is read. */
        @WithDefault("true")
        boolean httpEnabled();

        /**
         * Hosts http(s) media may come from, as ingest's {@code ingest.http.allowed-hosts}; unset: any host with a
         * public address. Loopback and private addresses are read only from hosts named here.
         */
        Optional<List<String>> allowedHosts();
    }

    default OnnxConfig onnxConfig() {
        return new OnnxConfig(executionProvider(), cudaDevice(), intraOpThreads());
    }

    default SegmentWorkerConfig segmentWorkerConfig() {
        int c = concurrency() > 0 ? concurrency() : Runtime.getRuntime().availableProcessors();
        return new SegmentWorkerConfig(c, progressEvery(), shutdownTimeout(), maxAttempts(), new LocationPolicy(LocationPolicy.Settings.of(
                media().roots().orElse(List.of()), media().httpEnabled(), media().allowedHosts().orElse(List.of()))));
    }
}
