package dev.highlights.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.audio.AudioServiceConfig;
import dev.highlights.chat.ChatServiceConfig;
import dev.highlights.fusion.FusionServiceConfig;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.video.VideoServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service README's configuration table says what its {@code @ConfigMapping} interface says: every row under the
 * mapping's prefix names one of its keys with the same default (the default cell opens with it quoted, or with
 * prose where the key has no default), and, where the README says its table is complete, every key with
 * a default has a row.
 */
class ConfigTablesTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** {@code | `key` | default | meaning |}; a key cell may name two keys ({@code `a` / `b`}). */
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]*) \\|");
    private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("ingest-service", IngestConfig.class, true),
                Arguments.of("chat-service", ChatServiceConfig.class, true),
                Arguments.of("fusion-service", FusionServiceConfig.class, true),
                // The workers' tables hold what is theirs; the shared worker settings are in worker-core's README.
                Arguments.of("audio-service", AudioServiceConfig.class, false),
                Arguments.of("video-service", VideoServiceConfig.class, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theReadmeTableAgreesWithTheConfigMapping(String module, Class<?> mapping, boolean complete) throws IOException {
        String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
        // Every key the mapping reads (a map's entries as "<prefix>.x.*"), with its default or null.
        Map<String, String> keys = ConfigMappings.ConfigClass.configClass(mapping, prefix).getProperties();
        Map<String, String> rows = rows(REPOSITORY.resolve(module).resolve("README.md"), prefix);
        assertThat(rows).as("%s documents %s.* keys", module, prefix).isNotEmpty();
        rows.forEach((key, cell) -> {
            // A map's entry: audio.model.label-weights.LABEL, ingest.producer."<property>"
            String pattern = key.replaceAll("\\.([A-Z]+|\"<[a-z]+>\")$", ".*");
            assertThat(keys).as("%s README row %s: a key of %s", module, key, mapping.getSimpleName())
                    .containsKey(pattern);
            String shipped = keys.get(pattern);
            if (shipped == null) {
                assertThat(cell).as("%s README row %s: no default in the mapping", module, key).isNull();
            } else {
                assertThat(cell).as("%s README row %s: the mapping's default", module, key).isEqualTo(shipped);
            }
        });
        if (complete) {
            List<String> missing = new ArrayList<>();
            keys.forEach((key, value) -> {
                if (value != null && !rows.containsKey(key)) {
                    missing.add(key);
                }
            });
            assertThat(missing).as("%s keys with a default but no README row", module).isEmpty();
        }
    }

    /** README rows under {@code prefix}: key to the first quoted value of its default cell (null: none quoted). */
    private static Map<String, String> rows(Path readme, String prefix) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme)) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            List<String> names = quoted(row.group(1));
            // A default cell that opens with a quoted value gives it; prose ("the model's `labels` metadata") none.
            List<String> values = row.group(2).startsWith("`") ? quoted(row.group(2)) : List.of();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).startsWith(prefix + ".")) {
                    rows.put(names.get(i), values.isEmpty() ? null : values.get(Math.min(i, values.size() - 1)));
                }
            }
        }
        return rows;
    }

    private static List<String> quoted(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
