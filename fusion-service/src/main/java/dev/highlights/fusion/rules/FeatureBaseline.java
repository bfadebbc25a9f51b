package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A per-VOD rolling baseline of one media feature over a trailing window: values enter in second order as seconds are
 * fused, a corrected value is removed and added again, and {@link #zScore} says how far a value is from the window's
 * centre in units of its spread (NaN during warm-up).
 */
interface FeatureBaseline {

    /** Moves the window's head to {@code second}, forgetting what falls out. */
    void advanceTo(int second);

    /** Adds the value of {@code second}; false (and ignored) when that second is already outside the window. */
    boolean add(int second, double x);

    /** Removes a value added earlier for {@code second}; false when it has already left the window. */
    boolean remove(int second, double x);

    double zScore(double x);

    void write(DataOutput out) throws IOException;

    /** Tag of the implementation in a state snapshot. */
    byte kind();

    static void writeTagged(DataOutput out, FeatureBaseline b) throws IOException {
        out.writeByte(b.kind());
        b.write(out);
    }

    static FeatureBaseline readTagged(DataInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case RollingZScore.KIND -> RollingZScore.read(in);
            case RobustRollingZ.KIND -> RobustRollingZ.read(in);
            default -> throw new IOException("unknown feature baseline kind " + kind);
        };
    }
}
