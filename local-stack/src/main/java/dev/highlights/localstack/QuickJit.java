package dev.highlights.localstack;

/**
 * C1-only JIT ({@code -XX:TieredStopAtLevel=1}) for the local JVMs whose own work is light next to the workers'
 * decoding: on a few cores, C2's compilations take the cores the decoders need, and pay back only in long runs.
 * {@code HIGHLIGHTS_JIT=full} in the environment gives every JVM the full tiered JIT again.
 */
public final class QuickJit {
    public static final String FLAG = "-XX:TieredStopAtLevel=1";

    private QuickJit() {
    }

    /** Whether JVMs that may run C1-only should ({@code HIGHLIGHTS_JIT} is not {@code full}). */
    public static boolean enabled() {
        return !"full".equals(System.getenv("HIGHLIGHTS_JIT"));
    }
}
