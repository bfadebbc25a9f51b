package dev.highlights.ingest.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.ingest.core.VodRequest;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.schemas.serde.AvroDeserializationException;
import dev.highlights.schemas.serde.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the values of the public ingest topics, Avro or JSON, told apart by the first byte: {@code 0} is the
 * Confluent wire format's magic byte (the writer schema comes from the registry), {@code {} or {@code [} is JSON
 * (leading whitespace and a UTF-8 byte-order mark are skipped). Avro values are read as generic records by field
 * name, so any writer schema with the documented field names works (and no generated class is needed).
 *
 * <p>vod-requests: the fields of {@code POST /api/vods} ({@code id} or {@code vodId}) plus {@code requestId}.
 * chat-events: a batch ({@code {"vodId", "messages": [...], "end"}}; Avro {@code ChatEvent}), a single message
 * (an object with {@code text}; Avro {@code ChatMessage}) or a JSON array of messages. Messages are the live chat
 * JSON of {@code POST /api/vods/{id}/chat}, which the normalized {@code ChatMessage} also is ({@code messageId}
 * is read as {@code id}); a message of type {@code END_OF_CHAT} ends the stream.
 *
 * <p>A value that is neither, or does not decode, raises {@link MalformedValueException}; a value that decodes
 * but is not a usable request raises {@link IngestException} (reported like a refused REST request). An Avro value
 * read while the registry does not answer raises {@link RegistryUnavailableException}: not the value's fault.
 */
public final class IngestValues {

    /** A VOD request and the id its refusals are reported under (null: none given). */
    public record VodPush(String requestId, VodRequest request) {
    }

    /** Live chat for one VOD: messages in the live chat JSON shape, and whether the stream ends after them. */
    public record ChatPush(String vodId, List<JsonNode> messages, boolean end) {
    }

    /** The value is not Avro in the Confluent wire format nor JSON, or does not decode. */
    public static final class MalformedValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An Avro value could not be read because the schema registry did not answer: read it again later. */
    public static final class RegistryUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    enum Encoding {
        AVRO, JSON
    }

    private final ObjectMapper mapper;
    private final Deserializer<Object> avro;

    /** @param avro a generic Avro deserializer (GenericRecord), configured with the registry */
    public IngestValues(ObjectMapper mapper, Deserializer<Object> avro) {
        this.mapper = Objects.requireNonNull(mapper);
        this.avro = Objects.requireNonNull(avro);
    }

    static Encoding encoding(byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedValueException("the value is empty (expected Avro in the Confluent wire format or JSON)", null);
        }
        if (value[0] == WireFormat.MAGIC_BYTE) {
            return Encoding.AVRO;
        }
        int i = 0;
        if (value.length >= 3 && (value[0] & 0xFF) == 0xEF && (value[1] & 0xFF) == 0xBB && (value[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < value.length && (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n')) {
            i++;
        }
        if (i < value.length && (value[i] == '{' || value[i] == '[')) {
            return Encoding.JSON;
        }
        throw new MalformedValueException(String.format(Locale.ROOT, "the value starts with byte 0x%02x: neither Avro "
                + "(magic byte 0x00, Confluent wire format) nor JSON ('{' or '[')", value[0]), null);
    }

    /** A value of vod-requests. */
    public VodPush vodRequest(String topic, byte[] value) {
        if (encoding(value) == Encoding.AVRO) {
            GenericRecord r = avroRecord(topic, value);
            if (r.getSchema().getField("mediaUri") == null) {
                throw new MalformedValueException("an Avro " + r.getSchema().getFullName() + " is not a VOD request "
                        + "(expected dev.highlights.avro.VodIngestRequest)", null);
            }
            Object live = field(r, "live");
            Object start = field(r, "streamStartEpochMs");
            String id = text(r, "vodId");
            return new VodPush(text(r, "requestId"), new VodRequest(id != null ? id : text(r, "id"), text(r, "channel"),
                    text(r, "title"), text(r, "mediaUri"), text(r, "chatUri"), text(r, "chatFormat"),
                    live instanceof Boolean b ? b : null, start instanceof Number n ? n.longValue() : null));
        }
        JsonNode node = json(value);
        if (!node.isObject()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "REQUEST_NOT_JSON",
                    "a VOD request is one JSON object describing the VOD, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String requestId = textOf(node.get("requestId"));
        VodRequest request;
        try {
            request = mapper.treeToValue(node, VodRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "REQUEST_NOT_JSON",
                    "the value is not a JSON object describing the VOD: "
                            + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (request.id() == null && textOf(node.get("vodId")) != null) {
            request = new VodRequest(textOf(node.get("vodId")), request.channel(), request.title(), request.mediaUri(),
                    request.chatUri(), request.chatFormat(), request.live(), request.streamStartEpochMs());
        }
        return new VodPush(requestId, request);
    }

    /**
     * A value of chat-events.
     *
     * @param key the record key, the VOD id when the value does not name it
     */
    public ChatPush chatEvent(String topic, String key, byte[] value) {
        String vodId;
        List<JsonNode> messages = new ArrayList<>();
        boolean end = false;
        if (encoding(value) == Encoding.AVRO) {
            GenericRecord r = avroRecord(topic, value);
            Schema schema = r.getSchema();
            if (schema.getField("messages") != null) {
                vodId = text(r, "vodId");
                Object list = r.get("messages");
                if (list instanceof Collection<?> c) {
                    for (Object m : c) {
                        messages.add(toJson(m));
                    }
                }
                end = Boolean.TRUE.equals(field(r, "end"));
            } else if (schema.getField("text") != null) {
                vodId = text(r, "vodId");
                messages.add(toJson(r));
            } else {
                throw new MalformedValueException("an Avro " + schema.getFullName() + " is not a chat event "
                        + "(expected dev.highlights.avro.ChatEvent or dev.highlights.avro.ChatMessage)", null);
            }
        } else {
            JsonNode node = json(value);
            if (node.isArray()) {
                vodId = null;
                node.forEach(messages::add);
            } else if (node.isObject() && (node.has("messages") || (node.has("end") && !node.has("text")))) {
                vodId = textOf(node.get("vodId"));
                JsonNode list = node.get("messages");
                if (list != null && !list.isNull()) {
                    if (!list.isArray()) {
                        throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID",
                                "messages must be an array of chat messages");
                    }
                    list.forEach(messages::add);
                }
                JsonNode e = node.get("end");
                if (e != null && !e.isNull() && !e.isBoolean()) {
                    throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID", "end must be true or false");
                }
                end = e != null && e.asBoolean(false);
            } else if (node.isObject()) {
                vodId = textOf(node.get("vodId"));
                messages.add(node);
            } else {
                throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID",
                        "a chat event is a JSON object (one message, or {vodId, messages, end}) or an array of messages");
            }
        }
        if (vodId == null) {
            vodId = key != null && !key.isBlank() ? key.trim() : null;
        }
        if (vodId == null) {
            for (JsonNode m : messages) {
                if (m.isObject() && textOf(m.get("vodId")) != null) {
                    vodId = textOf(m.get("vodId"));
                    break;
                }
            }
        }
        if (vodId == null) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_EVENT_NO_VOD",
                    "the chat event names no VOD: give vodId in the value, or the VOD id as the record key");
        }
        List<JsonNode> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (m.isObject()) {
                String other = textOf(m.get("vodId"));
                if (other != null && !other.equals(vodId)) {
                    throw new IngestException(ProblemKind.INVALID_REQUEST, "CHAT_MESSAGE_INVALID", "message " + i
                            + " belongs to VOD '" + other + "', not to '" + vodId + "'; one event carries one VOD's chat");
                }
                if ("END_OF_CHAT".equalsIgnoreCase(textOf(m.get("type")))) {
                    end = true;
                    continue;
                }
                if (!m.has("id") && textOf(m.get("messageId")) != null) {
                    ObjectNode copy = ((ObjectNode) m).deepCopy();
                    copy.set("id", m.get("messageId"));
                    m = copy;
                }
            }
            out.add(m);
        }
        return new ChatPush(vodId, out, end);
    }

