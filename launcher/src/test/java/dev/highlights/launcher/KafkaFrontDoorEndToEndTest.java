package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.samples.SampleSpec;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import dev.highlights.samples.SampleVod;
import dev.highlights.samples.SampleVodFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;

/**
 * The Kafka front door against REST on the whole pipeline: the sample VOD submitted over REST, pushed as an Avro
 * {@code VodIngestRequest} and pushed as JSON (each twice) gives the same highlights three times, once each. The
 * build runs it as a secured, shared deployment would: a topic prefix, and a schema registry that asks every request
 * for HTTP basic auth, so every registry client of every service (ingest's producer, front door, imports and views,
 * chat and fusion, both workers, their status reports) and {@code push} must present the credentials.
 */
class KafkaFrontDoorEndToEndTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String REGISTRY_USER_INFO = "highlights:front-door-secret";
    private static final String KAFKA_USER_INFO = "highlights:broker-secret";

    @Test
    void avroAndJsonPushesGiveTheSameHighlightsAsRestAndRepeatsAddNothing() throws Exception {
        // Under target/ rather than a temporary folder: the service logs stay there when this fails.
        Path data = Path.of("target/kafka-front-door");
        HighlightsCli.deleteRecursively(data);
        SampleVodFiles sample = SampleVod.ensure(REPOSITORY.resolve(".highlights/sample"), SampleSpec.defaults());
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(REPOSITORY,
                new EmbeddedPipeline.Options(data, false, List.of(sample.directory()), List.of(), REGISTRY_USER_INFO,
                KAFKA_USER_INFO))
                .start(line -> { })) {
            // Without the credentials the registry answers 401: one refusal, this one.
            HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(pipeline.schemaRegistryUrl() + "/subjects")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            IngestClient ingest = new IngestClient(pipeline.ingestUrl());
            // The embedded stack has no API key: its services must not be reachable from other machines.
            for (String service : pipeline.serviceUrls()) {
                int port = URI.create(service.substring(service.indexOf(' ') + 1)).getPort();
                assertThat(listeningAddresses(port)).as(service).isNotEmpty()
                        .allSatisfy(a -> assertThat(a).as("127.0.0.1, ::1 or ::ffff:127.0.0.1")
                                .isIn("0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"));
            }
            String restId = ingest.register("rest", "sample", sample.video().toUri(), sample.chat().toUri());
            for (String format : List.of("avro", "json")) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    ByteArrayOutputStream printed = new ByteArrayOutputStream();
                    // The first push waits for ingest's ACCEPTED; a repeat changes nothing, so nothing answers it.
                    PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
                    int exit = new HighlightsCli(REPOSITORY, console, console, false)
                            .execute(pushArgs(pipeline, sample, "vod-pushed-" + format, format, attempt == 0 ? 60 : 0));
                    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
                }
            }

            // tail reads the same highlights through the SASL listener and the registry's auth.
            ByteArrayOutputStream tailed = new ByteArrayOutputStream();
            PrintStream tailConsole = new PrintStream(tailed, true, StandardCharsets.UTF_8);
            int tailExit = new HighlightsCli(REPOSITORY, tailConsole, tailConsole, false).execute(clientArgs(pipeline,
                    List.of("tail", "--vod", "vod-pushed-avro", "--from-beginning", "--timeout-seconds", "120"),
                    "tail-vod-pushed-avro"));
            assertThat(tailExit).as(tailed.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(tailed.toString(StandardCharsets.UTF_8)).doesNotContain("stopped after");

            List<String> viaRest = FinalHighlights.of(ingest, restId, pipeline);
            assertThat(viaRest).isNotEmpty();
            assertThat(FinalHighlights.of(ingest, "vod-pushed-avro", pipeline)).isEqualTo(viaRest);
            assertThat(FinalHighlights.of(ingest, "vod-pushed-json", pipeline)).isEqualTo(viaRest);
            assertEverythingCarriesThePrefix(pipeline.bootstrapServers());
            // Every other request of every client carried the credentials.
            assertThat(pipeline.stack().registryRefusedRequests()).isEqualTo(1);
            assertEveryClientAuthenticated(pipeline.stack().brokerRequestLog());
            assertReadinessFollowsTheCredentials(pipeline);
        }
    }

    /**
     * A service whose clients cannot authenticate says so on {@code /q/health/ready}, and gets ready on its own once
     * they can: the SCRAM password is rotated on the broker, every service restarts with the old one (as pods would
     * after a rescheduling before their Secret was updated), then the old password is put back.
     */
    private static void assertReadinessFollowsTheCredentials(EmbeddedPipeline pipeline) throws Exception {
        String user = KAFKA_USER_INFO.substring(0, KAFKA_USER_INFO.indexOf(':'));
        String password = KAFKA_USER_INFO.substring(KAFKA_USER_INFO.indexOf(':') + 1);
        List<String> names = ServiceSpec.ALL.stream().map(ServiceSpec::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.stack().bootstrapServers()))) {
            setScramPassword(admin, user, "rotated-" + password);
            // All at once, as a rollout with the stale Secret would.
            List<CompletableFuture<Void>> relaunched = new ArrayList<>();
            for (String name : names) {
                relaunched.add(CompletableFuture.runAsync(() -> {
                    try {
                        pipeline.relaunchService(name, false);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(name + " did not start again", e);
                    }
                }));
            }
            CompletableFuture.allOf(relaunched.toArray(CompletableFuture[]::new)).join();
            HttpClient http = HttpClient.newHttpClient();
            Map<String, Integer> answered = new TreeMap<>();
            Map<String, String> bodies = new TreeMap<>();
            long listening = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            // Up and answering, then 10 s more: every client has tried and failed by then (the workers retry every 2 s).
            while (System.nanoTime() < deadline) {
                for (String name : names) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(pipeline.readinessUrl(name)))
                                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                        answered.put(name, r.statusCode());
                        bodies.put(name, r.body());
                    } catch (IOException notListeningYet) {
                        answered.remove(name);
                    }
                }
                if (answered.size() == names.size() && listening == 0) {
                    listening = System.nanoTime();
                }
                assertThat(answered).as("readiness with a wrong password: %s", bodies).doesNotContainValue(200);
                if (listening != 0 && System.nanoTime() - listening > TimeUnit.SECONDS.toNanos(10)) {
                    break;
                }
                Thread.sleep(1000);
            }
            System.out.println("readiness with a wrong password: " + answered + " " + bodies);
            assertThat(answered).as("every service answers its readiness check").hasSize(names.size())
                    .allSatisfy((name, code) -> assertThat(code).as(name).isEqualTo(503));
            // The workers say why; Kafka Streams reports the topics it cannot see as missing.
            assertThat(bodies.get("audio")).contains("connectionProblem", "SaslAuthenticationException");
            assertThat(bodies.get("video")).contains("connectionProblem", "SaslAuthenticationException");

            setScramPassword(admin, user, password);
            for (String name : names) {
                pipeline.awaitReady(name);
            }
        }
    }

    private static void setScramPassword(Admin admin, String user, String password) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(
                        ScramMechanism.SCRAM_SHA_256, 4096), password))).all().get();
    }

    /**
     * With a topic prefix (the build runs this class with {@code highlights.topic-prefix=team-a.}), every topic the
     * pipeline made, every consumer group and every Kafka Streams application id starts with it: two deployments can
     * share the cluster, and prefixed ACLs can host one.
     */
    private static void assertEverythingCarriesThePrefix(String bootstrapServers) throws Exception {
        String prefix = Topics.prefix();
        if (prefix.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get();
            for (Topic<?> topic : Topics.all()) {
                assertThat(topics).contains(prefix + topic.baseName()).doesNotContain(topic.baseName());
            }
            // Kafka Streams' changelog and repartition topics are named after the application id.
            assertThat(topics).filteredOn(t -> !t.startsWith("_")).allSatisfy(t -> assertThat(t).startsWith(prefix));
            List<String> groups = admin.listGroups().all().get().stream().map(g -> g.groupId()).toList();
            // ingest's views read global stores, which join no group.
            assertThat(groups).contains(prefix + "audio-service", prefix + "video-service", prefix + "chat-service",
                    prefix + "fusion-service", prefix + "ingest-service-requests", prefix + "ingest-service-chat-imports");
            assertThat(groups).allSatisfy(g -> assertThat(g).startsWith(prefix));
        }
    }

    /** Local addresses (hex, as the kernel writes them) with a socket listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) { // after the header
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && Integer.parseInt(local[1], 16) == port) { // 0A: LISTEN
                    out.add(local[0]);
                }
            }
        }
        return out;
    }

    private static String[] pushArgs(EmbeddedPipeline pipeline, SampleVodFiles sample, String id, String format,
                                     int waitSeconds) {
        return clientArgs(pipeline, List.of("push", "--video", sample.video().toUri().toString(), "--chat",
                sample.chat().toUri().toString(), "--id", id, "--format", format,
                "--wait-seconds", String.valueOf(waitSeconds)), "push-" + id);
    }

    /** A client command of the CLI on the SASL listener, with the registry's credentials and a client id. */
    private static String[] clientArgs(EmbeddedPipeline pipeline, List<String> command, String clientId) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--bootstrap-servers", pipeline.stack().saslBootstrapServers(), "--schema-registry",
                pipeline.schemaRegistryUrl(), "--property", "basic.auth.credentials.source=USER_INFO",
                "--property", "basic.auth.user.info=" + REGISTRY_USER_INFO, "--property", "client.id=" + clientId));
        pipeline.stack().saslClientProperties().forEach((key, value) -> args.addAll(List.of("--property", key + "=" + value)));
        return args.toArray(String[]::new);
    }

    /**
     * The broker's request log: every request the services and {@code push} sent went to the SASL listener and was
     * made as the SCRAM user, listed here by client id.
     */
    private static void assertEveryClientAuthenticated(Path requestLog) throws IOException {
        Pattern client = Pattern.compile("\"clientId\":\"([^\"]*)\"");
        Pattern principal = Pattern.compile("\"principal\":\"([^\"]*)\"");
        Pattern listener = Pattern.compile("\"listener\":\"([^\"]*)\"");
        Map<String, Set<String>> byListener = new TreeMap<>();
        for (String line : Files.readAllLines(requestLog)) {
            Matcher c = client.matcher(line);
            Matcher p = principal.matcher(line);
            Matcher l = listener.matcher(line);
            if (c.find() && p.find() && l.find()) {
                byListener.computeIfAbsent(l.group(1) + " " + p.group(1), k -> new TreeSet<>()).add(c.group(1));
            }
        }
        System.out.println("broker requests by listener and principal: " + byListener);
        String p = Topics.prefix();
        // Every client of every service, and push, on the SASL listener as the SCRAM user.
        Set<String> authenticated = byListener.getOrDefault("SASL_PLAINTEXT User:highlights", Set.of());
        assertThat(byListener.keySet()).filteredOn(k -> k.startsWith("SASL_PLAINTEXT"))
                .containsExactly("SASL_PLAINTEXT User:highlights");
        assertThat(authenticated).contains(
                "ingest-service",                                                   // ingest's publisher
                "ingest-service-vod-requests", "ingest-service-chat-events",        // its Kafka front door
                "ingest-service-chat-imports",                                      // its chat imports
                p + "audio-service-consumer", p + "audio-service-producer", p + "audio-service-admin",
                p + "video-service-consumer", p + "video-service-producer", p + "video-service-admin",
                "push-vod-pushed-avro", "push-vod-pushed-json", "tail-vod-pushed-avro");
        for (String app : List.of("chat-service", "fusion-service")) {
            // (Their status producers start with the first unreadable record; this run has none.)
            assertThat(authenticated).as(app).anyMatch(id -> id.startsWith(p + app + "-") && id.endsWith("-StreamThread-1-consumer"))
                    .anyMatch(id -> id.startsWith(p + app + "-") && id.endsWith("-StreamThread-1-producer"));
        }
        assertThat(authenticated).as("ingest's views").anyMatch(id -> id.startsWith(p + "ingest-service-")
                && id.endsWith("-global-consumer"));
        // On the plain listener only the stack itself: the registry's storage, the broker, the launcher's admin.
        assertThat(byListener.getOrDefault("PLAINTEXT User:ANONYMOUS", Set.of()))
                .allMatch(id -> id.startsWith("schema-registry-") || id.startsWith("adminclient-")
                        || id.startsWith("broker-") || id.startsWith("AddPartitionsManager-"));
    }
}
