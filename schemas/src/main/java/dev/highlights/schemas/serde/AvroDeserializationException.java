package dev.highlights.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's value could not be read as Confluent-framed Avro. Names the topic and, when the frame
 * was readable, the schema id, so the error can be reported on the status topic.
 */
public class AvroDeserializationException extends SerializationException {
    private final String topic;
    private final int schemaId;

    public AvroDeserializationException(String topic, int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public String topic() {
        return topic;
    }

    /** The schema id from the frame, or -1 when the frame itself was broken. */
    public int schemaId() {
        return schemaId;
    }

    /**
     * Whether the record could not be read only because the registry did not answer (unreachable, 5xx, 408, 429):
     * the record is probably fine and is worth reading again later, unlike an unknown id or broken bytes.
     */
    public boolean registryUnavailable() {
        return SchemaRegistryException.registryUnavailable(getCause());
    }
}
