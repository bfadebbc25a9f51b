package dev.highlights.deploy;

import static dev.highlights.deploy.Yamls.at;
import static dev.highlights.deploy.Yamls.map;
import static dev.highlights.deploy.Yamls.maps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and docker-compose.cpu.yml, parsed (merge keys and !reset as Compose reads them). */
class ComposeTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Integer> APPS = Map.of("ingest", 8080, "chat", 8082, "audio", 8083, "video", 8084,
            "fusion", 8085);
    static final Map<String, String> MODULES = Map.of("ingest", "ingest-service", "chat", "chat-service",
            "audio", "audio-service", "video", "video-service", "fusion", "fusion-service");

    static Map<String, Object> compose;
    static Map<String, Object> cpu;

    @BeforeAll
    static void parse() throws IOException {
        compose = Yamls.load(Files.readString(ROOT.resolve("docker-compose.yml")));
        cpu = Yamls.composeMerge(compose, Yamls.load(Files.readString(ROOT.resolve("docker-compose.cpu.yml"))));
    }

    static Map<String, Object> service(Map<String, Object> file, String name) {
        return map(map(file.get("services")).get(name));
    }

    @Test
    void declaresKafkaTheRegistryTheFiveServicesAndTheTopicInit() {
        assertThat(map(compose.get("services"))).containsKeys("kafka", "schema-registry", "ingest", "chat", "audio",
                "video", "fusion", "topics");
        assertThat(at(service(compose, "kafka"), "image")).isEqualTo("apache/kafka:4.1.1");
        assertThat(map(at(service(compose, "kafka"), "environment")))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat((String) at(service(compose, "schema-registry"), "image")).startsWith("confluentinc/cp-schema-registry:");
        assertThat(map(compose.get("volumes"))).containsKeys("kafka-data", "media", "ingest-state", "chat-state",
                "fusion-state");
    }

    @Test
    void everyBuildContextSendsTheFastJarOnly() throws IOException {
        for (String module : MODULES.values()) {
            Path ignore = ROOT.resolve(module).resolve(".dockerignore");
            List<String> rules = Files.readAllLines(ignore).stream()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertThat(rules).as(ignore.toString()).containsExactly("*", "!target/quarkus-app/");
            // ... and the Dockerfile copies nothing else from its context.
            List<String> copies = Files.readAllLines(ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"))
                    .stream().filter(l -> l.startsWith("COPY ") && !l.contains("--from=")).toList();
            assertThat(copies).isNotEmpty().allSatisfy(l -> assertThat(l).contains(" target/quarkus-app/"));
        }
    }

    @Test
    void everyAppIsBuiltFromItsDockerfileAndHealthCheckedOnQuarkusReadiness() {
        APPS.forEach((app, port) -> {
            Map<String, Object> s = service(compose, app);
            assertThat(at(s, "build.context")).isEqualTo("./" + MODULES.get(app));
            assertThat(at(s, "build.dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Files.exists(ROOT.resolve(MODULES.get(app)).resolve("src/main/docker/Dockerfile.jvm"))).isTrue();
            // ingest's /q/* is on its management port (9000), which compose does not publish
            int health = app.equals("ingest") ? 9000 : port;
            assertThat(String.valueOf(at(s, "healthcheck.test"))).contains("http://localhost:" + health + "/q/health/ready");
            Map<String, Object> env = map(s.get("environment"));
            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
            assertThat(map(s.get("depends_on"))).containsKeys("kafka", "schema-registry", "topics");
            assertThat(at(s, "depends_on.topics.condition")).isEqualTo("service_completed_successfully");
            assertThat(String.valueOf(s.get("configs"))).contains("/deployments/config/application.properties");
        });
        assertThat(at(service(compose, "kafka"), "healthcheck.test")).isNotNull();
        assertThat(at(service(compose, "schema-registry"), "healthcheck.test")).isNotNull();
        assertThat(map(service(compose, "ingest").get("environment"))).containsEntry("INGEST_MEDIA_ROOTS", "/media")
                .hasEntrySatisfying("INGEST_API_KEY", v -> assertThat(String.valueOf(v)).startsWith("${INGEST_API_KEY:?"));
        assertThat(map(service(compose, "audio").get("environment"))).containsEntry("AUDIO_MEDIA_ROOTS", "/media");
        assertThat(map(service(compose, "video").get("environment"))).containsEntry("VIDEO_MEDIA_ROOTS", "/media");
        // The media volume at the same path in ingest and the workers; state volumes at the state dir.
        for (String app : List.of("ingest", "audio", "video")) {
            assertThat(String.valueOf(service(compose, app).get("volumes"))).contains("media:/media");
        }
        for (String app : List.of("ingest", "chat", "fusion")) {
            assertThat(String.valueOf(service(compose, app).get("volumes"))).contains(app + "-state:/var/lib/highlights/state");
        }
    }

    @Test
    void gpuReservationsOnTheWorkersOnly() {
        for (String w : List.of("audio", "video")) {
            List<Map<String, Object>> devices = maps(at(service(compose, w), "deploy.resources.reservations.devices"));
            assertThat(devices).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("driver", "nvidia");
                assertThat(String.valueOf(d.get("capabilities"))).contains("gpu");
            });
            assertThat(map(service(compose, w).get("environment")))
                    .containsEntry(w.toUpperCase() + "_EXECUTION_PROVIDER", "${HIGHLIGHTS_EXECUTION_PROVIDER:-cuda}");
        }
        for (String other : List.of("kafka", "schema-registry", "topics", "ingest", "chat", "fusion")) {
            assertThat(String.valueOf(service(compose, other))).doesNotContain("nvidia");
        }
    }

    @Test
    void cpuOverrideRemovesTheGpuReservationsAndSelectsTheCpuProvider() {
        for (String w : List.of("audio", "video")) {
            Map<String, Object> s = service(cpu, w);
            assertThat(s).doesNotContainKey("deploy");
            assertThat(String.valueOf(s)).doesNotContain("nvidia");
            assertThat(map(s.get("environment"))).containsEntry(w.toUpperCase() + "_EXECUTION_PROVIDER", "cpu")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(at(s, "build.args.ONNXRUNTIME")).isEqualTo("cpu");
            assertThat(at(s, "build.context")).isEqualTo("./" + MODULES.get(w));
            assertThat(s).containsKey("healthcheck");
        }
        assertThat(service(cpu, "ingest")).isEqualTo(service(compose, "ingest"));
    }

    @Test
    void topicInitCreatesExactlyTheCatalogue() {
        String script = String.valueOf(at(service(compose, "topics"), "command"));
        // Compose substitutes HIGHLIGHTS_TOPIC_PREFIX (empty unless set) in front of every name.
        Pattern create = Pattern.compile("--create --if-not-exists --topic \\$\\{HIGHLIGHTS_TOPIC_PREFIX:-}(\\S+) --partitions (\\d+) "
                + "--replication-factor 1 --config cleanup\\.policy=(\\S+) --config retention\\.ms=(-?\\d+)");
        Map<String, String> declared = new LinkedHashMap<>();
        Matcher m = create.matcher(script);
        while (m.find()) {
            declared.put(m.group(1), m.group(2) + "/" + m.group(3) + "/" + m.group(4));
        }
        Map<String, String> catalogue = new LinkedHashMap<>();
        for (Topic<?> t : Topics.all()) {
            catalogue.put(t.baseName(), t.partitions() + "/" + t.cleanupPolicy() + "/"
                    + (t.retention() == null ? -1 : t.retention().toMillis()));
        }
        assertThat(declared).isEqualTo(catalogue);
    }

    @Test
    void dockerfilesFollowTheQuarkusLayoutAndExposeTheServicePort() throws IOException {
        for (var e : APPS.entrySet()) {
            Path module = ROOT.resolve(MODULES.get(e.getKey()));
            String df = Files.readString(module.resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(df).contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                    "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                    "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                    "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                    "EXPOSE " + e.getValue(), "USER 185", "WORKDIR /deployments", "JAVA_OPTS_APPEND");
            Path props = module.resolve("src/main/resources/application.properties");
            if (Files.exists(props)) {
                // The port compose and the chart probe is the one the service listens on.
                assertThat(Files.readString(props)).contains("quarkus.http.port=" + e.getValue());
            }
        }
    }

    /**
     * One Maven build gives the CPU and the GPU worker images: the ONNXRUNTIME build argument picks the base image and
     * the ONNX Runtime jar, which takes the file name the build gave its CPU jar, at the version it packaged.
     */
    @Test
    void workerImagesChooseOnnxRuntimeByABuildArgumentOverTheBuildsOwnJar() throws IOException {
        Matcher pom = Pattern.compile("<onnxruntime.version>([^<]+)</onnxruntime.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).isTrue();
        String version = pom.group(1);
        String packagedJar = "com.microsoft.onnxruntime.onnxruntime-" + version + ".jar";
        for (String w : List.of("audio-service", "video-service")) {
            String df = Files.readString(ROOT.resolve(w).resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(df).contains("ARG ONNXRUNTIME=gpu", "ARG GPU_BASE_IMAGE=nvidia/cuda:", "cudnn",
                    "AS base-gpu", "AS base-cpu", "FROM base-${ONNXRUNTIME}\n", "AS onnxruntime-cpu", "AS onnxruntime-gpu",
                    "ARG ONNXRUNTIME_VERSION=" + version + "\n",
                    "/onnxruntime/com.microsoft.onnxruntime.onnxruntime-${ONNXRUNTIME_VERSION}.jar",
                    "onnxruntime_gpu/${ONNXRUNTIME_VERSION}/onnxruntime_gpu-${ONNXRUNTIME_VERSION}.jar", "sha1sum -c",
                    "COPY --chown=185 --from=onnxruntime-${ONNXRUNTIME} /onnxruntime/ /deployments/lib/main/");
            // After the build's libraries, so that the chosen jar replaces the packaged one.
            assertThat(df.indexOf("--from=onnxruntime-")).isGreaterThan(df.indexOf("target/quarkus-app/lib/"));
            // The reactor builds the workers before this module: their fast-jar holds the jar the image replaces.
            Path lib = ROOT.resolve(w).resolve("target/quarkus-app/lib/main");
            assertThat(lib).as("build the workers first (./mvnw package)").isDirectory();
            try (var jars = Files.list(lib)) {
                assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.contains("onnxruntime")
                        && !n.contains("tribuo"))).containsExactly(packagedJar);
            }
        }
    }
}
