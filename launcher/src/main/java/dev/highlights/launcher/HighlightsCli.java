package dev.highlights.launcher;

import dev.highlights.launcher.bench.BenchCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./highlights}: runs the pipeline on this machine, or talks to any broker ({@code push}, {@code tail}).
 * Each subcommand is a picocli {@code @Command} class named in the {@code subcommands} list below (add a new one
 * there); it reaches the home directory and the output through {@code @ParentCommand HighlightsCli}. Exit status:
 * 0 done, 1 failed (the message says why), 2 bad usage (the message and the command's usage), 130 stopped.
 */
@Command(name = "highlights", synopsisSubcommandLabel = "COMMAND",
        description = "Finds the moments worth clipping in a VOD from its chat, audio and video.",
        subcommands = {DemoCommand.class, RunCommand.class, EvalCommand.class, UpCommand.class, ClipsCommand.class,
                PushCommand.class, TailCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"%nOutputs of demo and run: DIR/highlights.json and DIR/report.html "
                + "(DIR defaults to ./highlights-out).",
                "./highlights help COMMAND (or COMMAND --help) shows a command's options."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed (the message says why)", "2:bad usage", "130:stopped (Ctrl-C)"})
public final class HighlightsCli implements Callable<Integer>, BenchCommand.Host {
    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;
    private static final int STOPPED = 130;

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    @Spec
    private CommandSpec spec;

    HighlightsCli(Path home, PrintStream out, boolean terminal) {
        this(home, out, System.err, terminal);
    }

    HighlightsCli(Path home, PrintStream out, PrintStream err, boolean terminal) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("highlights.home", ".")).toAbsolutePath().normalize();
        HighlightsCli cli = new HighlightsCli(home, System.out, System.err, System.console() != null);
        System.exit(cli.execute(args));
    }

    int execute(String... args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(this::badUsage)
                .setExecutionExceptionHandler((e, command, parsed) -> failed(e, command));
        configureUsage(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /** No command: the usage, as bad usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return BAD_USAGE;
    }

    @Command(name = "completion", description = "print a bash completion script: source <(./highlights completion)")
    void completion() {
        // Named "highlights": bash looks up a command typed as ./highlights by its last path part too.
        out.print(AutoComplete.bash(spec.name(), spec.commandLine()));
        out.flush();
    }

    /**
     * Every command: options listed in the order they are declared (the important ones first), and {@code -h, --help}
     * unless it has a help option of its own (picocli's {@code help} does).
     */
    private static void configureUsage(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.usageMessage().sortOptions(false).sortSynopsis(false);
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help").build());
        }
        command.getSubcommands().values().forEach(HighlightsCli::configureUsage);
    }

    /** A parse error, or a value only the command could check ({@link UsageException}): the message and the usage. */
    private int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        boolean unknownCommand = e instanceof CommandLine.UnmatchedArgumentException && command.getParent() == null
                && args.length > 0 && !args[0].startsWith("-");
        err.println("highlights: " + (unknownCommand ? "unknown command '" + args[0] + "'" : e.getMessage()));
        command.usage(err);
        return BAD_USAGE;
    }

    private int failed(Exception e, CommandLine command) {
        if (e instanceof UsageException) {
            err.println("highlights: " + e.getMessage());
            command.usage(err);
            return BAD_USAGE;
        }
        if (e instanceof InterruptedException || e instanceof EmbeddedPipeline.PipelineStoppedException) {
            Thread.currentThread().interrupt();
            err.println("highlights: stopped");
            return STOPPED;
        }
        err.println("highlights: " + e.getMessage());
        return FAILED;
    }

    public Path home() {
        return home;
    }

    /** Where commands print their results (stdout, or the test's stream). */
    public PrintStream out() {
        return out;
    }

    /** Whether {@link #out()} is a terminal (progress redraws in place) rather than a pipe or a log. */
    boolean terminal() {
        return terminal;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
