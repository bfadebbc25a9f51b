package dev.highlights.launcher;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Keeps what the rules of one VOD were fed: its chat messages (chat-service's input) and its audio and video scores
 * (fusion's media input), as Avro container files in a folder. Replaying them through the chat and fusion rules gives
 * the VOD's highlights again without decoding anything, which is how the rules are tuned on an evaluation set.
 */
final class InputCapture {
    static final String CHAT_FILE = "chat-messages.avro";
    static final String AUDIO_FILE = "audio-scores.avro";
    static final String VIDEO_FILE = "video-scores.avro";

    private InputCapture() {
    }

    static void write(String bootstrapServers, String registryUrl, String vodId, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> serdeProps = Map.of("schema.registry.url", registryUrl);
        AvroDeserializer<ChatMessage> chatSerde = new AvroDeserializer<ChatMessage>(serdeProps, false)
                .withReaderClass(ChatMessage.class);
        AvroDeserializer<AudioScoreBatch> audioSerde = new AvroDeserializer<AudioScoreBatch>(serdeProps, false)
                .withReaderClass(AudioScoreBatch.class);
        AvroDeserializer<VideoScoreBatch> videoSerde = new AvroDeserializer<VideoScoreBatch>(serdeProps, false)
                .withReaderClass(VideoScoreBatch.class);
        try (DataFileWriter<ChatMessage> chat = open(ChatMessage.getClassSchema(), dir.resolve(CHAT_FILE));
             DataFileWriter<AudioScore> audio = open(AudioScore.getClassSchema(), dir.resolve(AUDIO_FILE));
             DataFileWriter<VideoScore> video = open(VideoScore.getClassSchema(), dir.resolve(VIDEO_FILE))) {
            VodPartitionReader.read(bootstrapServers, List.of(Topics.CHAT_MESSAGES, Topics.AUDIO_SCORES,
                    Topics.VIDEO_SCORES), vodId, (topic, value) -> {
                try {
                    if (topic.equals(Topics.CHAT_MESSAGES.name())) {
                        chat.append(chatSerde.deserialize(topic, value));
                    } else if (topic.equals(Topics.AUDIO_SCORES.name())) {
                        for (AudioScore a : audioSerde.deserialize(topic, value).getScores()) {
                            audio.append(a);
                        }
                    } else {
                        for (VideoScore v : videoSerde.deserialize(topic, value).getScores()) {
                            video.append(v);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static <T extends SpecificRecordBase> DataFileWriter<T> open(org.apache.avro.Schema schema, Path file)
            throws IOException {
        DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<>(schema));
        return writer.create(schema, file.toFile());
    }
}
