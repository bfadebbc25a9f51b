package dev.highlights.ingest.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** Small REST helpers for the tests. */
public final class Api {
    private Api() {
    }

    /**
     * Waits until the service is ready: the views answer (an unknown VOD is 404, not 503 while they load). Health is on
     * the management port, which tests reach through {@code @TestHTTPResource(management = true)}.
     */
    public static void awaitReady() {
        String key = ConfigProvider.getConfig().getOptionalValue("ingest.api-key", String.class).orElse("");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("X-Api-Key", key).get("/api/vods/readiness-check").statusCode() == 404);
    }

    /** A registration body; null values are left out. */
    public static Map<String, Object> vod(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
