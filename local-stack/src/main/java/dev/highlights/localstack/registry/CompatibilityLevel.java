package dev.highlights.localstack.registry;

import java.util.Locale;
import java.util.Optional;

/** Confluent's seven compatibility levels. */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level when neither the subject nor the global config sets one. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    /** The new schema (reader) must read data written with earlier ones. */
    final boolean backward;
    /** Earlier schemas (readers) must read data written with the new one. */
    final boolean forward;
    /** Checked against every live earlier version, not only the latest. */
    final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Case-insensitive, as Confluent accepts {@code "full"} and {@code "FULL"}. */
    static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
