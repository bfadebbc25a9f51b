package dev.highlights.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro. The writer schema comes from the registry by the id in the frame and
 * is resolved to the reader schema, so records written with an older (or newer, compatible) schema
 * stay readable. The reader is GenericRecord unless {@code specific.avro.reader=true} (then the
 * generated class named like the writer schema) or {@code specific.avro.value.type} /
 * {@code specific.avro.key.type} names the class.
 *
 * <p>Bytes that are not a valid frame, an unknown id, or Avro that does not decode all raise
 * {@link AvroDeserializationException} naming the topic and id.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient registry;
    private boolean specific;
    private Optional<Schema> configuredReader = Optional.empty();
    private SpecificData specificData;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private final boolean specificByDefault;

    public AvroDeserializer() {
        this(false);
    }

    /** A deserializer ready to use, for code that builds its clients by hand. */
    public AvroDeserializer(Map<String, ?> configs, boolean isKey) {
        this(false);
        configure(configs, isKey);
    }

    protected AvroDeserializer(boolean specificByDefault) {
        this.specificByDefault = specificByDefault;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        this.registry = SchemaRegistryClients.forConfig(config);
        Optional<String> type = isKey ? config.specificKeyType() : config.specificValueType();
        this.specific = type.isPresent() || config.specificAvroReader()
                || (specificByDefault && !configs.containsKey(AvroSerdeConfig.SPECIFIC_AVRO_READER));
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(AvroDeserializer.class.getClassLoader());
        this.specificData = new SpecificData(loader);
        this.configuredReader = type.map(name -> {
            try {
                return specificData.getSchema(Class.forName(name, true, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("Class '" + name + "' given as specific Avro type was not found", e);
            }
        });
    }

    /** Uses this generated class as the reader, whatever the configuration said. */
    public AvroDeserializer<T> withReaderClass(Class<?> type) {
        this.specific = true;
        this.specificData = new SpecificData(type.getClassLoader()); // the reader class's loader, as for writing
        this.configuredReader = Optional.of(specificData.getSchema(type));
        readers.clear();
        return this;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (!WireFormat.isFramed(bytes)) {
            String what = bytes.length < WireFormat.HEADER_SIZE
                    ? "only " + bytes.length + " bytes, shorter than the 5-byte header"
                    : String.format("unknown magic byte 0x%02x (expected 0x00)", bytes[0]);
            throw new AvroDeserializationException(topic, -1, "Record on topic " + topic
                    + " is not Confluent-framed Avro: " + what, null);
        }
        int id = WireFormat.schemaId(bytes);
        DatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(id, this::readerFor);
        } catch (SchemaRegistryException | IllegalStateException e) {
            throw new AvroDeserializationException(topic, id, "Cannot read record on topic " + topic + " with schema id "
                    + id + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                    bytes.length - WireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new AvroDeserializationException(topic, id, "Record on topic " + topic + " with schema id " + id
                    + " is not valid Avro for that schema: " + e, e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        Schema writer = registry.schemaById(id);
        if (!specific) {
            return new GenericDatumReader<>(writer, writer);
        }
        Schema reader = configuredReader.orElseGet(() -> {
            Class<?> type = specificData.getClass(writer);
            if (type == null || type == Object.class) {
                throw new IllegalStateException("no generated class " + writer.getFullName() + " on the classpath for a specific reader");
            }
            return specificData.getSchema(type);
        });
        return new SpecificDatumReader<>(writer, reader, specificData);
    }
}
