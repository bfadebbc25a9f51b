package dev.highlights.fusion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * What fusion knows about a VOD's inputs beyond the per-second values: whether it is live, how
 * many media segments each worker must finish, which they have finished, and which modalities are
 * absent or done. Decides when the VOD is complete.
 *
 * <p>A VOD (not live) is complete only when every second the stages said they emitted has arrived: a stage's
 * COMPLETED status (another topic) may be processed before its last seconds when their partition lags behind, so
 * cross-topic order is not trusted. Live streams keep ending on the statuses: their wall-clock timeouts may have
 * dropped seconds as late, which would never arrive.
 */
final class VodProgress {
    boolean started;
    boolean live;
    /** Segments per media modality, once the VOD registration was seen; -1 before. */
    int segmentCount = -1;
    boolean audioAbsent;
    boolean videoAbsent;
    boolean chatAbsent;
    /** Chat's end marker was reported: chat is finished at this second (exclusive); -1 while open. */
    int chatEndSec = -1;
    final BitSet audioSegmentsDone = new BitSet();
    final BitSet videoSegmentsDone = new BitSet();
    /** Seconds the COMPLETED audio and video segments say they emitted (their status's count). */
    long audioExpected;
    long videoExpected;
    int audioMaxSecond = -1;
    int videoMaxSecond = -1;
    boolean audioFinishedReported;
    boolean videoFinishedReported;
    boolean ended;
    /** Wall-clock time of the VOD's last input (epoch ms; 0: not known, from a state written before it was kept). */
    long lastInputMs;

    boolean audioDone(long received) {
        return audioAbsent || mediaDone(audioSegmentsDone, received, audioExpected);
    }

    boolean videoDone(long received) {
        return videoAbsent || mediaDone(videoSegmentsDone, received, videoExpected);
    }

    /** Every segment reported, and (VODs) every second those segments said they emitted has arrived. */
    private boolean mediaDone(BitSet segmentsDone, long received, long expected) {
        return segmentCount >= 0 && segmentsDone.cardinality() >= segmentCount && (live || received >= expected);
    }

    /** Chat features come for every second 0..lastSecond: chatEndSec of them. */
    boolean chatDone(long received) {
        return chatAbsent || (chatEndSec >= 0 && (live || received >= chatEndSec));
    }

    boolean complete(long audioReceived, long videoReceived, long chatReceived) {
        return audioDone(audioReceived) && videoDone(videoReceived) && chatDone(chatReceived);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(3); // format version
            out.writeBoolean(started);
            out.writeBoolean(live);
            out.writeInt(segmentCount);
            out.writeBoolean(audioAbsent);
            out.writeBoolean(videoAbsent);
            out.writeBoolean(chatAbsent);
            out.writeInt(chatEndSec);
            writeBits(out, audioSegmentsDone);
            writeBits(out, videoSegmentsDone);
            out.writeInt(audioMaxSecond);
            out.writeInt(videoMaxSecond);
            out.writeBoolean(audioFinishedReported);
            out.writeBoolean(videoFinishedReported);
            out.writeBoolean(ended);
            out.writeLong(audioExpected);
            out.writeLong(videoExpected);
            out.writeLong(lastInputMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static VodProgress fromBytes(byte[] bytes) {
        VodProgress p = new VodProgress();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != 2 && version != 3) {
                throw new IllegalStateException("Unknown VodProgress format " + version);
            }
            p.started = in.readBoolean();
            p.live = in.readBoolean();
            p.segmentCount = in.readInt();
            p.audioAbsent = in.readBoolean();
            p.videoAbsent = in.readBoolean();
            p.chatAbsent = in.readBoolean();
            p.chatEndSec = in.readInt();
            p.audioSegmentsDone.or(readBits(in));
            p.videoSegmentsDone.or(readBits(in));
            p.audioMaxSecond = in.readInt();
            p.videoMaxSecond = in.readInt();
            p.audioFinishedReported = in.readBoolean();
            p.videoFinishedReported = in.readBoolean();
            p.ended = in.readBoolean();
            p.audioExpected = in.readLong();
            p.videoExpected = in.readLong();
            if (version >= 3) {
                p.lastInputMs = in.readLong();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void writeBits(DataOutputStream out, BitSet bits) throws IOException {
        byte[] b = bits.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    private static BitSet readBits(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return BitSet.valueOf(b);
    }
}
