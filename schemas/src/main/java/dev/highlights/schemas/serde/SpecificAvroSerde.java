package dev.highlights.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of generated Avro classes in Confluent's wire format, e.g. for Kafka Streams
 * ({@code default.value.serde}) or {@code new SpecificAvroSerde<>(ChatFeatures.class)}.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer = new AvroSerializer<>();
    private final SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>();
    private final Class<T> type;

    public SpecificAvroSerde() {
        this(null);
    }

    /** A serde whose reader is always this class (resolving older writer schemas to it). */
    public SpecificAvroSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
        if (type != null) {
            deserializer.withReaderClass(type);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
