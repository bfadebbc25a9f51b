package dev.highlights.chat.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary snapshot of a {@link VodChatState}: a version byte, then the configuration, clock and counters, the
 * baseline window (counts as varints, oldest first), the open seconds with their messages (sorted, so equal states
 * give equal bytes), and the closed part of the repeat index. Derived indexes (message ids, open repeat entries,
 * the baseline histogram) are rebuilt on decode rather than stored.
 */
final class VodChatStateCodec {

    static final int VERSION = 2;
    /** Version 1 snapshots predate {@code reactionMaxTokens} and newcomers; they read with the values those shipped with. */
    private static final int V1_REACTION_MAX_TOKENS = 6;
    private static final int V1_NEWCOMER_HISTORY_SECONDS = 300;

    private VodChatStateCodec() {
    }

    static byte[] encode(VodChatState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeConfig(out, state.config);

            out.writeBoolean(state.hasWatermark);
            out.writeDouble(state.watermark);
            out.writeLong(state.nextToEmit);
            out.writeBoolean(state.ended);
            out.writeLong(state.lastSecond);
            writeVarLong(out, state.accepted);
            writeVarLong(out, state.late);
            writeVarLong(out, state.duplicates);
            writeVarLong(out, state.invalid);

            writeVarLong(out, state.baseline.totalPushed());
            int[] window = state.baseline.windowCounts();
            writeVarLong(out, window.length);
            for (int c : window) {
                writeVarLong(out, c);
            }

            writeVarLong(out, state.open.size());
            for (VodChatState.OpenSecond os : state.open.values()) {
                out.writeLong(os.messages.second());
                writeVarLong(out, os.revision);
                if (os.revision > 0) {
                    out.writeDouble(os.stats.center());
                    out.writeDouble(os.stats.spread());
                    writeVarLong(out, os.stats.secondsInWindow());
                    writeVarLong(out, os.stats.samples());
                }
                List<MessageFacts> messages = os.messages.messages();
                writeVarLong(out, messages.size());
                for (MessageFacts m : messages) {
                    writeString(out, m.messageId());
                    out.writeDouble(m.offsetSec());
                    writeString(out, m.chatterKey());
                    writeVarLong(out, m.tokenCount());
                    writeVarLong(out, m.emoteCount());
                    out.writeByte(m.categoryMask());
                    writeVarLong(out, m.bits());
                    out.writeLong(m.textHash());
                }
            }

            Map<Long, Long> closed = new TreeMap<>(state.repeats.closedEntries());
            writeVarLong(out, closed.size());
            for (Map.Entry<Long, Long> e : closed.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }

            // Sorted, so that equal states give equal bytes.
            Map<Long, Long> chatters = new TreeMap<>(state.firstSeen);
            writeVarLong(out, chatters.size());
            for (Map.Entry<Long, Long> e : chatters.entrySet()) {
                out.writeLong(e.getKey());
                writeVarLong(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    static VodChatState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException("unsupported chat state snapshot version " + version);
            }
            ChatFeatureConfig config = readConfig(in, version);

            boolean hasWatermark = in.readBoolean();
            double watermark = in.readDouble();
            long nextToEmit = in.readLong();
            boolean ended = in.readBoolean();
            long lastSecond = in.readLong();
            long accepted = readVarLong(in);
            long late = readVarLong(in);
            long duplicates = readVarLong(in);
            long invalid = readVarLong(in);

            long totalPushed = readVarLong(in);
            int[] window = new int[readCount(in, config.baselineWindowSeconds())];
            for (int i = 0; i < window.length; i++) {
                window[i] = (int) readVarLong(in);
            }
            RollingBaseline baseline = RollingBaseline.restore(config.baselineWindowSeconds(),
                    config.includeQuietSeconds(), totalPushed, window);

            VodChatState state = new VodChatState(config, baseline);
            state.hasWatermark = hasWatermark;
            state.watermark = watermark;
            state.nextToEmit = nextToEmit;
            state.ended = ended;
            state.lastSecond = lastSecond;
            state.accepted = accepted;
            state.late = late;
            state.duplicates = duplicates;
            state.invalid = invalid;

            int openCount = readCount(in, Integer.MAX_VALUE);
            for (int i = 0; i < openCount; i++) {
                long second = in.readLong();
                int revision = (int) readVarLong(in);
                BaselineStats stats = null;
                if (revision > 0) {
                    stats = new BaselineStats(in.readDouble(), in.readDouble(), (int) readVarLong(in),
                            (int) readVarLong(in));
                }
                int messageCount = readCount(in, Integer.MAX_VALUE);
                List<MessageFacts> messages = new ArrayList<>(messageCount);
                for (int j = 0; j < messageCount; j++) {
                    messages.add(new MessageFacts(readString(in), in.readDouble(), readString(in),
                            (int) readVarLong(in), (int) readVarLong(in), in.readUnsignedByte(),
                            (int) readVarLong(in), in.readLong()));
                }
                state.restoreOpenSecond(second, revision, stats, messages);
            }

            int closedCount = readCount(in, Integer.MAX_VALUE);
            for (int i = 0; i < closedCount; i++) {
                state.repeats.recordClosed(in.readLong(), in.readLong());
            }
            if (version >= 2) {
                int chatters = readCount(in, VodChatState.MAX_TRACKED_CHATTERS);
                for (int k = 0; k < chatters; k++) {
                    state.firstSeen.put(in.readLong(), readVarLong(in));
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes in chat state snapshot");
            }
            return state;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated chat state snapshot", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeConfig(DataOutputStream out, ChatFeatureConfig c) throws IOException {
        writeVarLong(out, c.baselineWindowSeconds());
        writeVarLong(out, c.warmUpSeconds());
        writeVarLong(out, c.allowedLatenessSeconds());
        writeVarLong(out, c.repeatWindowSeconds());
        out.writeDouble(c.highDeviations());
        out.writeDouble(c.exceptionalDeviations());
        out.writeDouble(c.deviationFloor());
        out.writeBoolean(c.includeQuietSeconds());
        out.writeByte(c.estimator().ordinal());
        writeVarLong(out, c.maxOffsetSeconds());
        writeVarLong(out, c.reactionMaxTokens());
        writeVarLong(out, c.newcomerHistorySeconds());
    }

    private static ChatFeatureConfig readConfig(DataInputStream in, int version) throws IOException {
        int window = (int) readVarLong(in);
        int warmUp = (int) readVarLong(in);
        int lateness = (int) readVarLong(in);
        int repeatWindow = (int) readVarLong(in);
        double high = in.readDouble();
        double exceptional = in.readDouble();
        double floor = in.readDouble();
        boolean includeQuiet = in.readBoolean();
        int estimator = in.readUnsignedByte();
        ChatFeatureConfig.Estimator[] estimators = ChatFeatureConfig.Estimator.values();
        if (estimator >= estimators.length) {
            throw new IllegalArgumentException("unknown estimator " + estimator + " in chat state snapshot");
        }
        long maxOffset = readVarLong(in);
        int reactionMaxTokens = version == 1 ? V1_REACTION_MAX_TOKENS : (int) readVarLong(in);
        int newcomerHistory = version == 1 ? V1_NEWCOMER_HISTORY_SECONDS : (int) readVarLong(in);
        return new ChatFeatureConfig(window, warmUp, lateness, repeatWindow, high, exceptional, floor, includeQuiet,
                estimators[estimator], maxOffset, reactionMaxTokens, newcomerHistory);
    }

    private static int readCount(DataInputStream in, int max) throws IOException {
        long n = readVarLong(in);
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("bad count " + n + " in chat state snapshot");
        }
        return (int) n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = readCount(in, 1 << 24);
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Unsigned LEB128; every value written here is >= 0. */
    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in chat state snapshot");
    }
}
