package dev.highlights.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.ChatFeatures;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serde behaviour against the in-memory registry (the broker round trips live in local-stack). */
class AvroSerdeTest {
    private static final String SCOPE = "serde-test";
    private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    static ChatFeatures features(long second) {
        return ChatFeatures.newBuilder().setVodId("v").setSecond(second).setMessageCount(40).setUniqueChatters(31)
                .setEmoteCount(12).setEmoteShare(0.3f).setRepeatShare(0.1f).setBaselineMedian(3f)
                .setBaselineDeviation(1.5f).setActivityDeviations(24.6f).setLevel(ChatLevel.EXCEPTIONAL)
                .setLevelPoints(3).setScore(1f).build();
    }

    @Test
    void specificSerdeRoundTrips() {
        try (SpecificAvroSerde<ChatFeatures> serde = new SpecificAvroSerde<>(ChatFeatures.class)) {
            serde.configure(config, false);
            byte[] bytes = serde.serializer().serialize("chat-features", features(7));
            assertThat(serde.deserializer().deserialize("chat-features", bytes)).isEqualTo(features(7));
        }
    }

    @Test
    void specificReaderFindsTheGeneratedClassByWriterName() {
        Map<String, Object> specific = new HashMap<>(config);
        specific.put("specific.avro.reader", "true");
        byte[] bytes = new AvroSerializer<ChatFeatures>(config, false).serialize("chat-features", features(1));
        Object read = new AvroDeserializer<>(specific, false).deserialize("chat-features", bytes);
        assertThat(read).isInstanceOf(ChatFeatures.class).isEqualTo(features(1));
    }

    @Test
    void genericReaderGetsGenericRecords() {
        byte[] bytes = new AvroSerializer<ChatFeatures>(config, false).serialize("chat-features", features(2));
        GenericRecord read = new AvroDeserializer<GenericRecord>(config, false).deserialize("chat-features", bytes);
        assertThat(read).isNotInstanceOf(ChatFeatures.class);
        assertThat(read.get("second")).isEqualTo(2L);
        assertThat(read.get("level").toString()).isEqualTo("EXCEPTIONAL");
    }

    @Test
    void olderWriterSchemaResolvesToTheCurrentReader() {
        // A v1 of ChatFeatures without the fields that have defaults today.
        Schema v1 = SchemaBuilder.record("ChatFeatures").namespace("dev.highlights.avro").fields()
                .requiredString("vodId").requiredLong("second").requiredInt("messageCount").requiredInt("uniqueChatters")
                .requiredInt("emoteCount").requiredFloat("emoteShare").requiredFloat("repeatShare")
                .requiredFloat("baselineMedian").requiredFloat("baselineDeviation").requiredFloat("activityDeviations")
                .requiredFloat("score").endRecord();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            old.put(f.name(), switch (f.schema().getType()) {
                case STRING -> "v";
                case LONG -> 9L;
                case INT -> 4;
                default -> 0.5f;
            });
        }
        byte[] bytes = new AvroSerializer<GenericRecord>(config, false).serialize("chat-features", old);
        ChatFeatures read = new SpecificAvroDeserializer<ChatFeatures>() {{
            configure(config, false);
        }}.deserialize("chat-features", bytes);
        assertThat(read.getSecond()).isEqualTo(9L);
        assertThat(read.getLevel()).isEqualTo(ChatLevel.NONE);
        assertThat(read.getRevision()).isEqualTo(1);
        assertThat(read.getWarmUp()).isFalse();
    }

    @Test
    void garbageBytesFailWithAnErrorNamingTheProblem() {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(config, false);
        assertThatThrownBy(() -> deserializer.deserialize("chat-features", "{\"json\":true}".getBytes()))
                .isInstanceOf(AvroDeserializationException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("chat-features").hasMessageContaining("magic byte 0x7b");
        assertThatThrownBy(() -> deserializer.deserialize("chat-features", new byte[] {0, 0}))
                .hasMessageContaining("shorter than the 5-byte header");
        assertThatThrownBy(() -> deserializer.deserialize("chat-features", new byte[] {0, 0, 0, 0x30, 0x39, 1}))
                .isInstanceOf(AvroDeserializationException.class).hasMessageContaining("schema id 12345")
                .satisfies(e -> assertThat(((AvroDeserializationException) e).schemaId()).isEqualTo(12345));
        byte[] good = new AvroSerializer<ChatFeatures>(config, false).serialize("chat-features", features(3));
        byte[] truncated = java.util.Arrays.copyOf(good, 8);
        assertThatThrownBy(() -> deserializer.deserialize("chat-features", truncated))
                .isInstanceOf(AvroDeserializationException.class).hasMessageContaining("not valid Avro");
    }

    @Test
    void withoutAutoRegisterAnUnknownSchemaIsRefusedNamingTheSubject() {
        Map<String, Object> noRegister = new HashMap<>(config);
        noRegister.put("auto.register.schemas", "false");
        assertThatThrownBy(() -> new AvroSerializer<ChatFeatures>(noRegister, false).serialize("chat-features", features(1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("chat-features-value");
        new AvroSerializer<ChatFeatures>(config, false).serialize("chat-features", features(1));
        assertThat(new AvroSerializer<ChatFeatures>(noRegister, false).serialize("chat-features", features(1))).isNotEmpty();
    }

    @Test
    void keysUseTheKeySubject() {
        new AvroSerializer<ChatFeatures>(config, true).serialize("t", features(1));
        SchemaRegistryClient registry = SchemaRegistryClients.forConfig(AvroSerdeConfig.from(config));
        assertThat(registry.latest("t-key").schema()).isEqualTo(ChatFeatures.getClassSchema());
    }

    @Test
    void nonAvroValuesAreRefused() {
        assertThatThrownBy(() -> new AvroSerializer<Object>(config, false).serialize("t", "plain string"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("only Avro records");
    }

    @Test
    void passThroughSettingsReachTheSerdesWithoutTheirPrefix() {
        java.util.Map<String, String> settings = java.util.Map.of(
                "kafka-streams.basic.auth.user.info", "svc:secret",
                "kafka-streams.schema.registry.ssl.truststore.location", "/etc/ts.p12",
                "kafka-streams.", "ignored: no name",
                "kafka.bootstrap.servers", "elsewhere:9092");
        java.util.Map<String, Object> serde = AvroSerdeConfig.forPassThrough("kafka-streams.", settings.keySet(),
                name -> java.util.Optional.ofNullable(settings.get(name)), "http://registry:8081");
        org.assertj.core.api.Assertions.assertThat(serde).containsOnly(
                java.util.Map.entry("basic.auth.user.info", "svc:secret"),
                java.util.Map.entry("schema.registry.ssl.truststore.location", "/etc/ts.p12"),
                java.util.Map.entry("schema.registry.url", "http://registry:8081"));
        // A registry URL among the pass-through settings wins over the service's own.
        java.util.Map<String, String> withUrl = java.util.Map.of("kafka-streams.schema.registry.url", "https://other:8081");
        org.assertj.core.api.Assertions.assertThat(AvroSerdeConfig.forPassThrough("kafka-streams.", withUrl.keySet(),
                name -> java.util.Optional.ofNullable(withUrl.get(name)), "http://registry:8081"))
                .containsEntry("schema.registry.url", "https://other:8081");
    }
}
