package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per-second storage of one VOD for the seconds [lo, hi): the raw inputs as they arrived and, for fused seconds, what
 * fusion derived from them (z-scores, scaled scores, the chat lag used). A growable ring of primitive arrays indexed by
 * {@code second & mask}, so reads and writes are O(1) and pruning old seconds is just moving {@code lo}.
 */
final class SecondRing {
    static final int CHAT = 1;
    static final int AUDIO = 1 << 1;
    static final int VIDEO = 1 << 2;
    static final int STATIC = 1 << 3;
    static final int CUT = 1 << 4;
    static final int FUSED = 1 << 5;
    /** The raw audio value was added to the rolling baseline (so a correction must remove it). */
    static final int AUDIO_ROLLED = 1 << 6;
    /** The raw brightness and motion values were added to the rolling baselines. */
    static final int VIDEO_ROLLED = 1 << 7;
    /**
     * A cache, never written to a snapshot: whether chat second s is in a reaction burst ({@link #BURST}) is known
     * ({@link FusedSeconds#reactionBurst}); cleared whenever a chat second within the smoothing radius changes.
     */
    static final int BURST_KNOWN = 1 << 8;
    static final int BURST = 1 << 9;
    /** The flags a snapshot keeps. */
    private static final int PERSISTED = 0xFF;

    private int lo;
    private int hi;
    private int mask;
    private int[] bits;
    private double[] chatScore;
    private int[] chatCount;
    private double[] chatReaction;
    private double[] chatNewcomer;
    private byte[] audioKind;
    private double[] audioValue;
    private byte[] videoKind;
    private double[] videoB;
    private double[] videoM;
    private double[] audioZ;
    private double[] audioTerm;
    private double[] videoZ;
    private double[] videoTerm;
    private int[] lag;

    SecondRing() {
        allocate(64);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        bits = new int[capacity];
        chatScore = new double[capacity];
        chatCount = new int[capacity];
        chatReaction = new double[capacity];
        chatNewcomer = new double[capacity];
        audioKind = new byte[capacity];
        audioValue = new double[capacity];
        videoKind = new byte[capacity];
        videoB = new double[capacity];
        videoM = new double[capacity];
        audioZ = new double[capacity];
        audioTerm = new double[capacity];
        videoZ = new double[capacity];
        videoTerm = new double[capacity];
        lag = new int[capacity];
    }

    int lo() {
        return lo;
    }

    int hi() {
        return hi;
    }

    boolean contains(int s) {
        return s >= lo && s < hi;
    }

    /** Makes room for second s >= lo; new seconds start empty. */
    void ensure(int s) {
        if (s < lo) throw new IllegalArgumentException("second " + s + " is pruned (lo=" + lo + ")");
        if (s < hi) return;
        if (s - lo + 1 > mask + 1) grow(s - lo + 1);
        for (int x = hi; x <= s; x++) clear(x & mask);
        hi = s + 1;
    }

    /** Forgets seconds below newLo. */
    void pruneBelow(int newLo) {
        if (newLo <= lo) return;
        if (newLo >= hi) hi = newLo;
        lo = newLo;
    }

    private void grow(int needed) {
        if (needed > 1 << 30) throw new IllegalArgumentException("a ring of " + needed + " seconds is too large");
        int cap = mask + 1;
        while (cap < needed) cap <<= 1;
        SecondRing old = copyShell();
        allocate(cap);
        for (int x = lo; x < hi; x++) {
            int from = x & old.mask;
            int to = x & mask;
            bits[to] = old.bits[from];
            chatScore[to] = old.chatScore[from];
            chatCount[to] = old.chatCount[from];
            chatReaction[to] = old.chatReaction[from];
            chatNewcomer[to] = old.chatNewcomer[from];
            audioKind[to] = old.audioKind[from];
            audioValue[to] = old.audioValue[from];
            videoKind[to] = old.videoKind[from];
            videoB[to] = old.videoB[from];
            videoM[to] = old.videoM[from];
            audioZ[to] = old.audioZ[from];
            audioTerm[to] = old.audioTerm[from];
            videoZ[to] = old.videoZ[from];
            videoTerm[to] = old.videoTerm[from];
            lag[to] = old.lag[from];
        }
    }

    private SecondRing copyShell() {
        SecondRing r = new SecondRing();
        r.mask = mask;
        r.bits = bits;
        r.chatScore = chatScore;
        r.chatCount = chatCount;
        r.chatReaction = chatReaction;
        r.chatNewcomer = chatNewcomer;
        r.audioKind = audioKind;
        r.audioValue = audioValue;
        r.videoKind = videoKind;
        r.videoB = videoB;
        r.videoM = videoM;
        r.audioZ = audioZ;
        r.audioTerm = audioTerm;
        r.videoZ = videoZ;
        r.videoTerm = videoTerm;
        r.lag = lag;
        return r;
    }

    private void clear(int i) {
        bits[i] = 0;
        chatScore[i] = 0;
        chatCount[i] = -1;
        chatReaction[i] = 0;
        chatNewcomer[i] = 0;
        audioKind[i] = 0;
        audioValue[i] = 0;
        videoKind[i] = 0;
        videoB[i] = 0;
        videoM[i] = 0;
        audioZ[i] = Double.NaN;
        audioTerm[i] = 0;
        videoZ[i] = Double.NaN;
        videoTerm[i] = 0;
        lag[i] = 0;
    }

    // ---- flags ----

    boolean has(int s, int flag) {
        return contains(s) && (bits[s & mask] & flag) != 0;
    }

