package dev.highlights.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until interrupted: {@code LocalStackMain [dataDir] [kafkaPort] [registryPort]}
 * (defaults: .local-stack, 9092, 8081; the KRaft controller takes kafkaPort + 1). Prints one "READY kafka=... registry=..." line when up, for
 * launchers to wait on.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".local-stack").toAbsolutePath();
        int kafkaPort = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int registryPort = args.length > 2 ? Integer.parseInt(args[2]) : 8081;
        LocalStack stack = LocalStack.start(new LocalStack.Config(dataDir, kafkaPort, kafkaPort + 1, registryPort));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        System.out.println("READY kafka=" + stack.bootstrapServers() + " registry=" + stack.schemaRegistryUrl());
        stopped.await();
    }
}
