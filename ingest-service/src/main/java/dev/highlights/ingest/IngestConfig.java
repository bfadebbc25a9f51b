package dev.highlights.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ingest.*} settings. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /**
     * Directories that {@code file:} media and chat URIs may point into (real paths: symlinks are resolved
     * before the check). None configured: every {@code file:} URI is refused.
     */
    Optional<List<String>> mediaRoots();

    /** Nominal length of a media-segment work item, seconds. */
    @WithDefault("300")
    double segmentSeconds();

    /** Seconds decoded before each segment's start to warm windows and frame differences. */
    @WithDefault("5")
    double preRollSeconds();

    /**
     * Key of media-segments records: SEGMENT (the segment id, so one long VOD spreads over partitions and
     * workers) or VOD (the VOD id, like every other topic).
     */
    @WithDefault("SEGMENT")
    SegmentKey segmentKey();

    /**
     * Longest FFmpeg may take to open and probe media (a file, a URL, an HLS playlist and its first segments), each
     * read bounded by {@code ingest.http.timeout} as well; a slower probe is refused (422 MEDIA_PROBE_TIMEOUT).
     */
    @WithDefault("PT2M")
    Duration probeTimeout();

    /** Optional API key; when set every {@code /api/*} request must carry it in {@link #apiKeyHeader()}. */
    Optional<String> apiKey();

    @WithDefault("X-API-Key")
    String apiKeyHeader();

    /** Interval of keep-alive comments on highlight streams (they also detect clients that went away). */
    @WithDefault("PT15S")
    Duration sseKeepAlive();

    Http http();

    Limits limits();

    Chat chat();

    Views views();

    Live live();

    /** Extra Kafka producer properties (ssl.*, sasl.*, overrides of the bulk defaults). */
    Map<String, String> producer();

    /** The Kafka front door: the public ingest topics vod-requests and chat-events. */
    KafkaIngest kafka();

    /** Live streams: their HLS media playlists, followed as they grow, and their chat channels. */
    interface Live {
        /**
         * How long a live playlist may go without a new segment (or unreadable) before its media is taken as ended:
         * the final work item is published, the live chat ended, and a LIVE_MEDIA_STALLED warning reported.
         */
        @WithDefault("PT2M")
        Duration stallTimeout();

        /**
         * How long after its media ended (end list or stall) a live VOD still takes chat: the reactions to its last
         * moments arrive late. Then its live chat is ended as by {@code POST /api/vods/{id}/end}.
         */
        @WithDefault("PT20S")
        Duration chatGrace();

        /** Longest wait between attempts to connect again to a live VOD's chat channel (from 1 s, doubling). */
        @WithDefault("PT30S")
        Duration reconnectMaxBackoff();
    }

    enum SegmentKey {
        SEGMENT, VOD
    }

    interface Http {
        /** Whether http(s) media and chat URIs are accepted at all. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Hosts http(s) URIs may name: exact names, or {@code *.example.com} for subdomains. Absent: any host.
         */
        Optional<List<String>> allowedHosts();

        /** Connect/read timeout for HEAD checks, playlist and chat downloads, and FFmpeg's network reads. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Largest remote media file accepted (by Content-Length). */
        @WithDefault("50G")
        MemorySize maxMediaSize();

        /** Largest remote chat export read (counted while streaming). */
        @WithDefault("2G")
        MemorySize maxChatSize();

        /** Largest HLS playlist read. */
        @WithDefault("8M")
        MemorySize maxPlaylistSize();
    }

    interface Limits {
        /** Largest body of {@code POST /api/vods}. */
        @WithDefault("64K")
        MemorySize maxRequestSize();

        /** Largest body of {@code POST /api/vods/{id}/chat}. */
        @WithDefault("16M")
        MemorySize maxChatBatchSize();

        /** Most messages in one live chat batch. */
        @WithDefault("50000")
        int maxChatBatchMessages();

        /**
         * How far past "now" a live chat message may be: its offset may be at most the time since the stream started
         * plus this (clocks and buffering differ). A message later than that is refused, so one wrong offset cannot
         * open hours of empty seconds downstream.
         */
        @WithDefault("PT60S")
        Duration liveOffsetSlack();

        /** The bound for a live VOD registered without {@code streamStartEpochMs}: offsets up to this long. */
        @WithDefault("PT48H")
        Duration maxLiveDuration();
    }

    /** The Kafka front door's own rules; its channels are configured as {@code mp.messaging.incoming.*}. */
    interface KafkaIngest {
        /**
         * How long a chat event for a VOD that is not registered (yet) is kept aside and retried, for clients that
         * push the live VOD's request and its first chat at once; after that it is reported as VOD_NOT_FOUND.
         * Keep it well below the channel's {@code throttled.unprocessed-record-max-age.ms}.
         */
        @WithDefault("PT30S")
        Duration unknownVodGrace();

        /** Most chat events kept aside at once; beyond that, an event for an unknown VOD is refused at once. */
        @WithDefault("10000")
        int maxWaitingChatEvents();
    }

    interface Views {
        /** RocksDB view stores (checkpointed: fast restarts) or in-memory ones (rebuilt from the topics at every start). */
        @WithDefault("true")
        boolean persistent();

        /**
         * How long a VOD's progress and highlights stay in the views after their last record: as long as the
         * pipeline-status and highlights topics keep records (30 days), so every replica, rebuilt or not, shows the
         * same. Registrations stay while the compacted vods topic has them.
         */
        @WithDefault("P30D")
        Duration retention();
    }

    interface Chat {
        /** Chat imports that run at once; more wait in Kafka (their registrations on the vods topic). */
        @WithDefault("2")
        int importThreads();

        /** Longest a chat import may take, download included; a slower one stops with CHAT_IMPORT_TIMEOUT. */
        @WithDefault("PT1H")
        Duration importTimeout();

        /** Longest single JSON entry or IRC line accepted by the importer. */
        @WithDefault("4M")
        MemorySize maxEntrySize();

        /** Malformed entries reported with their reasons (all are counted). */
        @WithName("max-issues")
        @WithDefault("20")
        int maxIssues();
    }
}
