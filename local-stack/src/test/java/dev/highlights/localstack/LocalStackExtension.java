package dev.highlights.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: {@code @ExtendWith(LocalStackExtension.class)} starts the JVM-wide {@link LocalStack}
 * (once, however many test classes use it) and injects it into test constructors and methods.
 * Its addresses are also published as the system properties {@code kafka.bootstrap.servers} and
 * {@code schema.registry.url}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalStack stack = LocalStack.shared();
        System.setProperty("kafka.bootstrap.servers", stack.bootstrapServers());
        System.setProperty("schema.registry.url", stack.schemaRegistryUrl());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return LocalStack.shared();
    }
}
