package dev.highlights.ingest.support;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/** Small REST helpers for the tests. */
public final class Api {
    private Api() {
    }

    /**
     * Waits until the service is ready (views restored, channels up).
     *
     * @param management the management root, as {@code @TestHTTPResource(value = "/", management = true)} gives it
     *                   ({@code http://host:port/q/})
     */
    public static void awaitReady(URL management) {
        String ready = management + "health/ready";
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get(ready).statusCode() == 200);
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
