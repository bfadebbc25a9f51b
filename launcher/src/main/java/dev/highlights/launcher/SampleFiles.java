package dev.highlights.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled demo input: generated once into a directory, reused afterwards. */
record SampleFiles(Path video, Path chat) {

    static SampleFiles ensure(Path dir, PrintStream out) throws Exception {
        SampleFiles files = new SampleFiles(dir.resolve("sample.mp4"), dir.resolve("sample-chat.json"));
        if (Files.isRegularFile(files.video()) && Files.isRegularFile(files.chat())) {
            return files;
        }
        throw new IllegalStateException("sample generator not wired yet");
    }
}
