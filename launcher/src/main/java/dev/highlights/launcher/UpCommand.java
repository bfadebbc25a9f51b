package dev.highlights.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./highlights up}: the stack on the usual ports until Ctrl-C, for REST and Kafka use. */
@Command(name = "up", description = {"keep the stack running on the usual ports (REST on :8080) until Ctrl-C",
        "Kafka localhost:9092, schema registry http://localhost:8081,",
        "REST API http://localhost:8080/api/vods (OpenAPI at /q/openapi)."})
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--media-root", paramLabel = "DIR",
            description = "a folder ingest may read media and chat from (repeatable; default: this repository)")
    private List<Path> mediaRoots = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Path> roots = new ArrayList<>();
        for (Path root : mediaRoots.isEmpty() ? List.of(cli.home()) : mediaRoots) {
            roots.add(root.toAbsolutePath().normalize());
        }
        Path dataDir = cli.home().resolve(".highlights/stack");
        LocalRun.redirectLauncherLog(dataDir);
        EmbeddedPipeline pipeline = new LocalRun(cli).start(new EmbeddedPipeline.Options(dataDir, true, roots));
        cli.out().println("kafka " + pipeline.bootstrapServers() + "  schema registry " + pipeline.schemaRegistryUrl());
        pipeline.serviceUrls().forEach(url -> cli.out().println(url));
        cli.out().println("REST API: " + pipeline.ingestUrl() + "/api/vods (OpenAPI at /q/openapi); media roots "
                + roots);
        // ./highlights run finds this stack and submits to it instead of starting its own.
        RunningStack.save(cli.home(), ProcessHandle.current().pid(), pipeline, roots);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(RunningStack.file(cli.home()));
            } catch (java.io.IOException ignored) {
                // a stale file names a process that is gone: run ignores it
            }
        }));
        cli.out().println("running until Ctrl-C; logs in " + dataDir.resolve("logs")
                + "; ./highlights run submits to this stack");
        new CountDownLatch(1).await();
        return 0;
    }
}
