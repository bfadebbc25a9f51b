package dev.highlights.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatLevel;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializationException;
import dev.highlights.schemas.serde.AvroSerdeConfig;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.HttpSchemaRegistryClient;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.schemas.serde.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every schema through the real broker and registry, before and after both restart. */
@ExtendWith(LocalStackExtension.class)
class SerdeThroughBrokerTest {

    private final LocalStack stack;

    SerdeThroughBrokerTest(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void everyTopicRoundTripsAndSurvivesARestartWithTheSameIds() {
        String vodId = "vod-" + UUID.randomUUID();
        Map<String, Integer> idsBefore = new HashMap<>();
        Map<String, SpecificRecord> sent = new HashMap<>();
        try (KafkaProducer<String, Object> producer = producer(new AvroSerializer<>())) {
            for (Topic<?> topic : Topics.all()) {
                SpecificRecord record = SampleRecords.forTopic(topic, vodId);
                sent.put(topic.name(), record);
                producer.send(new ProducerRecord<>(topic.name(), vodId, record));
            }
            producer.flush();
        }
        for (Topic<?> topic : Topics.all()) {
            ConsumerRecord<String, byte[]> raw = lastFor(topic.name(), vodId);
            idsBefore.put(topic.name(), WireFormat.schemaId(raw.value()));
            assertThat(readSpecific(topic.name(), vodId)).as(topic.name()).isEqualTo(sent.get(topic.name()));
        }

        stack.restart();

        // A fresh client (no caches) sees the same ids, and registering again is idempotent.
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(AvroSerdeConfig.from(
                Map.of("schema.registry.url", stack.schemaRegistryUrl())));
        for (Topic<?> topic : Topics.all()) {
            Schema schema = sent.get(topic.name()).getSchema();
            int id = idsBefore.get(topic.name());
            assertThat(fresh.schemaById(id)).isEqualTo(schema);
            assertThat(fresh.register(topic.valueSubject(), schema)).isEqualTo(id);
            assertThat(readSpecific(topic.name(), vodId)).as("%s after restart", topic.name())
                    .isEqualTo(sent.get(topic.name()));
        }
    }

    @Test
    void aReaderWithTheEvolvedSchemaReadsRecordsWrittenWithTheOldOne() {
        String topic = "evolution-" + UUID.randomUUID();
        // Version 1 of ChatFeatures: the fields that today's version has without defaults.
        Schema v1 = SchemaBuilder.record("ChatFeatures").namespace("dev.highlights.avro").fields()
                .requiredString("vodId").requiredLong("second").requiredInt("messageCount").requiredInt("uniqueChatters")
                .requiredInt("emoteCount").requiredFloat("emoteShare").requiredFloat("repeatShare")
                .requiredFloat("baselineMedian").requiredFloat("baselineDeviation").requiredFloat("activityDeviations")
                .requiredFloat("score").endRecord();
        GenericRecord old = new GenericData.Record(v1);
        old.put("vodId", "v-old");
        old.put("second", 10L);
        for (String f : List.of("messageCount", "uniqueChatters", "emoteCount")) {
            old.put(f, 5);
        }
        for (String f : List.of("emoteShare", "repeatShare", "baselineMedian", "baselineDeviation", "activityDeviations", "score")) {
            old.put(f, 0.25f);
        }
        try (KafkaProducer<String, Object> producer = producer(new AvroSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, "v-old", old));
            // Today's schema is registered as version 2 under BACKWARD: new fields all have defaults.
            ChatFeatures today = ((ChatFeaturesBatch) SampleRecords.forTopic(Topics.CHAT_FEATURES, "v-new")).getFeatures().get(0);
            producer.send(new ProducerRecord<>(topic, "v-new", today));
        }
        List<Object> read = readAll(topic, 2);
        assertThat(read).allSatisfy(r -> assertThat(r).isInstanceOf(ChatFeatures.class));
        ChatFeatures first = (ChatFeatures) read.get(0);
        assertThat(first.getVodId()).isEqualTo("v-old");
        assertThat(first.getLevel()).isEqualTo(ChatLevel.NONE);
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(((ChatFeatures) read.get(1)).getLevel()).isEqualTo(ChatLevel.EXCEPTIONAL);
    }

    @Test
    void garbageOnATopicIsAClearErrorThatNamesTheRecord() {
        String topic = "garbage-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "not avro at all".getBytes()));
        }
        try (KafkaConsumer<String, Object> consumer = consumer(new SpecificAvroDeserializer<>())) {
            consumer.subscribe(List.of(topic));
            assertThatThrownBy(() -> {
                long end = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < end) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(RecordDeserializationException.class)
                    .satisfies(e -> {
                        RecordDeserializationException error = (RecordDeserializationException) e;
                        assertThat(error.topicPartition().topic()).isEqualTo(topic);
                        assertThat(error.offset()).isZero();
                        assertThat(error.getCause()).isInstanceOf(AvroDeserializationException.class)
                                .hasMessageContaining("magic byte 0x6e");
                    });
        }
    }

    private KafkaProducer<String, Object> producer(AvroSerializer<Object> serializer) {
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer);
    }

    private KafkaConsumer<String, Object> consumer(SpecificAvroDeserializer<? extends SpecificRecord> deserializer) {
        @SuppressWarnings("unchecked")
        SpecificAvroDeserializer<SpecificRecord> d = (SpecificAvroDeserializer<SpecificRecord>) deserializer;
        d.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), (org.apache.kafka.common.serialization.Deserializer) d);
        return consumer;
    }

    private ConsumerRecord<String, byte[]> lastFor(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, byte[]> found = null;
            long end = System.currentTimeMillis() + 30_000;
            while (found == null && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertThat(found).as("record %s on %s", key, topic).isNotNull();
            return found;
        }
    }

    private Object readSpecific(String topic, String key) {
        ConsumerRecord<String, byte[]> raw = lastFor(topic, key);
        SpecificAvroDeserializer<SpecificRecord> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return deserializer.deserialize(topic, raw.value());
    }

    private List<Object> readAll(String topic, int count) {
        List<Object> out = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(new SpecificAvroDeserializer<>())) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + 30_000;
            while (out.size() < count && System.currentTimeMillis() < end) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }
}
