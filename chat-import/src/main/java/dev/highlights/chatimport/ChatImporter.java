package dev.highlights.chatimport;

import dev.highlights.avro.ChatMessage;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streaming chat import: chat export bytes in, normalized {@link ChatMessage}s out, one at a time, to a sink.
 *
 * <pre>{@code
 *   ChatImportResult r = ChatImporter.importChat(in, ChatImportOptions.forVod(vodId), msg -> producer.send(...));
 *   producer.send(r.endOfChat(vodId));     // END_OF_CHAT marker after the last message
 *   status(r.messages(), r.malformed(), r.summary());
 * }</pre>
 *
 * <ul>
 *   <li>Memory: independent of the file size. A 64 KiB read buffer (plus gzip's), one entry or line at a time
 *       (bounded by {@link ChatImportOptions#maxEntryBytes()}); nothing is collected.</li>
 *   <li>Compression: gzip is recognised by its magic bytes 0x1f 0x8b, whatever the file is called.</li>
 *   <li>Format: {@link ChatImportOptions#format()}, or {@link ChatFormat#detect} from the first non-blank bytes.</li>
 *   <li>Bad entries are counted and skipped ({@link ChatImportResult#malformed()}, with the first few reasons and
 *       positions); a file that ends early keeps what was read and reports the truncation.</li>
 *   <li>Ids are deterministic ({@link ChatMessages}), so importing the same file twice yields equal records.</li>
 *   <li>The sink runs on the calling thread, in file order. An exception from the sink ends the import and
 *       propagates; so do I/O errors of the underlying stream other than a broken-off or corrupt gzip stream.</li>
 * </ul>
 * Not tied to Kafka or Quarkus; thread-safe (each call has its own state). The caller's stream is not closed.
 */
public final class ChatImporter {

    private ChatImporter() {
    }

    /**
     * Imports one chat export from {@code in} (plain or gzip).
     *
     * @throws ChatImportException when the format is not given and cannot be detected
     *                             ({@link ChatImportException.Reason#UNKNOWN_FORMAT}), Twitch IRC lacks the stream
     *                             start ({@link ChatImportException.Reason#MISSING_STREAM_START}), or the gzip header is
     *                             broken ({@link ChatImportException.Reason#CORRUPT_INPUT}); nothing was sent then
     * @throws IOException         when reading the underlying stream fails
     */
    public static ChatImportResult importChat(InputStream in, ChatImportOptions options,
                                              Consumer<? super ChatMessage> sink) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        BufferedInputStream buffered = ChatInputs.buffered(in);
        boolean gzip = ChatInputs.isGzip(buffered);
        BufferedInputStream data;
        BrokenOffTolerantStream gunzipped = null;
        if (gzip) {
            try {
                gunzipped = new BrokenOffTolerantStream(new GZIPInputStream(buffered, ChatInputs.BUFFER_SIZE));
                data = new BufferedInputStream(gunzipped, ChatInputs.BUFFER_SIZE);
            } catch (EOFException | ZipException e) {
                throw new ChatImportException(ChatImportException.Reason.CORRUPT_INPUT,
                        "the input starts like gzip but its header is broken: " + e.getMessage());
            }
        } else {
            data = buffered;
        }
        ChatFormat format = options.format();
        if (format == null) {
            format = ChatFormat.detect(data).orElseThrow(() -> new ChatImportException(
                    ChatImportException.Reason.UNKNOWN_FORMAT,
                    "cannot tell the chat format from the first bytes (expected a TwitchDownloader JSON object, a "
                            + "chat-downloader JSON array or Twitch IRC lines); name the format explicitly"));
        }
        BrokenOffTolerantStream tolerant = gunzipped;
        ImportContext ctx = new ImportContext(options, format, sink, () -> tolerant != null ? tolerant.error() : null);
        switch (format) {
            case TWITCH_DOWNLOADER_JSON:
                new TwitchDownloaderJsonImporter(ctx, data).run();
                break;
            case CHAT_DOWNLOADER_JSON:
                new ChatDownloaderJsonImporter(ctx, data).run();
                break;
            case TWITCH_IRC:
                new TwitchIrcImporter(ctx, data).run();
                break;
            default:
                throw new IllegalStateException("unhandled format " + format);
        }
        return ctx.result(format, gzip);
    }

    /** {@link #importChat(InputStream, ChatImportOptions, Consumer)} on a file (closed afterwards). */
    public static ChatImportResult importFile(Path file, ChatImportOptions options,
                                              Consumer<? super ChatMessage> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return importChat(in, options, sink);
        }
    }
}
