package dev.highlights.fusion.rules;

/**
 * Every weight and threshold of the fusion. The record holds no defaults: the service's configuration mapping
 * ({@code FusionServiceConfig}) is their one source and builds this record; tests start from that shipped profile and
 * change what they need with {@link #toBuilder()}.
 *
 * @param smoothingRadiusSec      centred moving average of 2r+1 seconds (3 gives the reference 7 s); also the
 *                                inherent lookahead: a second is final once r seconds after it are fused
 * @param chatActiveThreshold     chat is active where smoothed chat points exceed this
 * @param chatWeight              weight of smoothed chat in the final score
 * @param audioWeight             weight of smoothed audio in the final score
 * @param videoWeight             weight of smoothed video in the final score
 * @param finalThreshold          a highlight second needs active chat and a final score above this
 * @param maxGapSec               highlight seconds separated by at most this many other seconds join one interval
 * @param minDurationSec          shorter intervals are dropped
 * @param chatHighSd              reference chat rule: count >= mean + this x sd is HIGH
 * @param chatExceptionalSd       reference chat rule: count >= mean + this x sd is EXCEPTIONAL
 * @param chatHighPoints          points of a HIGH chat second (also the level boundary for continuous scores)
 * @param chatExceptionalPoints   points of an EXCEPTIONAL chat second
 * @param audioZThreshold         audio scores only where z exceeds this
 * @param audioZDivisor           audio score = min(z / divisor, audioMaxScore)
 * @param audioMaxScore           cap of the audio score
 * @param videoZThreshold         video scores only where max(brightness z, motion z) exceeds this
 * @param videoZDivisor           video score = min(z / divisor, videoMaxScore)
 * @param videoMaxScore           cap of the video score
 * @param chatLagMode             fixed or estimated chat reaction lag
 * @param fixedChatLagSec         the lag in FIXED mode, and the starting lag in ESTIMATED mode
 * @param minChatLagSec           lower bound of the estimated lag (>= 0)
 * @param maxChatLagSec           upper bound of the estimated lag
 * @param lagMinEvidenceSec       the estimate may move only after this many seconds with media activity were seen
 * @param lagReevaluateEverySec   ... and only every this many seconds of new evidence
 * @param lagMinCorrelation       ... and only to a lag whose correlation is at least this
 * @param lagSwitchMargin         ... that beats the current lag's correlation by at least this
 * @param sceneCutSnapSec         a start moves back to a scene cut at most this many seconds earlier
 * @param rankingOrder            order of the end-of-VOD summary
 * @param rollingWindowSec        trailing window of the rolling audio/video z-scores
 * @param rollingBucketSec        granularity of that window (the window slides by whole buckets)
 * @param rollingWarmupSec        no rolling z-score (so no audio/video score) until this many seconds were seen
 * @param rollingMinStdDev        floor of the rolling standard deviation (a flat signal gives z = 0, not infinity)
 * @param retainSec               how far behind the fusion frontier late inputs are still applied; older seconds are pruned
 * @param modalityTimeoutMillis   a stalled frontier is forced forward after this much wall-clock time (see
 *                                {@link FusionEngine#onWallClock}); meant for live streams: for VODs, where one GPU
 *                                worker may legitimately run minutes behind the other, use a much larger value or do
 *                                not tick, or the slow modality's seconds become late inputs (dropped past retainSec)
 * @param emitOpenIntervals       send a running interval as soon as it is minDurationSec long (open revisions whose
 *                                end grows with each final second, then a closing revision): a live highlight appears
 *                                the lookahead after its seconds instead of after the gap that closes it. Off in the
 *                                reference rules (one event per closed interval)
 * @param detection               which seconds are highlight seconds ({@link DetectionRule})
 * @param minReactionShare        CONFIRMED: a chat burst is a reaction when at least this share of its messages
 *                                (over the smoothing window) are reactions; spam, raids and copypasta are not
 * @param confirmAudioZ           CONFIRMED: audio is active where its rolling z-score reaches this
 * @param confirmVideoZ           CONFIRMED: video is active where max(brightness z, motion z) reaches this
 * @param chatAloneHighlights     CONFIRMED: an exceptional reaction burst is a highlight without audio or video
 *                                activity (always so when the VOD has neither audio nor video)
 * @param audioSpreadFloorDb      CONFIRMED: least spread of the robust audio baseline, dB
 * @param motionSpreadFloorDb     CONFIRMED: least spread of the robust motion baseline, dB
 * @param brightnessSpreadFloor   CONFIRMED: least spread of the robust brightness baseline, grey levels
 * @param maxNewcomerShare        CONFIRMED: a chat burst with more than this share of messages from chatters new to the
 *                                VOD is arrivals (a raid), not a reaction
 */
