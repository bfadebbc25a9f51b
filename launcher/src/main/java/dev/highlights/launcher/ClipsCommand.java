package dev.highlights.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./highlights clips}: the last run's highlights cut into mp4 files by stream copy. */
@Command(name = "clips", description = "cut the last run's highlights into mp4 files")
final class ClipsCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "highlights-clips",
            description = "where the clips go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Override
    public Integer call() throws Exception {
        LastRun last = LastRun.load(cli.home());
        List<Path> written = ClipCutter.cut(last.media(), Report.readJson(last.highlightsJson()), outDir);
        written.forEach(file -> cli.out().println("wrote " + file));
        return 0;
    }
}