    void set(int s, int flag, boolean on) {
        int i = s & mask;
        bits[i] = on ? bits[i] | flag : bits[i] & ~flag;
    }

    // ---- raw inputs ----

    double chatScore(int s) {
        return chatScore[s & mask];
    }

    int chatCount(int s) {
        return chatCount[s & mask];
    }

    /** Share of the second's messages that read as reactions. */
    double chatReaction(int s) {
        return chatReaction[s & mask];
    }

    /** Share of the second's messages from chatters new to the VOD. */
    double chatNewcomer(int s) {
        return chatNewcomer[s & mask];
    }

    void setChat(int s, double score, int count, double reactionShare, double newcomerShare) {
        int i = s & mask;
        chatScore[i] = score;
        chatCount[i] = count;
        chatReaction[i] = reactionShare;
        chatNewcomer[i] = newcomerShare;
        bits[i] |= CHAT;
    }

    InputKind audioKind(int s) {
        return InputKind.of(audioKind[s & mask]);
    }

    double audioValue(int s) {
        return audioValue[s & mask];
    }

    void setAudio(int s, InputKind kind, double value) {
        int i = s & mask;
        audioKind[i] = (byte) kind.ordinal();
        audioValue[i] = value;
        bits[i] |= AUDIO;
    }

    InputKind videoKind(int s) {
        return InputKind.of(videoKind[s & mask]);
    }

    double videoB(int s) {
        return videoB[s & mask];
    }

    double videoM(int s) {
        return videoM[s & mask];
    }

    void setVideo(int s, InputKind kind, double b, double m, boolean staticScreen, boolean cut) {
        int i = s & mask;
        videoKind[i] = (byte) kind.ordinal();
        videoB[i] = b;
        videoM[i] = m;
        bits[i] = (bits[i] | VIDEO) & ~(STATIC | CUT) | (staticScreen ? STATIC : 0) | (cut ? CUT : 0);
    }

    // ---- derived at fusion ----

    double audioZ(int s) {
        return audioZ[s & mask];
    }

    double audioTerm(int s) {
        return audioTerm[s & mask];
    }

    void setAudioScore(int s, double z, double term) {
        audioZ[s & mask] = z;
        audioTerm[s & mask] = term;
    }

    double videoZ(int s) {
        return videoZ[s & mask];
    }

    double videoTerm(int s) {
        return videoTerm[s & mask];
    }

    void setVideoScore(int s, double z, double term) {
        videoZ[s & mask] = z;
        videoTerm[s & mask] = term;
    }

    int lag(int s) {
        return lag[s & mask];
    }

    void setLag(int s, int l) {
        lag[s & mask] = l;
    }

    // ---- codec: only what is set is written ----

    void write(DataOutput out) throws IOException {
        out.writeInt(lo);
        out.writeInt(hi);
        for (int s = lo; s < hi; s++) {
            int i = s & mask;
            int b = bits[i] & PERSISTED;
            out.writeByte(b & PERSISTED);
            if ((b & CHAT) != 0) {
                out.writeDouble(chatScore[i]);
                out.writeInt(chatCount[i]);
                out.writeDouble(chatReaction[i]);
                out.writeDouble(chatNewcomer[i]);
            }
            if ((b & AUDIO) != 0) {
                out.writeByte(audioKind[i]);
                out.writeDouble(audioValue[i]);
            }
            if ((b & VIDEO) != 0) {
                out.writeByte(videoKind[i]);
                out.writeDouble(videoB[i]);
                out.writeDouble(videoM[i]);
            }
            if ((b & FUSED) != 0) {
                out.writeDouble(audioZ[i]);
                out.writeDouble(audioTerm[i]);
                out.writeDouble(videoZ[i]);
                out.writeDouble(videoTerm[i]);
                out.writeShort(lag[i]);
            }
        }
    }

    /** @param format the state format it was written in: before 4, chat seconds carry no reaction share (read as 1) */
    static SecondRing read(DataInput in, int format) throws IOException {
        SecondRing r = new SecondRing();
        int lo = in.readInt();
        int hi = in.readInt();
        r.lo = lo;
        r.hi = lo;
        if (hi > lo) r.ensure(hi - 1);
        for (int s = lo; s < hi; s++) {
            int i = s & r.mask;
            int b = in.readUnsignedByte();
            r.bits[i] = b;
            if ((b & CHAT) != 0) {
                r.chatScore[i] = in.readDouble();
                r.chatCount[i] = in.readInt();
                r.chatReaction[i] = format >= 4 ? in.readDouble() : 1.0;
                r.chatNewcomer[i] = format >= 4 ? in.readDouble() : 0.0;
            }
            if ((b & AUDIO) != 0) {
                r.audioKind[i] = in.readByte();
                r.audioValue[i] = in.readDouble();
            }
            if ((b & VIDEO) != 0) {
                r.videoKind[i] = in.readByte();
                r.videoB[i] = in.readDouble();
                r.videoM[i] = in.readDouble();
            }
            if ((b & FUSED) != 0) {
                r.audioZ[i] = in.readDouble();
                r.audioTerm[i] = in.readDouble();
                r.videoZ[i] = in.readDouble();
                r.videoTerm[i] = in.readDouble();
                r.lag[i] = in.readUnsignedShort();
            }
        }
        return r;
    }

    @Override
    public String toString() {
        return "SecondRing[" + lo + ", " + hi + ") capacity " + (mask + 1);
    }
}
