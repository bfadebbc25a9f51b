package dev.highlights.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatSecondFeatures;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The topology on the real broker with exactly-once: stopped in the middle of a VOD, its local state
 * wiped so the per-VOD state must come back from the changelog, then restarted; the output equals an
 * uninterrupted run of the same messages, with nothing duplicated or lost, features that were waiting to be sent
 * when it stopped included.
 */
@ExtendWith(LocalStackExtension.class)
class ChatStreamsRestartTest {
    private final ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

    @Test
    void restartInTheMiddleOfAVodGivesTheSameOutput(LocalStack stack) throws Exception {
        String vodId = "restart-" + UUID.randomUUID();
        List<ChatMessage> chat = ChatMessages.chat(vodId, 0, 400, 3, 250, 262, 7);
        int half = chat.size() / 2;
        Properties props = streamsProps(stack, "chat-restart-" + UUID.randomUUID());

        try (KafkaProducer<String, ChatMessage> producer = KafkaTestClients.producer(stack)) {
            KafkaStreams first = start(stack, props, "first", Duration.ofMillis(700));
            for (ChatMessage m : chat.subList(0, half)) {
                producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m));
            }
            producer.flush();
            long expectedSecond = (long) chat.get(half - 1).getOffsetSec() - 11;
            KafkaTestClients.readFeaturesUntil(stack, vodId,
                    got -> !got.isEmpty() && got.get(got.size() - 1).getSecond() >= expectedSecond, Duration.ofSeconds(60));
            // Leave the group so the second instance gets the tasks at once, not after the session timeout.
            first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            first.cleanUp(); // forget local state: it must be restored from the changelog

            KafkaStreams second = start(stack, props, "second", Duration.ofMillis(700));
            try {
                for (ChatMessage m : chat.subList(half, chat.size())) {
                    producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m));
                }
                producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, ChatMessages.end(vodId, 400)));
                producer.flush();
                List<PipelineStatus> status = KafkaTestClients.readUntil(stack, Topics.PIPELINE_STATUS.name(), vodId,
                        got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED), Duration.ofSeconds(60));
                assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                        .satisfies(s -> assertThat(s.getCount()).isEqualTo(chat.size()));
            } finally {
                second.close(Duration.ofSeconds(30));
            }
        }

        List<ChatFeatures> expected = expected(vodId, chat, 400);
        List<ChatFeatures> actual = KafkaTestClients.readFeaturesUntil(stack, vodId,
                got -> got.size() >= expected.size(), Duration.ofSeconds(30));
        assertThat(actual).isEqualTo(expected);
    }

    private List<ChatFeatures> expected(String vodId, List<ChatMessage> messages, double end) {
        VodChatState state = engine.newVodState();
        List<ChatSecondFeatures> out = new ArrayList<>();
        messages.forEach(m -> out.addAll(engine.onMessage(state, ChatRecords.view(m)).emitted()));
        out.addAll(engine.onEnd(state, end).emitted());
        return out.stream().map(f -> ChatRecords.features(vodId, f)).toList();
    }

    /**
     * Stopped while every closed second of the VOD is still waiting to be sent (an emit interval of an hour): they
     * come back from the changelog after the stop and go out once, from the second instance.
     */
    @Test
    void secondsWaitingToBeSentWhenItStopsGoOutOnceAfterTheRestart(LocalStack stack) throws Exception {
        String vodId = "pending-" + UUID.randomUUID();
        List<ChatMessage> chat = ChatMessages.chat(vodId, 0, 200, 3, 120, 130, 11);
        int half = chat.size() / 2;
        String applicationId = "chat-pending-" + UUID.randomUUID();
        Properties props = streamsProps(stack, applicationId);

        try (KafkaProducer<String, ChatMessage> producer = KafkaTestClients.producer(stack)) {
            KafkaStreams first = start(stack, props, "first", Duration.ofHours(1));
            RecordMetadata last = null;
            for (ChatMessage m : chat.subList(0, half)) {
                last = producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m)).get();
            }
            awaitCommitted(stack, applicationId, new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
            assertThat(KafkaTestClients.readFeaturesUntil(stack, vodId, got -> false, Duration.ofSeconds(2)))
                    .as("nothing sent before the stop").isEmpty();
            first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            first.cleanUp(); // the waiting seconds must come back from the changelog

            KafkaStreams second = start(stack, props, "second", ChatTopology.DEFAULT_EMIT_INTERVAL);
            try {
                for (ChatMessage m : chat.subList(half, chat.size())) {
                    producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m));
                }
                producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, ChatMessages.end(vodId, 200)));
                producer.flush();
                KafkaTestClients.readUntil(stack, Topics.PIPELINE_STATUS.name(), vodId,
                        (List<PipelineStatus> got) -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED),
                        Duration.ofSeconds(60));
            } finally {
                second.close(Duration.ofSeconds(30));
            }
        }
        List<ChatFeatures> expected = expected(vodId, chat, 200);
        assertThat(KafkaTestClients.readFeaturesUntil(stack, vodId, got -> got.size() >= expected.size(),
                Duration.ofSeconds(30))).isEqualTo(expected);
    }

    /** Waits until the application has committed its input up to {@code offset} (exclusive) on {@code partition}. */
    private static void awaitCommitted(LocalStack stack, String applicationId, TopicPartition partition, long offset)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the application did not commit " + partition + " up to " + offset);
    }

    /**
     * @param instance     the instance's static group membership ({@code group.instance.id}): what lets
     *                     {@code CloseOptions.leaveGroup(true)} take it out of the group at once (Kafka Streams' consumer
     *                     does not leave on close otherwise, and the next instance would wait out the session timeout)
     * @param emitInterval how long closed seconds wait to go out together; longer than the 100 ms commit interval, so
     *                     commits and stops happen with seconds waiting
     */
    private KafkaStreams start(LocalStack stack, Properties props, String instance, Duration emitInterval)
            throws InterruptedException {
        Properties withInstance = new Properties();
        withInstance.putAll(props);
        withInstance.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + instance);
        KafkaStreams streams = new KafkaStreams(ChatTopology.build(engine,
                Map.of("schema.registry.url", stack.schemaRegistryUrl()), Duration.ofDays(7), emitInterval,
                ChatTopology.DEFAULT_MAX_RUN), withInstance);
        streams.start();
        long end = System.currentTimeMillis() + 60_000;
        while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return streams;
    }

    private static Properties streamsProps(LocalStack stack, String applicationId) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("chat-restart").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put("schema.registry.url", stack.schemaRegistryUrl());
        return props;
    }
}
