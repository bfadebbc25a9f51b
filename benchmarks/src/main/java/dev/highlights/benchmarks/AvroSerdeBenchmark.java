package dev.highlights.benchmarks;

import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The project's Confluent-wire Avro serde on a typical {@code ChatMessage} (the most numerous record): serialize
 * (schema id cached after the first call) and deserialize into the generated class (writer schema fetched once, then
 * cached). The registry is the in-memory {@code mock://} one, so no network is timed. Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AvroSerdeBenchmark {
    private static final String TOPIC = "chat-messages";

    private AvroSerializer<ChatMessage> serializer;
    private SpecificAvroDeserializer<ChatMessage> deserializer;
    private ChatMessage message;
    private byte[] bytes;

    @Setup
    public void setup() {
        Map<String, Object> config = Map.of("schema.registry.url", "mock://jmh-serde",
                "specific.avro.reader", true, "specific.avro.value.type", ChatMessage.class.getName());
        serializer = new AvroSerializer<>(config, false);
        deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(config, false);
        message = ChatMessage.newBuilder()
                .setMessageId("4b1c2d3e-0001-4abc-a123-0123456789ab")
                .setVodId("vod-9de376ea2242b8eeb0675b1f")
                .setOffsetSec(1234.567)
                .setEpochMs(1714845600000L + 1234567)
                .setAuthor(ChatAuthor.newBuilder().setId("123456").setName("somechatter")
                        .setDisplayName("SomeChatter").setColor("#1E90FF").build())
                .setText("that was insane PogChamp PogChamp")
                .setEmotes(List.of())
                .setBadges(List.of())
                .setSource("twitch-downloader-json")
                .build();
        bytes = serializer.serialize(TOPIC, message);
        if (!message.equals(deserializer.deserialize(TOPIC, bytes))) {
            throw new IllegalStateException("serde round trip changed the record");
        }
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, message);
    }

    @Benchmark
    public ChatMessage deserialize() {
        return deserializer.deserialize(TOPIC, bytes);
    }
}
