package dev.highlights.localstack.registry;

/** Avro schemas used by the registry tests: a record and its evolutions. */
final class Schemas {

    private Schemas() {
    }

    /** A record named {@code name} with the given field JSON objects. */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"dev.highlights.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    static String field(String name, String type, String defaultJson) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
    }

    /** A record name no other test uses, so its schemas get ids of their own. */
    static String uniqueName(String hint) {
        return hint + Long.toHexString(System.nanoTime()) + Integer.toHexString(COUNTER.incrementAndGet());
    }

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code name{id: string}}. */
    static String v1(String name) {
        return record(name, field("id", "string"));
    }

    /** v1 plus a field with a default. */
    static String v2WithDefault(String name) {
        return record(name, field("id", "string"), field("name", "string", "\"\""));
    }

    /** {@code User{id: string}}. */
    static final String USER_V1 = record("User", field("id", "string"));
    /** v1 plus a field with a default: BACKWARD, FORWARD and FULL compatible with v1. */
    static final String USER_V2_WITH_DEFAULT = record("User", field("id", "string"), field("name", "string", "\"\""));
    /** v1 plus a field without a default: FORWARD compatible only. */
    static final String USER_V2_NO_DEFAULT = record("User", field("id", "string"), field("age", "int"));
}
