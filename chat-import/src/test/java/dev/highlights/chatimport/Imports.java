package dev.highlights.chatimport;

import dev.highlights.avro.ChatMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test helpers: fixtures from the classpath, gzip in memory, imports collected into a list. */
final class Imports {

    /** 2024-01-01T12:00:00Z, the stream start of the fixtures. */
    static final long STREAM_START = 1_704_110_400_000L;

    record Outcome(ChatImportResult result, List<ChatMessage> messages) {
        ChatMessage byId(String id) {
            return messages.stream().filter(m -> m.getMessageId().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no message " + id + " in " + ids()));
        }

        List<String> ids() {
            return messages.stream().map(ChatMessage::getMessageId).toList();
        }
    }

    private Imports() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Imports.class.getResourceAsStream("/chat/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Outcome run(byte[] data, ChatImportOptions options) throws IOException {
        List<ChatMessage> messages = new ArrayList<>();
        ChatImportResult result = ChatImporter.importChat(new ByteArrayInputStream(data), options, messages::add);
        return new Outcome(result, messages);
    }

    static Outcome run(String resource, ChatImportOptions options) throws IOException {
        return run(resource(resource), options);
    }
}
