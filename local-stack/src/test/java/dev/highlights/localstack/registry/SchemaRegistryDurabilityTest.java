package dev.highlights.localstack.registry;

import static dev.highlights.localstack.registry.RegistryHttp.JSON;
import static dev.highlights.localstack.registry.RegistryHttp.schemaBody;
import static dev.highlights.localstack.registry.RegistryHttp.subject;
import static dev.highlights.localstack.registry.SchemaRegistryApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.localstack.registry.RegistryHttp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** State lives in the compacted topic: it survives a restart, and every change is a record before the answer. */
@ExtendWith(LocalStackExtension.class)
class SchemaRegistryDurabilityTest {

    @Test
    void stateSurvivesARestartOnTheSameTopic() {
        String topic = RegistryHttp.newTopic();
        String kept = subject("kept");
        String twin = subject("twin");
        String softVersion = subject("soft-version");
        String softSubject = subject("soft-subject");
        String hardVersion = subject("hard-version");
        String name = Schemas.uniqueName("Durable");
        String v1 = Schemas.v1(name);
        String v2 = Schemas.v2WithDefault(name);

        Map<String, String> before = new LinkedHashMap<>();
        int maxId;
        try (SchemaRegistryServer first = RegistryHttp.startServer(topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            int id1 = http.register(kept, v1);
            int id2 = http.register(kept, v2);
            assertThat(http.register(twin, v1)).isEqualTo(id1);
            http.register(softVersion, v1);
            http.register(softVersion, v2);
            http.delete("/subjects/" + softVersion + "/versions/1");
            http.register(softSubject, Schemas.v1(name + "Gone"));
            http.delete("/subjects/" + softSubject);
            http.register(hardVersion, v1);
            http.register(hardVersion, v2);
            http.delete("/subjects/" + hardVersion + "/versions/2");
            http.delete("/subjects/" + hardVersion + "/versions/2?permanent=true");
            http.put("/config/" + twin, "{\"compatibility\":\"FULL\"}");
            http.put("/config", "{\"compatibility\":\"FORWARD\"}");
            maxId = Math.max(id1, id2);

            for (String path : observed(kept, twin, softVersion, softSubject, hardVersion, id1, id2)) {
                before.put(path, http.get(path).body());
            }
        }

        try (SchemaRegistryServer second = RegistryHttp.startServer(topic)) {
            RegistryHttp http = new RegistryHttp(second.url());
            for (Map.Entry<String, String> e : before.entrySet()) {
                assertThat(http.get(e.getKey()).body()).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
            assertThat(http.get("/config/" + twin).body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(http.get("/subjects/" + softVersion + "/versions").body()).isEqualTo("[2]");
            assertError(http.get("/subjects/" + softSubject + "/versions"), 404, 40401);
            assertThat(http.get("/subjects/" + hardVersion + "/versions?deleted=true").body()).isEqualTo("[1]");

            // Re-registering is still idempotent; the next new schema gets a fresh id; versions continue.
            int id2 = idOf(before.get("/subjects/" + kept + "/versions/2"));
            assertThat(http.register(kept, v2)).isEqualTo(id2);
            assertThat(http.get("/subjects/" + kept + "/versions").body()).isEqualTo("[1,2]");
            int fresh = http.register(kept, Schemas.record(name, Schemas.field("id", "string"),
                    Schemas.field("name", "string", "\"\""), Schemas.field("extra", "string", "\"x\"")));
            assertThat(fresh).isGreaterThan(maxId);
            assertThat(http.get("/subjects/" + kept + "/versions").body()).isEqualTo("[1,2,3]");
            assertThat(http.register(hardVersion, v2)).isEqualTo(id2);
            assertThat(http.get("/subjects/" + hardVersion + "/versions").body()).isEqualTo("[1,2]");
        }
    }

    @Test
    void idsOfPermanentlyDeletedSchemasAreNotReusedAfterARestart() {
        String topic = RegistryHttp.newTopic();
        String subject = subject("reuse");
        int deletedId;
        try (SchemaRegistryServer first = RegistryHttp.startServer(topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            http.register(subject("other"), Schemas.v1(Schemas.uniqueName("Other")));
            deletedId = http.register(subject, Schemas.v1(Schemas.uniqueName("Doomed")));
            http.delete("/subjects/" + subject);
            http.delete("/subjects/" + subject + "?permanent=true");
            assertError(http.get("/schemas/ids/" + deletedId), 404, 40403);
        }
        try (SchemaRegistryServer second = RegistryHttp.startServer(topic)) {
            RegistryHttp http = new RegistryHttp(second.url());
            assertError(http.get("/schemas/ids/" + deletedId), 404, 40403);
            assertError(http.get("/subjects/" + subject + "/versions?deleted=true"), 404, 40401);
            assertThat(http.register(subject, Schemas.v1(Schemas.uniqueName("Next")))).isGreaterThan(deletedId);
        }
    }

    @Test
    void everyChangeIsAConfluentShapedRecordWrittenBeforeTheAnswer() throws Exception {
        String topic = RegistryHttp.newTopic();
        String subject = subject("records");
        try (SchemaRegistryServer server = RegistryHttp.startServer(topic)) {
            RegistryHttp http = new RegistryHttp(server.url());
            int id = http.register(subject, Schemas.USER_V1);
            List<ConsumerRecord<String, String>> records = readAll(topic);
            assertThat(records).hasSize(1);
            JsonNode key = JSON.readTree(records.get(0).key());
            JsonNode value = JSON.readTree(records.get(0).value());
            assertThat(key.get("keytype").asText()).isEqualTo("SCHEMA");
            assertThat(key.get("subject").asText()).isEqualTo(subject);
            assertThat(key.get("version").asInt()).isEqualTo(1);
            assertThat(key.get("magic").asInt()).isEqualTo(1);
            assertThat(value.get("id").asInt()).isEqualTo(id);
            assertThat(value.get("subject").asText()).isEqualTo(subject);
            assertThat(value.get("version").asInt()).isEqualTo(1);
            assertThat(value.get("deleted").asBoolean()).isFalse();
            assertThat(value.get("schema").asText()).isEqualTo(http.get("/schemas/ids/" + id).json().get("schema").asText());

            http.register(subject, Schemas.USER_V1); // idempotent: nothing written
            assertThat(readAll(topic)).hasSize(1);

            http.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");
            http.delete("/subjects/" + subject);
            http.delete("/subjects/" + subject + "?permanent=true");
            records = readAll(topic);
            List<String> keytypes = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                keytypes.add(JSON.readTree(r.key()).get("keytype").asText() + (r.value() == null ? "(tombstone)" : ""));
            }
            assertThat(keytypes).containsExactly("SCHEMA", "CONFIG", "DELETE_SUBJECT", "CONFIG(tombstone)",
                    "ID_WATERMARK", "SCHEMA(tombstone)", "DELETE_SUBJECT(tombstone)");
            assertThat(JSON.readTree(records.get(1).value()).get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(JSON.readTree(records.get(2).value()).get("version").asInt()).isEqualTo(1);
        }

        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aFailingBackendIs50001AndTheRegistryRecovers() throws Exception {
        String topic = RegistryHttp.newTopic();
        String subject = subject("backend");
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (SchemaRegistryServer server = RegistryHttp.startServer(topic); Admin admin = admin()) {
            RegistryHttp http = new RegistryHttp(server.url());
            http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
            int before = http.register(subject, Schemas.v1(Schemas.uniqueName("Before")));

            // Records can no longer be appended to the topic.
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Reply reply = http.post("/subjects/" + subject + "/versions",
                        schemaBody(Schemas.v1(Schemas.uniqueName("During"))));
                assertError(reply, 500, 50001);
            });
            String versionsDuringOutage = http.get("/subjects/" + subject + "/versions").body();

            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE))))
                    .all().get(30, TimeUnit.SECONDS);
            int[] after = new int[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Reply reply = http.post("/subjects/" + subject + "/versions",
                        schemaBody(Schemas.v1(Schemas.uniqueName("After"))));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                after[0] = reply.json().get("id").asInt();
            });
            assertThat(after[0]).isGreaterThan(before);
            assertThat(http.get("/subjects/" + subject + "/versions").json().size())
                    .isEqualTo(JSON.readTree(versionsDuringOutage).size() + 1);
        }
    }

    @Test
    void refusesATopicThatIsNotCompactedOrHasSeveralPartitions() throws Exception {
        String deleting = "_schemas-delete-" + UUID.randomUUID();
        String partitioned = "_schemas-partitioned-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                    new NewTopic(deleting, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")),
                    new NewTopic(partitioned, 2, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        SchemaRegistryServer notCompacted = new SchemaRegistryServer(new SchemaRegistryServer.Config(
                "127.0.0.1", 0, RegistryHttp.bootstrapServers(), deleting));
        assertThatThrownBy(notCompacted::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("compact");
        notCompacted.close();
        SchemaRegistryServer severalPartitions = new SchemaRegistryServer(new SchemaRegistryServer.Config(
                "127.0.0.1", 0, RegistryHttp.bootstrapServers(), partitioned));
        assertThatThrownBy(severalPartitions::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 partition");
        severalPartitions.close();
    }

    @Test
    void startAndCloseAreSafeToRepeat() {
        SchemaRegistryServer.Config defaults = SchemaRegistryServer.Config.of(8081, "localhost:9092");
        assertThat(defaults).isEqualTo(new SchemaRegistryServer.Config("127.0.0.1", 8081, "localhost:9092", "_schemas"));

        SchemaRegistryServer server = RegistryHttp.startServer();
        String url = server.url();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close();
        server.close();
        // The port is free again: a new server can take it.
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (SchemaRegistryServer again = new SchemaRegistryServer(new SchemaRegistryServer.Config("127.0.0.1", port,
                RegistryHttp.bootstrapServers(), RegistryHttp.newTopic()))) {
            again.start();
            assertThat(again.url()).isEqualTo(url);
            assertThat(new RegistryHttp(again.url()).get("/config").status()).isEqualTo(200);
        }
    }

    // ---- helpers ----

    private static List<String> observed(String kept, String twin, String softVersion, String softSubject,
                                         String hardVersion, int id1, int id2) {
        List<String> paths = new ArrayList<>(List.of("/subjects", "/subjects?deleted=true", "/config",
                "/config/" + twin, "/schemas/ids/" + id1, "/schemas/ids/" + id2,
                "/schemas/ids/" + id1 + "/versions?deleted=true", "/schemas/ids/" + id2 + "/subjects",
                "/subjects/" + softSubject + "/versions?deleted=true"));
        for (String s : List.of(kept, twin, softVersion, hardVersion)) {
            paths.add("/subjects/" + s + "/versions");
            paths.add("/subjects/" + s + "/versions?deleted=true");
            paths.add("/subjects/" + s + "/versions/1?deleted=true");
            paths.add("/subjects/" + s + "/versions/latest");
        }
        paths.add("/subjects/" + kept + "/versions/2");
        return paths;
    }

    private static int idOf(String versionJson) {
        try {
            return JSON.readTree(versionJson).get("id").asInt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryHttp.bootstrapServers()));
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryHttp.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
