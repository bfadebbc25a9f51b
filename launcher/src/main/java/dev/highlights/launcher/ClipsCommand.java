package dev.highlights.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./highlights clips}: the last run's highlights cut into mp4 files, with a lead-in and a lead-out. */
@Command(name = "clips", description = "cut the last run's highlights into mp4 files")
final class ClipsCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "highlights-clips",
            description = "where the clips go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(names = "--lead-in", paramLabel = "SEC", defaultValue = "3",
            description = "seconds before each highlight (default: ${DEFAULT-VALUE})")
    private double leadInSec;

    @Option(names = "--lead-out", paramLabel = "SEC", defaultValue = "2",
            description = "seconds after each highlight (default: ${DEFAULT-VALUE})")
    private double leadOutSec;

    @Override
    public Integer call() throws Exception {
        if (!(leadInSec >= 0) || !(leadOutSec >= 0)) {
            throw new UsageException("--lead-in and --lead-out take seconds >= 0");
        }
        LastRun last = LastRun.load(cli.home());
        List<Path> written = ClipCutter.cut(last.media(), Report.readJson(last.highlightsJson()), outDir,
                new ClipCutter.Margins(leadInSec, leadOutSec));
        written.forEach(file -> cli.out().println("wrote " + file));
        return 0;
    }
}
