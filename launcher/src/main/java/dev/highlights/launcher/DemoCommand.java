package dev.highlights.launcher;

import dev.highlights.samples.SampleSpec;
import dev.highlights.samples.SampleVod;
import dev.highlights.samples.SampleVodFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./highlights demo}: the bundled sample VOD (generated on first use), end to end. */
@Command(name = "demo", description = "run the bundled sample VOD end to end (the sample is generated on first use)")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "highlights-out",
            description = "where highlights.json and report.html go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Override
    public Integer call() throws Exception {
        Path sampleDir = cli.home().resolve(".highlights/sample");
        cli.out().println("sample VOD in " + sampleDir + " (generated on first use: about 20 s)");
        SampleVodFiles sample = SampleVod.ensure(sampleDir, SampleSpec.defaults());
        if (sample.generated()) {
            cli.out().printf("generated a %d s sample with %d chat messages in %.1f s%n", sample.spec().durationSec(),
                    sample.messages(), sample.elapsedMillis() / 1000.0);
        }
        return new LocalRun(cli).process("sample VOD", sample.video().toUri(), sample.chat().toUri(),
                outDir.toAbsolutePath().normalize(), Duration.ofMinutes(30));
    }
}