    private GenericRecord avroRecord(String topic, byte[] value) {
        Object decoded;
        try {
            decoded = avro.deserialize(topic, value);
        } catch (AvroDeserializationException e) {
            if (e.registryUnavailable()) {
                throw new RegistryUnavailableException(e.getMessage(), e);
            }
            throw new MalformedValueException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedValueException(e.getMessage(), e);
        }
        if (!(decoded instanceof GenericRecord r)) {
            throw new MalformedValueException("the Avro value is " + (decoded == null ? "null"
                    : ((GenericContainer) decoded).getSchema().getType()) + ", not a record", null);
        }
        return r;
    }

    private JsonNode json(byte[] value) {
        try {
            JsonNode node = mapper.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new MalformedValueException("the value holds no JSON", null);
            }
            return node;
        } catch (IOException e) {
            throw new MalformedValueException("the value is not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** An Avro datum as JSON: records as objects, arrays, maps, strings and enum symbols as text, numbers. */
    JsonNode toJson(Object datum) {
        if (datum == null) {
            return mapper.nullNode();
        }
        if (datum instanceof GenericRecord r) {
            ObjectNode o = mapper.createObjectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                Object v = r.get(f.pos());
                if (v != null) {
                    o.set(f.name(), toJson(v));
                }
            }
            return o;
        }
        if (datum instanceof Collection<?> c) {
            ArrayNode a = mapper.createArrayNode();
            c.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (datum instanceof Map<?, ?> m) {
            ObjectNode o = mapper.createObjectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
            return o;
        }
        if (datum instanceof Boolean b) {
            return mapper.getNodeFactory().booleanNode(b);
        }
        if (datum instanceof Integer i) {
            return mapper.getNodeFactory().numberNode(i);
        }
        if (datum instanceof Long l) {
            return mapper.getNodeFactory().numberNode(l);
        }
        if (datum instanceof Float f) {
            return mapper.getNodeFactory().numberNode(f.doubleValue());
        }
        if (datum instanceof Double d) {
            return mapper.getNodeFactory().numberNode(d);
        }
        if (datum instanceof ByteBuffer) {
            return mapper.getNodeFactory().textNode(String.valueOf(datum));
        }
        return mapper.getNodeFactory().textNode(datum.toString()); // Utf8, String, enum symbols
    }

    private static Object field(GenericRecord r, String name) {
        return r.getSchema().getField(name) == null ? null : r.get(name);
    }

    private static String text(GenericRecord r, String name) {
        Object v = field(r, name);
        return v == null ? null : v.toString();
    }

    private static String textOf(JsonNode v) {
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
