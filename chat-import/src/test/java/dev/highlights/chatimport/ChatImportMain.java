package dev.highlights.chatimport;

import dev.highlights.avro.ChatMessage;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Imports one file and prints what it got; run in a child JVM by {@link LargeChatImportTest} so that the heap limit
 * ({@code -Xmx256m}) applies to the import alone. Arguments: file, format name or {@code detect}, VOD id, stream
 * start (epoch ms) or {@code -}.
 */
public final class ChatImportMain {

    private ChatImportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ChatImportOptions options = ChatImportOptions.forVod(args[2]);
        if (!"detect".equals(args[1])) {
            options = options.withFormat(ChatFormat.fromName(args[1]).orElseThrow());
        }
        if (!"-".equals(args[3])) {
            options = options.withStreamStartEpochMs(Long.parseLong(args[3]));
        }
        long[] seen = new long[3]; // messages, text chars, emotes
        Consumer<ChatMessage> sink = m -> {
            seen[0]++;
            seen[1] += m.getText().length();
            seen[2] += m.getEmotes().size();
        };
        ChatImportResult r = ChatImporter.importFile(file, options, sink);
        ChatMessage eoc = r.endOfChat(args[2]);
        System.out.println("messages=" + r.messages() + " malformed=" + r.malformed() + " ignored=" + r.ignored()
                + " truncated=" + r.truncated() + " gzip=" + r.gzip() + " format=" + r.format()
                + " sinkCalls=" + seen[0] + " emotes=" + seen[2] + " lastOffsetSec=" + r.lastOffsetSec()
                + " endOfChat=" + eoc.getMessageId()
                + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (!r.issues().isEmpty()) {
            System.out.println("issues: " + r.summary());
        }
    }
}
