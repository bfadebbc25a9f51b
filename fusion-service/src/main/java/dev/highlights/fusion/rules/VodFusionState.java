package dev.highlights.fusion.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Everything the fusion remembers about one VOD; the {@link FusionEngine} holds the logic. Meant to live in a Kafka
 * Streams key-value store with a changelog: {@link #toBytes()} and {@link #fromBytes(byte[])} round-trip it exactly,
 * so an engine continuing from a restored state emits what an uninterrupted one would.
 *
 * <p>Frontiers, all in media seconds, {@code pruned <= flagged <= fused}:
 * <ul>
 *   <li>{@code fused}: seconds below it have their per-second terms fixed (every expected modality had them, or was
 *       finished, absent or timed out);</li>
 *   <li>{@code flagged}: seconds below it have final highlight flags and went through the interval builder
 *       ({@code fused - smoothingRadius}: the smoothing lookahead);</li>
 *   <li>{@code pruned}: a point where the interval builder was idle; late inputs at or after it are applied (with a
 *       re-scan from it), earlier ones are dropped.</li>
 * </ul>
 *
 * <p>Size bounds: per-second data is kept for [pruned - max(radius, snap), newest input], i.e. about
 * {@code retainSec} (plus the length of an interval still open) behind the frontier, plus whatever inputs arrived
 * ahead of the slowest modality; rolling baselines hold window/bucket buckets each; the lag estimator six sums per
 * candidate lag; the emitted highlights about 150 bytes each.
 */
public final class VodFusionState {
    private static final int FORMAT = 4; // 2: highlights carry the open flag; 3: seconds received per modality; 4: chat reaction share,
    // tagged feature baselines

    final String vodId;
    final SecondRing ring;
    final FeatureBaseline audioRolling;
    final FeatureBaseline brightnessRolling;
    final FeatureBaseline motionRolling;
    final ChatLagEstimator lagEstimator;
    IntervalBuilder builder;
    final HighlightRecords records;

    int fused;
    int flagged;
    int pruned;
    /** Next media second the lag estimator will observe. */
    int estimatorNext;
    /** Lag used for the latest fused second. */
    int lastLag;
    /** Per modality (by ordinal): contiguous seconds known from 0 (in the modality's own time). */
    final int[] prefix = new int[3];
    /** Per modality: seconds below it are complete, missing ones count as absent. */
    final int[] watermark = new int[3];
    /** Per modality: -2 still running, -1 finished at an unknown end, else the end (exclusive). */
    final int[] finishedEnd = {-2, -2, -2};
    final boolean[] absent = new boolean[3];
    final int[] maxSeen = {-1, -1, -1};
    /** Distinct seconds stored per modality (duplicates and corrections not counted): what completion waits for. */
    final long[] received = new long[3];
    boolean ended;
    int vodEnd;
    /** Frontier at which a stall was first seen by the wall clock, or -1. */
    int stallFrontier = -1;
    long stallSinceMillis;
    long droppedLate;
    long droppedOutOfRange;
    long ignoredAfterEnd;

    private VodFusionState(String vodId, SecondRing ring, FeatureBaseline audio, FeatureBaseline brightness,
                           FeatureBaseline motion, ChatLagEstimator lag, IntervalBuilder builder, HighlightRecords records) {
        this.vodId = vodId;
        this.ring = ring;
        this.audioRolling = audio;
        this.brightnessRolling = brightness;
        this.motionRolling = motion;
        this.lagEstimator = lag;
        this.builder = builder;
        this.records = records;
    }

    static VodFusionState create(String vodId, FusionConfig config) {
        VodFusionState st = config.detection() == DetectionRule.CONFIRMED
                ? new VodFusionState(vodId, new SecondRing(), robust(config, -100, 0, config.audioSpreadFloorDb()),
                        robust(config, 0, 255, config.brightnessSpreadFloor()),
                        robust(config, 0, 50, config.motionSpreadFloorDb()), ChatLagEstimator.fromConfig(config),
                        new IntervalBuilder(config.maxGapSec()), new HighlightRecords())
                : new VodFusionState(vodId, new SecondRing(), RollingZScore.fromConfig(config),
                        RollingZScore.fromConfig(config), RollingZScore.fromConfig(config),
                        ChatLagEstimator.fromConfig(config), new IntervalBuilder(config.maxGapSec()), new HighlightRecords());
        st.lastLag = config.fixedChatLagSec();
        return st;
    }

    /**
     * CONFIRMED's robust baselines, on the grid of each feature as the processor feeds it: audio level in dBFS
     * [-100, 0], brightness in grey levels [0, 255], motion in decibels [0, 50] (20 log10(1 + 255) is 48).
     */
    private static FeatureBaseline robust(FusionConfig config, double lo, double hi, double floor) {
        return new RobustRollingZ(config.rollingWindowSec(), config.rollingWarmupSec(), lo, hi, floor);
    }

    public String vodId() {
        return vodId;
    }

    /** Seconds below this are fused. */
    public int fusedUpTo() {
        return fused;
    }

    /** Seconds below this have final highlight flags. */
    public int finalUpTo() {
        return flagged;
    }

    /** Late inputs for seconds below this are dropped. */
    public int lateInputHorizon() {
        return pruned;
    }

    /** Seconds of per-second data held (the main part of the state's size). */
    public int retainedSeconds() {
        return ring.hi() - ring.lo();
    }

    /** The chat lag used for the latest fused second. */
    public int chatLagSec() {
        return lastLag;
    }

    public boolean isEnded() {
        return ended;
    }

    /** Inputs that came too late to be applied (older than the retention). */
    /** Distinct seconds of the modality stored so far (chat: chat seconds), duplicates and corrections not counted. */
    public long receivedSeconds(Modality m) {
        return received[m.ordinal()];
    }

    public long droppedLateInputs() {
        return droppedLate;
    }

    /** Inputs for a second beyond {@link FusionEngine#MAX_SECOND}: a broken upstream, never stored. */
    public long droppedOutOfRangeInputs() {
        return droppedOutOfRange;
    }

    public long ignoredInputsAfterEnd() {
        return ignoredAfterEnd;
    }

    /** Latest content of every live (not retracted) highlight so far, in start order. */
    public List<HighlightUpdate> liveHighlights() {
        return records.live();
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 64 * retainedSeconds());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeUTF(vodId);
            for (int v : new int[] {fused, flagged, pruned, estimatorNext, lastLag, vodEnd, stallFrontier}) out.writeInt(v);
            out.writeBoolean(ended);
            out.writeLong(stallSinceMillis);
            out.writeLong(droppedLate);
            out.writeLong(ignoredAfterEnd);
            out.writeLong(droppedOutOfRange);
            for (int m = 0; m < 3; m++) {
                out.writeInt(prefix[m]);
                out.writeInt(watermark[m]);
                out.writeInt(finishedEnd[m]);
                out.writeBoolean(absent[m]);
                out.writeInt(maxSeen[m]);
                out.writeLong(received[m]);
            }
            ring.write(out);
            FeatureBaseline.writeTagged(out, audioRolling);
            FeatureBaseline.writeTagged(out, brightnessRolling);
            FeatureBaseline.writeTagged(out, motionRolling);
            lagEstimator.write(out);
            builder.write(out);
            records.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static VodFusionState fromBytes(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int format = in.readInt();
            if (format < 3 || format > FORMAT) throw new IllegalArgumentException("unknown VodFusionState format " + format);
            String vodId = in.readUTF();
            int[] ints = new int[7];
            for (int i = 0; i < ints.length; i++) ints[i] = in.readInt();
            boolean ended = in.readBoolean();
            long stallSince = in.readLong();
            long dropped = in.readLong();
            long ignored = in.readLong();
            long outOfRange = format >= 4 ? in.readLong() : 0;
            int[][] perModality = new int[3][4];
            boolean[] absent = new boolean[3];
            long[] received = new long[3];
            for (int m = 0; m < 3; m++) {
                perModality[m][0] = in.readInt();
                perModality[m][1] = in.readInt();
                perModality[m][2] = in.readInt();
                absent[m] = in.readBoolean();
                perModality[m][3] = in.readInt();
                received[m] = in.readLong();
            }
            SecondRing ring = SecondRing.read(in, format);
            FeatureBaseline audio = format >= 4 ? FeatureBaseline.readTagged(in) : RollingZScore.read(in);
            FeatureBaseline brightness = format >= 4 ? FeatureBaseline.readTagged(in) : RollingZScore.read(in);
            FeatureBaseline motion = format >= 4 ? FeatureBaseline.readTagged(in) : RollingZScore.read(in);
            ChatLagEstimator lag = ChatLagEstimator.read(in);
            IntervalBuilder builder = IntervalBuilder.read(in);
            HighlightRecords records = HighlightRecords.read(in);
            VodFusionState st = new VodFusionState(vodId, ring, audio, brightness, motion, lag, builder, records);
            st.fused = ints[0];
            st.flagged = ints[1];
            st.pruned = ints[2];
            st.estimatorNext = ints[3];
            st.lastLag = ints[4];
            st.vodEnd = ints[5];
            st.stallFrontier = ints[6];
            st.ended = ended;
            st.stallSinceMillis = stallSince;
            st.droppedLate = dropped;
            st.ignoredAfterEnd = ignored;
            st.droppedOutOfRange = outOfRange;
            for (int m = 0; m < 3; m++) {
                st.prefix[m] = perModality[m][0];
                st.watermark[m] = perModality[m][1];
                st.finishedEnd[m] = perModality[m][2];
                st.absent[m] = absent[m];
                st.maxSeen[m] = perModality[m][3];
                st.received[m] = received[m];
            }
            if (in.available() != 0) throw new IllegalArgumentException("trailing bytes in VodFusionState");
            return st;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt VodFusionState", e);
        }
    }
}
