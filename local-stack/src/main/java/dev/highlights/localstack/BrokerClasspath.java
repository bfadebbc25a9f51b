package dev.highlights.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The broker JVM's classpath: the {@code kafka_2.13} jars as Maven resolved them when this module
 * was built (written into the jar as {@code broker.classpath}), so the broker never sees the
 * caller's classpath (Quarkus, other logging backends, other Jackson versions).
 */
final class BrokerClasspath {
    private static volatile String classpath;

    private BrokerClasspath() {
    }

    static String get() {
        if (classpath == null) {
            try (InputStream in = BrokerClasspath.class.getResourceAsStream("broker.classpath")) {
                if (in == null) {
                    throw new IllegalStateException("broker.classpath is missing from local-stack: build it with Maven");
                }
                classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath;
    }
}
