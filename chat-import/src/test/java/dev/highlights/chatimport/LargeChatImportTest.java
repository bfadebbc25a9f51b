package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One million messages under a 256 MB heap. Surefire cannot change the heap per test, so the import runs in a
 * child JVM ({@code java -Xmx256m -cp <this test classpath> ChatImportMain ...}); the files are written streaming
 * to a temporary directory, never held in memory. No timing assertions.
 */
class LargeChatImportTest {

    private static final int MESSAGES = 1_000_000;

    @Test
    void millionTwitchDownloaderMessagesGzipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.json.gz");
        SyntheticChat.write(file, ChatFormat.TWITCH_DOWNLOADER_JSON, MESSAGES, true);
        String out = importInChildJvm(file, "detect", "-");
        assertThat(out).contains("messages=" + MESSAGES + " malformed=0 ignored=0 truncated=false gzip=true"
                + " format=TWITCH_DOWNLOADER_JSON sinkCalls=" + MESSAGES + " emotes=" + MESSAGES / 40);
        assertThat(out).contains("maxHeapMb=");
    }

    @Test
    void millionIrcLinesPlain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.log");
        SyntheticChat.write(file, ChatFormat.TWITCH_IRC, MESSAGES, false);
        String out = importInChildJvm(file, "twitch-irc", Long.toString(SyntheticChat.STREAM_START));
        assertThat(out).contains("messages=" + MESSAGES + " malformed=0 ignored=" + MESSAGES / 10_000
                + " truncated=false gzip=false format=TWITCH_IRC sinkCalls=" + MESSAGES + " emotes=" + MESSAGES / 40);
    }

    private static String importInChildJvm(Path file, String format, String streamStart)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChatImportMain.class.getName(), file.toString(), format, "vod-large", streamStart);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        String out = new String(output, StandardCharsets.UTF_8);
        System.out.println("child JVM (-Xmx256m) on " + file.getFileName() + " (" + Files.size(file) / 1_000_000
                + " MB): " + out.strip());
        assertThat(exit).as("child JVM exit code; output:%n%s", out).isZero();
        // The heap limit really applied.
        assertThat(out).containsPattern("maxHeapMb=2[0-5][0-9]\\b");
        return out;
    }
}
