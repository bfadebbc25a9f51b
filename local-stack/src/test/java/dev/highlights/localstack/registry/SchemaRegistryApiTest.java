package dev.highlights.localstack.registry;

import static dev.highlights.localstack.registry.RegistryHttp.schemaBody;
import static dev.highlights.localstack.registry.RegistryHttp.subject;
import static dev.highlights.localstack.registry.Schemas.USER_V1;
import static dev.highlights.localstack.registry.Schemas.USER_V2_NO_DEFAULT;
import static dev.highlights.localstack.registry.Schemas.USER_V2_WITH_DEFAULT;
import static dev.highlights.localstack.registry.Schemas.field;
import static dev.highlights.localstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.localstack.registry.RegistryHttp.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Confluent REST API over HTTP: success shapes, error codes, routing and content types. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryApiTest {

    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeAll
    void start() {
        server = RegistryHttp.startServer();
        http = new RegistryHttp(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- root, routing, content types ----

    @Test
    void rootAnswersEmptyObjectWithTheRegistryContentType() {
        Reply reply = http.get("/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{}");
        assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void unknownRouteIsAConfluentShaped404() {
        for (String path : List.of("/nope", "/subjects/a/versions/1/nope", "/schemas/ids/abc", "/schemas/ids/1/nope")) {
            Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.errorCode()).as(path).isEqualTo(404);
            assertThat(reply.json().has("message")).isTrue();
            assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void wrongMethodIsAConfluentShaped405() {
        Reply put = http.put("/subjects", "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.errorCode()).isEqualTo(405);
        Reply delete = http.delete("/schemas/types");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.errorCode()).isEqualTo(405);
        assertThat(http.send("GET", "/compatibility/subjects/x/versions/latest", null, null).errorCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/json; charset=utf-8", "application/octet-stream", ""})
    void acceptsEveryConfluentRequestContentType(String contentType) {
        String subject = subject("ctype");
        Reply reply = http.send("POST", "/subjects/" + subject + "/versions", schemaBody(USER_V1),
                contentType.isEmpty() ? null : contentType);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").asInt()).isPositive();
    }

    @Test
    void refusesOtherContentTypes() {
        Reply reply = http.send("POST", "/subjects/" + subject("ctype") + "/versions", schemaBody(USER_V1), "text/plain");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo(415);
    }

    @Test
    void malformedBodiesAreJsonErrors() {
        String path = "/subjects/" + subject("bad") + "/versions";
        Reply notJson = http.post(path, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo(400);
        Reply array = http.post(path, "[1]");
        assertThat(array.status()).isEqualTo(422);
        assertThat(array.errorCode()).isEqualTo(422);
        Reply empty = http.post(path, "");
        assertThat(empty.status()).isEqualTo(422);
    }

    @Test
    void subjectNamesAreUrlDecoded() {
        String subject = "chat-messages.v1-value";
        int id = http.register(subject, USER_V1);
        assertThat(http.get("/subjects/chat-messages.v1-value/versions/1").json().get("id").asInt()).isEqualTo(id);
        assertThat(http.get("/subjects/chat%2Dmessages%2Ev1-value/versions/1").json().get("subject").asText())
                .isEqualTo(subject);

        String odd = "odd subject/with+signs-" + System.nanoTime();
        String encoded = java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        int oddId = http.register(encoded, USER_V1);
        assertThat(oddId).isEqualTo(id);
        assertThat(http.get("/subjects/" + encoded + "/versions/latest").json().get("subject").asText()).isEqualTo(odd);
        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(odd, subject);

        assertError(http.post("/subjects/bad%01subject/versions", schemaBody(USER_V1)), 422, 42208);
    }

    // ---- registering ----

    @Test
    void registerAnswersIdAndIsIdempotent() {
        String subject = subject("idem");
        Reply first = http.post("/subjects/" + subject + "/versions", schemaBody(USER_V1));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().size()).isEqualTo(1);
        int id = first.json().get("id").asInt();
        assertThat(id).isPositive();

        assertThat(http.register(subject, USER_V1)).isEqualTo(id);
        // The same schema written differently (whitespace, key order of the JSON text) is the same schema.
        String pretty = new Schema.Parser().parse(USER_V1).toString(true);
        assertThat(http.register(subject, pretty)).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderTwoSubjectsKeepsOneId() {
        String a = subject("shared-a");
        String b = subject("shared-b");
        String schema = record("Shared" + System.nanoTime(), field("x", "long"));
        int id = http.register(a, schema);
        assertThat(http.register(b, schema)).isEqualTo(id);
        assertThat(http.get("/subjects/" + b + "/versions/1").json().get("id").asInt()).isEqualTo(id);

        Reply versions = http.get("/schemas/ids/" + id + "/versions");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json()).hasSize(2);
        assertThat(versions.json().get(0).get("subject").asText()).isEqualTo(a);
        assertThat(versions.json().get(0).get("version").asInt()).isEqualTo(1);
        assertThat(versions.json().get(1).get("subject").asText()).isEqualTo(b);

        Reply subjects = http.get("/schemas/ids/" + id + "/subjects");
        assertThat(subjects.json()).extracting(JsonNode::asText).containsExactly(a, b);

        int other = http.register(subject("shared-other"), record("Other" + System.nanoTime(), field("x", "long")));
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void unknownRequestFieldsAreIgnored() {
        String subject = subject("unknown-fields");
        ObjectNode body = RegistryHttp.schemaNode(USER_V1);
        body.put("schemaType", "AVRO");
        body.putArray("references");
        body.putObject("metadata").putObject("properties").put("owner", "team");
        body.putObject("ruleSet").putArray("domainRules");
        body.put("somethingNew", 42);
        Reply reply = http.post("/subjects/" + subject + "/versions?normalize=false", body.toString());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").asInt()).isPositive();

        Reply lookup = http.post("/subjects/" + subject, body.toString());
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void invalidSchemasAre42201() {
        String path = "/subjects/" + subject("invalid") + "/versions";
        for (String schema : List.of("{\"type\":\"record\",\"name\":\"X\"}", "not json at all",
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"Missing\"}]}",
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}",
                "")) {
            Reply reply = http.post(path, schemaBody(schema));
            assertThat(reply.status()).as(schema).isEqualTo(422);
            assertThat(reply.errorCode()).as(schema).isEqualTo(42201);
        }
        Reply missing = http.post(path, "{\"schemaType\":\"AVRO\"}");
        assertThat(missing.errorCode()).isEqualTo(42201);
    }

    @Test
    void onlyAvroIsSupported() {
        for (String type : List.of("PROTOBUF", "JSON")) {
            ObjectNode body = RegistryHttp.schemaNode("{\"type\":\"object\"}").put("schemaType", type);
            Reply reply = http.post("/subjects/" + subject("type") + "/versions", body.toString());
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo(42201);
            assertThat(reply.message()).contains(type).contains("AVRO");
        }
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void primitiveSchemasWork() {
        String subject = subject("key");
        int id = http.register(subject, "\"string\"");
        assertThat(http.register(subject, "{\"type\": \"string\"}")).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo("\"string\"");
    }

    // ---- reading ----

    @Test
    void versionsAndSchemasReadBackInConfluentShapes() {
        String subject = subject("read");
        int id1 = http.register(subject, USER_V1);
        int id2 = http.register(subject, USER_V2_WITH_DEFAULT);

        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");

        JsonNode v1 = http.get("/subjects/" + subject + "/versions/1").json();
        assertThat(fieldNames(v1)).containsExactlyInAnyOrder("subject", "version", "id", "schema");
        assertThat(v1.get("subject").asText()).isEqualTo(subject);
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("id").asInt()).isEqualTo(id1);
        assertThat(new Schema.Parser().parse(v1.get("schema").asText())).isEqualTo(new Schema.Parser().parse(USER_V1));

        for (String latest : List.of("latest", "-1")) {
            JsonNode v = http.get("/subjects/" + subject + "/versions/" + latest).json();
            assertThat(v.get("version").asInt()).isEqualTo(2);
            assertThat(v.get("id").asInt()).isEqualTo(id2);
        }

        Reply raw = http.get("/subjects/" + subject + "/versions/2/schema");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().get("type").asText()).isEqualTo("record");
        assertThat(raw.body()).isEqualTo(http.get("/subjects/" + subject + "/versions/2").json().get("schema").asText());

        JsonNode byId = http.get("/schemas/ids/" + id2 + "?fetchMaxId=false&subject=" + subject).json();
        assertThat(fieldNames(byId)).containsExactly("schema");
        assertThat(byId.get("schema").asText()).isEqualTo(raw.body());
        assertThat(http.get("/schemas/ids/" + id2 + "/schema").body()).isEqualTo(raw.body());

        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/subjects?subjectPrefix=" + subject).json()).extracting(JsonNode::asText)
                .containsExactly(subject);
        JsonNode all = http.get("/schemas?subjectPrefix=" + subject).json();
        assertThat(all).hasSize(2);
        assertThat(http.get("/schemas?latestOnly=true&subjectPrefix=" + subject).json()).hasSize(1);
        assertThat(http.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void lookupFindsTheVersionHoldingASchema() {
        String subject = subject("lookup");
        int id = http.register(subject, USER_V1);
        http.register(subject, USER_V2_WITH_DEFAULT);

        Reply found = http.post("/subjects/" + subject, schemaBody(new Schema.Parser().parse(USER_V1).toString(true)));
        assertThat(found.status()).isEqualTo(200);
        assertThat(fieldNames(found.json())).containsExactlyInAnyOrder("subject", "id", "version", "schema");
        assertThat(found.json().get("subject").asText()).isEqualTo(subject);
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);

        Reply noSchema = http.post("/subjects/" + subject, schemaBody(USER_V2_NO_DEFAULT));
        assertThat(noSchema.status()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);

        Reply noSubject = http.post("/subjects/" + subject("nobody"), schemaBody(USER_V1));
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void readErrorsCarryConfluentCodes() {
        String subject = subject("errors");
        http.register(subject, USER_V1);
        String unknown = subject("unknown");

        assertError(http.get("/subjects/" + unknown + "/versions"), 404, 40401);
        assertError(http.get("/subjects/" + unknown + "/versions/1"), 404, 40401);
        assertError(http.get("/subjects/" + unknown + "/versions/latest"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/7"), 404, 40402);
        assertError(http.get("/subjects/" + subject + "/versions/7/schema"), 404, 40402);
        for (String bad : List.of("abc", "0", "-2", "1.5")) {
            assertError(http.get("/subjects/" + subject + "/versions/" + bad), 422, 42202);
            assertError(http.delete("/subjects/" + subject + "/versions/" + bad), 422, 42202);
        }
        assertError(http.get("/schemas/ids/99999999"), 404, 40403);
        assertError(http.get("/schemas/ids/99999999/versions"), 404, 40403);
        assertError(http.get("/schemas/ids/99999999/subjects"), 404, 40403);
        assertThat(http.get("/subjects/" + unknown + "/versions").message()).isEqualTo("Subject '" + unknown + "' not found.");
    }

    // ---- deleting ----

    @Test
    void softThenPermanentSubjectDelete() {
        String subject = subject("del-subject");
        String keeper = subject("del-keeper");
        String name = Schemas.uniqueName("Deleted");
        int id1 = http.register(subject, Schemas.v1(name));
        int id2 = http.register(subject, Schemas.v2WithDefault(name));
        http.register(keeper, Schemas.v1(name));

        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40405);

        Reply soft = http.delete("/subjects/" + subject);
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.body()).isEqualTo("[1,2]");

        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/latest"), 404, 40401);
        assertError(http.post("/subjects/" + subject, schemaBody(Schemas.v1(name))), 404, 40401);
        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").json()).extracting(JsonNode::asText).contains(subject);
        assertThat(http.get("/subjects?deletedOnly=true").json()).extracting(JsonNode::asText)
                .contains(subject).doesNotContain(keeper);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/1?deleted=true").json().get("id").asInt()).isEqualTo(id1);
        assertThat(http.post("/subjects/" + subject + "?deleted=true", schemaBody(Schemas.v1(name))).json().get("version").asInt())
                .isEqualTo(1);
        // Ids stay readable after a soft delete.
        assertThat(http.get("/schemas/ids/" + id2).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id2 + "/versions").body()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/" + id2 + "/versions?deleted=true").json()).hasSize(1);

        assertError(http.delete("/subjects/" + subject), 404, 40404);

        Reply permanent = http.delete("/subjects/" + subject + "?permanent=true");
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects?deleted=true").json()).extracting(JsonNode::asText).doesNotContain(subject);
        assertError(http.get("/subjects/" + subject + "/versions?deleted=true"), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40401);

        // id1 is still carried by the keeper subject; id2 by nobody.
        assertThat(http.get("/schemas/ids/" + id1).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id1 + "/subjects").json()).extracting(JsonNode::asText)
                .containsExactly(keeper);
        assertError(http.get("/schemas/ids/" + id2), 404, 40403);

        // A permanently deleted subject starts again at version 1; a schema whose id is gone gets a new id.
        int again = http.register(subject, Schemas.v2WithDefault(name));
        assertThat(again).isNotEqualTo(id2);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void softThenPermanentVersionDelete() {
        String subject = subject("del-version");
        int id1 = http.register(subject, USER_V1);
        http.register(subject, USER_V2_WITH_DEFAULT);

        assertError(http.delete("/subjects/" + subject + "/versions/1?permanent=true"), 404, 40407);
        assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").message())
                .contains("was not deleted first before being permanently deleted");

        Reply soft = http.delete("/subjects/" + subject + "/versions/1");
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.body()).isEqualTo("1");
        assertError(http.delete("/subjects/" + subject + "/versions/1"), 404, 40406);
        assertError(http.get("/subjects/" + subject + "/versions/1"), 404, 40402);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[2]");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions?deletedOnly=true").body()).isEqualTo("[1]");
        assertThat(http.get("/schemas/ids/" + id1).status()).isEqualTo(200);

        Reply latest = http.delete("/subjects/" + subject + "/versions/latest");
        assertThat(latest.body()).isEqualTo("2");
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);

        // Version numbers continue after soft-deleted ones; the schema keeps its id.
        assertThat(http.register(subject, USER_V1)).isEqualTo(id1);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[3]");

        assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").body()).isEqualTo("1");
        assertError(http.delete("/subjects/" + subject + "/versions/1?permanent=true"), 404, 40402);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[2,3]");
        assertError(http.delete("/subjects/" + subject("nobody") + "/versions/1"), 404, 40401);
        assertThat(http.get("/schemas/ids/" + id1).status()).isEqualTo(200); // version 3 carries it
    }

    // ---- config ----

    @Test
    void globalConfigUsesCompatibilityToWriteAndCompatibilityLevelToRead() {
        try (SchemaRegistryServer own = RegistryHttp.startServer()) {
            RegistryHttp client = new RegistryHttp(own.url());
            Reply initial = client.get("/config");
            assertThat(initial.status()).isEqualTo(200);
            assertThat(initial.body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

            Reply put = client.put("/config", "{\"compatibility\":\"FULL\"}");
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
            assertThat(client.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

            assertThat(client.put("/config", "{\"compatibility\":\"forward_transitive\"}").body())
                    .isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");

            for (String bad : List.of("{\"compatibility\":\"SIDEWAYS\"}", "{\"compatibilityLevel\":\"FULL\"}", "{}")) {
                assertError(client.put("/config", bad), 422, 42203);
            }
            assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FORWARD_TRANSITIVE");

            assertThat(client.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
            assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        }
    }

    @Test
    void subjectConfig() {
        String subject = subject("config");
        assertError(http.get("/config/" + subject), 404, 40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"" + http.get("/config").json().get("compatibilityLevel").asText() + "\"}");

        assertThat(http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}").body())
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(http.get("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertError(http.put("/config/" + subject, "{\"compatibility\":\"nonsense\"}"), 422, 42203);

        assertThat(http.delete("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertError(http.get("/config/" + subject), 404, 40408);
        assertError(http.delete("/config/" + subject), 404, 40401);
    }

    @Test
    void softDeletingASubjectDropsItsConfig() {
        String subject = subject("config-del");
        http.register(subject, USER_V1);
        http.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");
        http.delete("/subjects/" + subject);
        assertError(http.get("/config/" + subject), 404, 40408);
    }

    // ---- compatibility endpoint ----

    @Test
    void compatibilityEndpoint() {
        String subject = subject("compat");
        http.register(subject, USER_V1);
        String base = "/compatibility/subjects/" + subject + "/versions/";

        Reply ok = http.post(base + "latest", schemaBody(USER_V2_WITH_DEFAULT));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(http.post(base + "1?verbose=true", schemaBody(USER_V2_WITH_DEFAULT)).body())
                .isEqualTo("{\"is_compatible\":true,\"messages\":[]}");

        Reply bad = http.post(base + "latest", schemaBody(USER_V2_NO_DEFAULT));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).isEqualTo("{\"is_compatible\":false}");
        Reply verbose = http.post(base + "-1?verbose=true", schemaBody(USER_V2_NO_DEFAULT));
        assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.json().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("'age'");

        // All versions (what registering would check); a subject with no versions is compatible with anything.
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions", schemaBody(USER_V2_WITH_DEFAULT))
                .json().get("is_compatible").asBoolean()).isTrue();
        assertThat(http.post("/compatibility/subjects/" + subject("fresh") + "/versions", schemaBody(USER_V1))
                .json().get("is_compatible").asBoolean()).isTrue();

        assertError(http.post("/compatibility/subjects/" + subject("none") + "/versions/latest", schemaBody(USER_V1)), 404, 40401);
        assertError(http.post("/compatibility/subjects/" + subject("none") + "/versions/1", schemaBody(USER_V1)), 404, 40401);
        assertError(http.post(base + "5", schemaBody(USER_V1)), 404, 40402);
        assertError(http.post(base + "zero", schemaBody(USER_V1)), 422, 42202);
        assertError(http.post(base + "latest", schemaBody("{bad")), 422, 42201);
    }

    // ---- references ----

    @Test
    void schemaReferences() {
        String addressSubject = subject("address");
        String userSubject = subject("user-with-address");
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"dev.highlights.ref\","
                + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String user = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"dev.highlights.ref\","
                + "\"fields\":[{\"name\":\"home\",\"type\":\"dev.highlights.ref.Address\"}]}";
        int addressId = http.register(addressSubject, address);

        ObjectNode body = RegistryHttp.schemaNode(user);
        body.putArray("references").addObject()
                .put("name", "dev.highlights.ref.Address").put("subject", addressSubject).put("version", 1);
        Reply registered = http.post("/subjects/" + userSubject + "/versions", body.toString());
        assertThat(registered.status()).isEqualTo(200);
        int userId = registered.json().get("id").asInt();
        assertThat(userId).isNotEqualTo(addressId);

        JsonNode version = http.get("/subjects/" + userSubject + "/versions/1").json();
        assertThat(version.get("references").get(0).get("subject").asText()).isEqualTo(addressSubject);
        assertThat(version.get("schema").asText()).doesNotContain("city"); // the referenced type is by name only
        assertThat(http.get("/schemas/ids/" + userId).json().get("references")).hasSize(1);
        assertThat(http.get("/subjects/" + addressSubject + "/versions/1/referencedby").body())
                .isEqualTo("[" + userId + "]");

        assertError(http.delete("/subjects/" + addressSubject), 422, 42206);
        assertError(http.delete("/subjects/" + addressSubject + "/versions/1"), 422, 42206);

        // Without the reference the named type is unknown.
        assertError(http.post("/subjects/" + subject("no-ref") + "/versions", schemaBody(user)), 422, 42201);
        ObjectNode dangling = RegistryHttp.schemaNode(user);
        dangling.putArray("references").addObject()
                .put("name", "dev.highlights.ref.Address").put("subject", addressSubject).put("version", 9);
        assertError(http.post("/subjects/" + subject("dangling") + "/versions", dangling.toString()), 422, 42201);
    }

    // ---- concurrency ----

    @Test
    void concurrentRegistrationsGetDistinctIdsAndGaplessVersions() throws Exception {
        String subject = subject("concurrent");
        http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
        String shared = subject("concurrent-shared");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String schema = record("Concurrent" + i + "x" + System.nanoTime(), field("f", "int"));
                tasks.add(() -> http.register(subject, schema));
            }
            String same = record("Same" + System.nanoTime(), field("f", "int"));
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> http.register(shared, same));
            }
            List<Integer> ids = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            Set<Integer> distinct = new HashSet<>(ids.subList(0, 16));
            assertThat(distinct).hasSize(16);
            assertThat(new HashSet<>(ids.subList(16, 24))).hasSize(1);
            JsonNode versions = http.get("/subjects/" + subject + "/versions").json();
            assertThat(versions).hasSize(16);
            for (int v = 0; v < 16; v++) {
                assertThat(versions.get(v).asInt()).isEqualTo(v + 1);
            }
            assertThat(http.get("/subjects/" + shared + "/versions").body()).isEqualTo("[1]");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json()).as(reply.body()).isNotNull();
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(errorCode);
        assertThat(reply.json().get("message").isTextual()).as(reply.body()).isTrue();
        assertThat(fieldNames(reply.json())).containsExactlyInAnyOrder("error_code", "message");
        assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
