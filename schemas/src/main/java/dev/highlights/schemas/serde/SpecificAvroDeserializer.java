package dev.highlights.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/** An {@link AvroDeserializer} that returns generated classes unless {@code specific.avro.reader=false}. */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends AvroDeserializer<T> {
    public SpecificAvroDeserializer() {
        super(true);
    }
}
