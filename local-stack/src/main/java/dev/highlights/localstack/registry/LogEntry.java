package dev.highlights.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of the registry's compacted topic. Keys and values are JSON in the layout Confluent's
 * registry uses for its {@code _schemas} topic, so the key decides what compaction keeps:
 * <ul>
 *   <li>{@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}}: one version of a subject;
 *       value {@code {"subject","version","id","schemaType"?,"references"?,"schema","deleted"}},
 *       a tombstone when the version is permanently deleted;</li>
 *   <li>{@code {"keytype":"CONFIG","subject":s|null,"magic":0}}: value {@code {"compatibilityLevel":..}},
 *       a tombstone when unset;</li>
 *   <li>{@code {"keytype":"DELETE_SUBJECT","subject":s,"magic":0}}: value {@code {"subject","version"}}, a soft
 *       delete of every version up to that one (one record, so a subject delete is atomic);</li>
 *   <li>{@code {"keytype":"ID_WATERMARK","magic":0}}: value {@code {"maxId":n}}, the highest id ever assigned,
 *       written before permanent deletes so a compacted-away id is never handed out again.</li>
 * </ul>
 * Unknown key types (Confluent's NOOP, MODE, ...) decode to {@link Ignored} and are skipped.
 */
sealed interface LogEntry {

    String AVRO = "AVRO";

    /** A version of a subject. {@code deleted} marks a soft delete. */
    record SchemaVersion(String subject, int version, int id, String schemaType,
                         List<SchemaReference> references, String schema, boolean deleted) implements LogEntry {
        public SchemaVersion {
            references = List.copyOf(references);
        }

        public SchemaVersion asDeleted() {
            return new SchemaVersion(subject, version, id, schemaType, references, schema, true);
        }
    }

    /** A version removed for good (tombstone of its SCHEMA key). */
    record SchemaTombstone(String subject, int version) implements LogEntry {
    }

    /** Compatibility level for a subject, or the global one when {@code subject} is null; null level = unset. */
    record Config(String subject, CompatibilityLevel level) implements LogEntry {
    }

    /** Soft delete of every version of {@code subject} up to {@code version}; null version = tombstone. */
    record DeleteSubject(String subject, Integer version) implements LogEntry {
    }

    /** The highest global id ever assigned. */
    record IdWatermark(int maxId) implements LogEntry {
    }

    /** A record this registry does not use. */
    record Ignored(String keytype) implements LogEntry {
    }

    // ---- codec ----

    ObjectMapper JSON = new ObjectMapper();

    static byte[] key(LogEntry entry) {
        ObjectNode key = JSON.createObjectNode();
        if (entry instanceof SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
        } else if (entry instanceof SchemaTombstone t) {
            key.put("keytype", "SCHEMA").put("subject", t.subject()).put("version", t.version()).put("magic", 1);
        } else if (entry instanceof Config c) {
            key.put("keytype", "CONFIG");
            if (c.subject() == null) {
                key.putNull("subject");
            } else {
                key.put("subject", c.subject());
            }
            key.put("magic", 0);
        } else if (entry instanceof DeleteSubject d) {
            key.put("keytype", "DELETE_SUBJECT").put("subject", d.subject()).put("magic", 0);
        } else if (entry instanceof IdWatermark) {
            key.put("keytype", "ID_WATERMARK").put("magic", 0);
        } else {
            throw new IllegalArgumentException("not writable: " + entry);
        }
        return bytes(key);
    }

    /** The value bytes, or null for a tombstone. */
    static byte[] value(LogEntry entry) {
        if (entry instanceof SchemaVersion v) {
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", v.subject()).put("version", v.version()).put("id", v.id());
            if (!AVRO.equals(v.schemaType())) {
                value.put("schemaType", v.schemaType());
            }
            if (!v.references().isEmpty()) {
                ArrayNode refs = value.putArray("references");
                for (SchemaReference r : v.references()) {
                    refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
                }
            }
            value.put("schema", v.schema()).put("deleted", v.deleted());
            return bytes(value);
        } else if (entry instanceof Config c) {
            return c.level() == null ? null
                    : bytes(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
        } else if (entry instanceof DeleteSubject d) {
            return d.version() == null ? null
                    : bytes(JSON.createObjectNode().put("subject", d.subject()).put("version", d.version()));
        } else if (entry instanceof IdWatermark w) {
            return bytes(JSON.createObjectNode().put("maxId", w.maxId()));
        } else if (entry instanceof SchemaTombstone) {
            return null;
        }
        throw new IllegalArgumentException("not writable: " + entry);
    }

    /** Decodes one record; throws {@link IllegalArgumentException} when it is not readable. */
    static LogEntry decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = tree(keyBytes);
        JsonNode value = valueBytes == null ? null : tree(valueBytes);
        String keytype = key.path("keytype").asText("");
        switch (keytype) {
            case "SCHEMA": {
                String subject = requiredText(key, "subject");
                int version = requiredInt(key, "version");
                if (value == null || value.isNull()) {
                    return new SchemaTombstone(subject, version);
                }
                List<SchemaReference> refs = new ArrayList<>();
                for (JsonNode r : value.path("references")) {
                    refs.add(new SchemaReference(r.path("name").asText(), r.path("subject").asText(),
                            r.path("version").asInt()));
                }
                String type = value.hasNonNull("schemaType") ? value.get("schemaType").asText() : AVRO;
                return new SchemaVersion(subject, version, requiredInt(value, "id"), type, refs,
                        requiredText(value, "schema"), value.path("deleted").asBoolean(false));
            }
            case "CONFIG": {
                String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
                if (value == null || value.isNull()) {
                    return new Config(subject, null);
                }
                CompatibilityLevel level = CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null))
                        .orElse(null);
                // A config record without a level we know (e.g. Confluent's normalize-only configs) sets nothing.
                return level == null ? new Ignored(keytype) : new Config(subject, level);
            }
            case "DELETE_SUBJECT": {
                String subject = requiredText(key, "subject");
                return value == null || value.isNull() ? new DeleteSubject(subject, null)
                        : new DeleteSubject(subject, requiredInt(value, "version"));
            }
            case "ID_WATERMARK":
                return value == null || value.isNull() ? new Ignored(keytype) : new IdWatermark(requiredInt(value, "maxId"));
            default:
                return new Ignored(keytype);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("missing int field '" + field + "'");
        }
        return v.intValue();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
