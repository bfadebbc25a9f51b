package dev.highlights.ingest.support;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;

/** What a test of the running service needs first: its management root, and the service ready (views restored). */
public abstract class ReadyService {

    /** The management root, {@code http://host:port/q/}: health and metrics are there, not on the API port. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    @BeforeEach
    void awaitReady() {
        Api.awaitReady(management);
    }
}
