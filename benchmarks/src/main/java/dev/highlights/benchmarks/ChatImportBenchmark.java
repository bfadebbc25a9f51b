package dev.highlights.benchmarks;

import dev.highlights.chatimport.ChatFormat;
import dev.highlights.chatimport.ChatImportOptions;
import dev.highlights.chatimport.ChatImportResult;
import dev.highlights.chatimport.ChatImporter;
import dev.highlights.chatimport.SyntheticChat;
import dev.highlights.avro.ChatMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Single-thread import throughput, messages per second, per format, plain and gzip. Not a test: run it by hand,
 * <pre>
 *   java -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" \
 *       dev.highlights.benchmarks.ChatImportBenchmark [messages] [rounds]
 * </pre>
 * Each input is generated once ({@link SyntheticChat}) and, to measure the parser rather than the disk, read from
 * memory when it fits a quarter of the heap (else from the page cache through a file stream). The sink only counts.
 * The figure printed is the median of the timed rounds after two warm-up rounds.
 */
public final class ChatImportBenchmark {

    private ChatImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("chat-bench");
        System.out.printf(Locale.ROOT, "java %s, %d available processors, max heap %d MB, %d messages per input%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, n);
        System.out.printf(Locale.ROOT, "%-24s %-5s %10s %12s %14s%n", "format", "gzip", "MB", "msgs/s", "MB/s (plain)");
        try {
            for (ChatFormat format : ChatFormat.values()) {
                for (boolean gzip : new boolean[] {false, true}) {
                    Path file = dir.resolve(format + (gzip ? ".gz" : ""));
                    SyntheticChat.write(file, format, n, gzip);
                    long plainBytes = gzip ? Files.size(dir.resolve(format.toString())) : Files.size(file);
                    double[] rates = measure(file, format, n, rounds);
                    double median = rates[rates.length / 2];
                    System.out.printf(Locale.ROOT, "%-24s %-5s %10.1f %,12.0f %14.1f%n", format.sourceName(), gzip,
                            Files.size(file) / 1e6, median, median * plainBytes / n / 1e6);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static double[] measure(Path file, ChatFormat format, int n, int rounds) throws IOException {
        ChatImportOptions options = ChatImportOptions.forVod("bench")
                .withStreamStartEpochMs(SyntheticChat.STREAM_START);
        byte[] inMemory = Files.size(file) < Runtime.getRuntime().maxMemory() / 4 ? Files.readAllBytes(file) : null;
        long[] count = new long[1];
        Consumer<ChatMessage> sink = m -> {
            if (m.getText() != null) {
                count[0]++;
            }
        };
        int warmup = 2;
        double[] rates = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            count[0] = 0;
            long t0 = System.nanoTime();
            ChatImportResult result;
            try (InputStream in = inMemory != null ? new ByteArrayInputStream(inMemory) : Files.newInputStream(file)) {
                result = ChatImporter.importChat(in, options, sink);
            }
            long t1 = System.nanoTime();
            if (result.messages() != n || count[0] != n) {
                throw new IllegalStateException("expected " + n + " messages, got " + result.summary());
            }
            if (r >= 0) {
                rates[r] = n / ((t1 - t0) / 1e9);
            }
        }
        Arrays.sort(rates);
        return rates;
    }
}
