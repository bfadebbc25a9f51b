package dev.highlights.ingest.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.schemas.serde.AvroDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The front door's value reader, with a generic Avro deserializer on the pipeline's registry. */
@ApplicationScoped
class IngestValuesProducer {

    @Produces
    @Singleton
    IngestValues values(ObjectMapper mapper, @ConfigProperty(name = "schema.registry.url") String registryUrl) {
        return new IngestValues(mapper, new AvroDeserializer<>(Map.of("schema.registry.url", registryUrl), false));
    }
}
