package dev.highlights.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records (generated SpecificRecords or GenericRecords) in Confluent's wire format,
 * registering or looking up the schema under the TopicNameStrategy subject ({@code <topic>-value} or
 * {@code <topic>-key}). Configured with Confluent's property names; see {@link AvroSerdeConfig}.
 */
public class AvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    /** Keyed by schema and record class: the same schema may be generated into classes of several class loaders. */
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public AvroSerializer() {
    }

    /** A serializer ready to use, for code that builds its clients by hand. */
    public AvroSerializer(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.registry = SchemaRegistryClients.forConfig(config);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("Cannot serialize " + data.getClass().getName() + " to topic " + topic
                    + ": only Avro records (SpecificRecord, GenericRecord) are supported");
        }
        String subject = topic + (isKey ? "-key" : "-value");
        Schema schema = container.getSchema();
        int id;
        try {
            if (config.useLatestVersion()) {
                SchemaRegistryClient.RegisteredSchema latest = registry.latest(subject);
                schema = latest.schema();
                id = latest.id();
            } else if (config.autoRegisterSchemas()) {
                id = registry.register(subject, schema);
            } else {
                id = registry.lookupId(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not get a schema id for " + schema.getFullName() + " under subject '"
                    + subject + "': " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        WireFormat.writeHeader(out, id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
            encoders.set(encoder);
            Schema writerSchema = schema;
            writers.computeIfAbsent(new WriterKey(schema, data.getClass()), k -> writerFor(writerSchema, data))
                    .write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Writes with a data model on the record's own class loader: where Avro and the generated classes sit in
     * different loaders (Quarkus tests and dev mode), the generated classes' shared model would not match.
     */
    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema, Object data) {
        GenericData model = data instanceof SpecificRecord ? new SpecificData(data.getClass().getClassLoader())
                : GenericData.get();
        return (DatumWriter<Object>) model.createDatumWriter(schema);
    }

    private record WriterKey(Schema schema, Class<?> type) {
    }
}