public record FusionConfig(
        int smoothingRadiusSec,
        double chatActiveThreshold,
        double chatWeight,
        double audioWeight,
        double videoWeight,
        double finalThreshold,
        int maxGapSec,
        int minDurationSec,
        double chatHighSd,
        double chatExceptionalSd,
        double chatHighPoints,
        double chatExceptionalPoints,
        double audioZThreshold,
        double audioZDivisor,
        double audioMaxScore,
        double videoZThreshold,
        double videoZDivisor,
        double videoMaxScore,
        ChatLagMode chatLagMode,
        int fixedChatLagSec,
        int minChatLagSec,
        int maxChatLagSec,
        int lagMinEvidenceSec,
        int lagReevaluateEverySec,
        double lagMinCorrelation,
        double lagSwitchMargin,
        int sceneCutSnapSec,
        RankingOrder rankingOrder,
        int rollingWindowSec,
        int rollingBucketSec,
        int rollingWarmupSec,
        double rollingMinStdDev,
        int retainSec,
        long modalityTimeoutMillis,
        boolean emitOpenIntervals,
        DetectionRule detection,
        double minReactionShare,
        double confirmAudioZ,
        double confirmVideoZ,
        boolean chatAloneHighlights,
        double audioSpreadFloorDb,
        double motionSpreadFloorDb,
        double brightnessSpreadFloor,
        double maxNewcomerShare) {

    public FusionConfig {
        require(smoothingRadiusSec >= 0, "smoothingRadiusSec >= 0");
        require(maxGapSec >= 0, "maxGapSec >= 0");
        require(minDurationSec >= 1, "minDurationSec >= 1");
        require(audioZDivisor > 0 && videoZDivisor > 0, "z divisors > 0");
        require(chatLagMode != null && rankingOrder != null, "modes not null");
        require(0 <= minChatLagSec && minChatLagSec <= maxChatLagSec && maxChatLagSec <= 600, "0 <= minChatLagSec <= maxChatLagSec <= 600");
        require(fixedChatLagSec >= 0 && fixedChatLagSec <= 600, "0 <= fixedChatLagSec <= 600");
        require(chatLagMode == ChatLagMode.FIXED || (minChatLagSec <= fixedChatLagSec && fixedChatLagSec <= maxChatLagSec),
                "estimated lag starts inside [minChatLagSec, maxChatLagSec]");
        require(lagMinEvidenceSec >= 1 && lagReevaluateEverySec >= 1, "lag evidence settings >= 1");
        require(sceneCutSnapSec >= 0, "sceneCutSnapSec >= 0");
        require(rollingBucketSec >= 1 && rollingWindowSec >= rollingBucketSec, "rollingWindowSec >= rollingBucketSec >= 1");
        require(rollingWarmupSec >= 1, "rollingWarmupSec >= 1");
        require(rollingMinStdDev > 0, "rollingMinStdDev > 0");
        require(retainSec >= minRetainSec(smoothingRadiusSec, maxGapSec, sceneCutSnapSec, minChatLagSec, maxChatLagSec),
                "retainSec too small for smoothing, gaps, snapping and lag estimation");
        require(modalityTimeoutMillis >= 0, "modalityTimeoutMillis >= 0");
        require(detection != null, "detection not null");
        require(minReactionShare >= 0 && minReactionShare <= 1, "0 <= minReactionShare <= 1");
        require(maxNewcomerShare >= 0 && maxNewcomerShare <= 1, "0 <= maxNewcomerShare <= 1");
        require(audioSpreadFloorDb > 0 && motionSpreadFloorDb > 0 && brightnessSpreadFloor > 0, "spread floors > 0");
    }

    /** The smallest retention that still holds what smoothing, gap joining, snapping and the lag estimator read. */
    static int minRetainSec(int radius, int maxGap, int snap, int minLag, int maxLag) {
        return 2 * radius + maxGap + snap + (maxLag - minLag) + 2;
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("invalid FusionConfig: " + what);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Smoothing window length in seconds (2r + 1). */
    public int smoothingWindowSec() {
        return 2 * smoothingRadiusSec + 1;
    }

    /** Fluent copy-and-change of a configuration. */
    public static final class Builder {
        private int smoothingRadiusSec;
        private double chatActiveThreshold;
        private double chatWeight;
        private double audioWeight;
        private double videoWeight;
        private double finalThreshold;
        private int maxGapSec;
        private int minDurationSec;
        private double chatHighSd;
        private double chatExceptionalSd;
        private double chatHighPoints;
        private double chatExceptionalPoints;
        private double audioZThreshold;
        private double audioZDivisor;
        private double audioMaxScore;
        private double videoZThreshold;
        private double videoZDivisor;
        private double videoMaxScore;
        private ChatLagMode chatLagMode;
        private int fixedChatLagSec;
        private int minChatLagSec;
        private int maxChatLagSec;
        private int lagMinEvidenceSec;
        private int lagReevaluateEverySec;
        private double lagMinCorrelation;
        private double lagSwitchMargin;
        private int sceneCutSnapSec;
        private RankingOrder rankingOrder;
        private int rollingWindowSec;
        private int rollingBucketSec;
        private int rollingWarmupSec;
        private double rollingMinStdDev;
        private int retainSec;
        private long modalityTimeoutMillis;
        private boolean emitOpenIntervals;
        private DetectionRule detection;
        private double minReactionShare;
        private double confirmAudioZ;
        private double confirmVideoZ;
        private boolean chatAloneHighlights;
        private double audioSpreadFloorDb;
        private double motionSpreadFloorDb;
        private double brightnessSpreadFloor;
        private double maxNewcomerShare;

        private Builder(FusionConfig c) {
            smoothingRadiusSec = c.smoothingRadiusSec;
            chatActiveThreshold = c.chatActiveThreshold;
            chatWeight = c.chatWeight;
            audioWeight = c.audioWeight;
            videoWeight = c.videoWeight;
            finalThreshold = c.finalThreshold;
            maxGapSec = c.maxGapSec;
            minDurationSec = c.minDurationSec;
            chatHighSd = c.chatHighSd;
            chatExceptionalSd = c.chatExceptionalSd;
            chatHighPoints = c.chatHighPoints;
            chatExceptionalPoints = c.chatExceptionalPoints;
            audioZThreshold = c.audioZThreshold;
            audioZDivisor = c.audioZDivisor;
            audioMaxScore = c.audioMaxScore;
            videoZThreshold = c.videoZThreshold;
            videoZDivisor = c.videoZDivisor;
            videoMaxScore = c.videoMaxScore;
            chatLagMode = c.chatLagMode;
            fixedChatLagSec = c.fixedChatLagSec;
            minChatLagSec = c.minChatLagSec;
            maxChatLagSec = c.maxChatLagSec;
            lagMinEvidenceSec = c.lagMinEvidenceSec;
            lagReevaluateEverySec = c.lagReevaluateEverySec;
            lagMinCorrelation = c.lagMinCorrelation;
            lagSwitchMargin = c.lagSwitchMargin;
            sceneCutSnapSec = c.sceneCutSnapSec;
            rankingOrder = c.rankingOrder;
            rollingWindowSec = c.rollingWindowSec;
            rollingBucketSec = c.rollingBucketSec;
            rollingWarmupSec = c.rollingWarmupSec;
            rollingMinStdDev = c.rollingMinStdDev;
            retainSec = c.retainSec;
            modalityTimeoutMillis = c.modalityTimeoutMillis;
            emitOpenIntervals = c.emitOpenIntervals;
            detection = c.detection;
            minReactionShare = c.minReactionShare;
            confirmAudioZ = c.confirmAudioZ;
            confirmVideoZ = c.confirmVideoZ;
            chatAloneHighlights = c.chatAloneHighlights;
            audioSpreadFloorDb = c.audioSpreadFloorDb;
            motionSpreadFloorDb = c.motionSpreadFloorDb;
            brightnessSpreadFloor = c.brightnessSpreadFloor;
            maxNewcomerShare = c.maxNewcomerShare;
        }

        public Builder smoothingRadiusSec(int v) { smoothingRadiusSec = v; return this; }
        public Builder chatActiveThreshold(double v) { chatActiveThreshold = v; return this; }
        public Builder chatWeight(double v) { chatWeight = v; return this; }
        public Builder audioWeight(double v) { audioWeight = v; return this; }
        public Builder videoWeight(double v) { videoWeight = v; return this; }
        public Builder finalThreshold(double v) { finalThreshold = v; return this; }
        public Builder maxGapSec(int v) { maxGapSec = v; return this; }
        public Builder minDurationSec(int v) { minDurationSec = v; return this; }
        public Builder chatHighSd(double v) { chatHighSd = v; return this; }
        public Builder chatExceptionalSd(double v) { chatExceptionalSd = v; return this; }
        public Builder chatHighPoints(double v) { chatHighPoints = v; return this; }
        public Builder chatExceptionalPoints(double v) { chatExceptionalPoints = v; return this; }
        public Builder audioZThreshold(double v) { audioZThreshold = v; return this; }
        public Builder audioZDivisor(double v) { audioZDivisor = v; return this; }
        public Builder audioMaxScore(double v) { audioMaxScore = v; return this; }
        public Builder videoZThreshold(double v) { videoZThreshold = v; return this; }
        public Builder videoZDivisor(double v) { videoZDivisor = v; return this; }
        public Builder videoMaxScore(double v) { videoMaxScore = v; return this; }
        public Builder chatLagMode(ChatLagMode v) { chatLagMode = v; return this; }
        /** FIXED mode with this lag. */
        public Builder fixedChatLag(int seconds) { chatLagMode = ChatLagMode.FIXED; fixedChatLagSec = seconds; return this; }
        public Builder fixedChatLagSec(int v) { fixedChatLagSec = v; return this; }
        public Builder minChatLagSec(int v) { minChatLagSec = v; return this; }
        public Builder maxChatLagSec(int v) { maxChatLagSec = v; return this; }
        public Builder lagMinEvidenceSec(int v) { lagMinEvidenceSec = v; return this; }
        public Builder lagReevaluateEverySec(int v) { lagReevaluateEverySec = v; return this; }
        public Builder lagMinCorrelation(double v) { lagMinCorrelation = v; return this; }
        public Builder lagSwitchMargin(double v) { lagSwitchMargin = v; return this; }
        public Builder sceneCutSnapSec(int v) { sceneCutSnapSec = v; return this; }
        public Builder rankingOrder(RankingOrder v) { rankingOrder = v; return this; }
        public Builder rollingWindowSec(int v) { rollingWindowSec = v; return this; }
        public Builder rollingBucketSec(int v) { rollingBucketSec = v; return this; }
        public Builder rollingWarmupSec(int v) { rollingWarmupSec = v; return this; }
        public Builder rollingMinStdDev(double v) { rollingMinStdDev = v; return this; }
        public Builder retainSec(int v) { retainSec = v; return this; }
        public Builder modalityTimeoutMillis(long v) { modalityTimeoutMillis = v; return this; }
        public Builder emitOpenIntervals(boolean v) { emitOpenIntervals = v; return this; }
        public Builder detection(DetectionRule v) { detection = v; return this; }
        public Builder minReactionShare(double v) { minReactionShare = v; return this; }
        public Builder confirmAudioZ(double v) { confirmAudioZ = v; return this; }
        public Builder confirmVideoZ(double v) { confirmVideoZ = v; return this; }
        public Builder chatAloneHighlights(boolean v) { chatAloneHighlights = v; return this; }
        public Builder audioSpreadFloorDb(double v) { audioSpreadFloorDb = v; return this; }
        public Builder motionSpreadFloorDb(double v) { motionSpreadFloorDb = v; return this; }
        public Builder brightnessSpreadFloor(double v) { brightnessSpreadFloor = v; return this; }
        public Builder maxNewcomerShare(double v) { maxNewcomerShare = v; return this; }

        public FusionConfig build() {
            return new FusionConfig(smoothingRadiusSec, chatActiveThreshold, chatWeight, audioWeight, videoWeight,
                    finalThreshold, maxGapSec, minDurationSec, chatHighSd, chatExceptionalSd, chatHighPoints,
                    chatExceptionalPoints, audioZThreshold, audioZDivisor, audioMaxScore, videoZThreshold,
                    videoZDivisor, videoMaxScore, chatLagMode, fixedChatLagSec, minChatLagSec, maxChatLagSec,
                    lagMinEvidenceSec, lagReevaluateEverySec, lagMinCorrelation, lagSwitchMargin, sceneCutSnapSec,
                    rankingOrder, rollingWindowSec, rollingBucketSec, rollingWarmupSec, rollingMinStdDev, retainSec,
                    modalityTimeoutMillis, emitOpenIntervals, detection, minReactionShare, confirmAudioZ, confirmVideoZ,
                    chatAloneHighlights, audioSpreadFloorDb, motionSpreadFloorDb, brightnessSpreadFloor,
                    maxNewcomerShare);
        }
    }
}
