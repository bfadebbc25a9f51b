package dev.highlights.ingest.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.schemas.serde.AvroDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The front door's value reader, with a generic Avro deserializer on the pipeline's registry. */
@ApplicationScoped
class IngestValuesProducer {

    @Produces
    @Singleton
    IngestValues values(ObjectMapper mapper, @ConfigProperty(name = "schema.registry.url") String registryUrl,
                        Config config) {
        return new IngestValues(mapper, new AvroDeserializer<>(ConsumerSerdeSettings.of(config, registryUrl), false));
    }
}
