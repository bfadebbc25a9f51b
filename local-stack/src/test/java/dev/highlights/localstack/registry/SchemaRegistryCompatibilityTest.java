package dev.highlights.localstack.registry;

import static dev.highlights.localstack.registry.RegistryHttp.schemaBody;
import static dev.highlights.localstack.registry.RegistryHttp.subject;
import static dev.highlights.localstack.registry.SchemaRegistryApiTest.assertError;
import static dev.highlights.localstack.registry.Schemas.field;
import static dev.highlights.localstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.localstack.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema evolution under all seven compatibility levels, through registration and the compatibility API. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryCompatibilityTest {

    private static final String NAME = "Evolving";

    /** {@code {id: string}}. */
    private static final String BASE = record(NAME, field("id", "string"));
    /** BASE plus a field with a default. */
    private static final String ADDED_WITH_DEFAULT = record(NAME, field("id", "string"), field("note", "string", "\"\""));
    /** BASE plus a field without a default. */
    private static final String ADDED_WITHOUT_DEFAULT = record(NAME, field("id", "string"), field("count", "int"));
    /** {@code {id: string, count: int}}: going from it to BASE removes a field that has no default. */
    private static final String WITH_COUNT = ADDED_WITHOUT_DEFAULT;
    /** id changed from string to int. */
    private static final String TYPE_CHANGED = record(NAME, field("id", "int"));
    /** {@code {n: int}} and its promotion to long. */
    private static final String INT_FIELD = record(NAME, field("n", "int"));
    private static final String LONG_FIELD = record(NAME, field("n", "long"));

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

    /** One evolution step under each level: registering {@code to} after {@code from}. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            // level,             from,       to,                    compatible
            "NONE,                BASE,       ADDED_WITH_DEFAULT,    true",
            "NONE,                BASE,       ADDED_WITHOUT_DEFAULT, true",
            "NONE,                WITH_COUNT, BASE,                  true",
            "NONE,                BASE,       TYPE_CHANGED,          true",
            "BACKWARD,            BASE,       ADDED_WITH_DEFAULT,    true",
            "BACKWARD,            BASE,       ADDED_WITHOUT_DEFAULT, false",
            "BACKWARD,            WITH_COUNT, BASE,                  true",
            "BACKWARD,            BASE,       TYPE_CHANGED,          false",
            "BACKWARD,            INT_FIELD,  LONG_FIELD,            true",
            "BACKWARD_TRANSITIVE, BASE,       ADDED_WITH_DEFAULT,    true",
            "BACKWARD_TRANSITIVE, BASE,       ADDED_WITHOUT_DEFAULT, false",
            "BACKWARD_TRANSITIVE, WITH_COUNT, BASE,                  true",
            "BACKWARD_TRANSITIVE, BASE,       TYPE_CHANGED,          false",
            "FORWARD,             BASE,       ADDED_WITH_DEFAULT,    true",
            "FORWARD,             BASE,       ADDED_WITHOUT_DEFAULT, true",
            "FORWARD,             WITH_COUNT, BASE,                  false",
            "FORWARD,             BASE,       TYPE_CHANGED,          false",
            "FORWARD,             INT_FIELD,  LONG_FIELD,            false",
            "FORWARD_TRANSITIVE,  BASE,       ADDED_WITH_DEFAULT,    true",
            "FORWARD_TRANSITIVE,  BASE,       ADDED_WITHOUT_DEFAULT, true",
            "FORWARD_TRANSITIVE,  WITH_COUNT, BASE,                  false",
            "FORWARD_TRANSITIVE,  BASE,       TYPE_CHANGED,          false",
            "FULL,                BASE,       ADDED_WITH_DEFAULT,    true",
            "FULL,                BASE,       ADDED_WITHOUT_DEFAULT, false",
            "FULL,                WITH_COUNT, BASE,                  false",
            "FULL,                BASE,       TYPE_CHANGED,          false",
            "FULL,                INT_FIELD,  LONG_FIELD,            false",
            "FULL_TRANSITIVE,     BASE,       ADDED_WITH_DEFAULT,    true",
            "FULL_TRANSITIVE,     BASE,       ADDED_WITHOUT_DEFAULT, false",
            "FULL_TRANSITIVE,     WITH_COUNT, BASE,                  false",
            "FULL_TRANSITIVE,     BASE,       TYPE_CHANGED,          false",
    })
    void evolutionStep(String level, String from, String to, boolean compatible) {
        String subject = subject(level.toLowerCase());
        setLevel(subject, level);
        int firstId = http.register(subject, schema(from));

        Reply test = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
                schemaBody(schema(to)));
        assertThat(test.json().get("is_compatible").asBoolean()).as(test.body()).isEqualTo(compatible);

        Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(schema(to)));
        if (compatible) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("id").asInt()).isNotEqualTo(firstId);
            assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
            assertThat(test.json().get("messages")).isEmpty();
        } else {
            assertError(reply, 409, 40901);
            assertThat(reply.message())
                    .startsWith("Schema being registered is incompatible with an earlier schema for subject \""
                            + subject + "\", details: [{errorType:'")
                    .contains("{oldSchemaVersion: 1}", "{compatibility: '" + level + "'}");
            assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
            assertThat(test.json().get("messages").toString()).contains("errorType");
        }
    }

    @Test
    void backwardByDefaultAcceptsAnAddedFieldWithDefault() {
        String subject = subject("default-backward");
        http.register(subject, BASE);
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(ADDED_WITH_DEFAULT)).status())
                .isEqualTo(200);
    }

    @Test
    void backwardByDefaultRejectsAnAddedFieldWithoutDefault() {
        String subject = subject("default-backward");
        http.register(subject, BASE);
        Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(ADDED_WITHOUT_DEFAULT));
        assertError(reply, 409, 40901);
        assertThat(reply.message()).contains("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field"
                + " 'count' at path '/fields/1' in the new schema has no default value and is missing in the old schema',"
                + " additionalInfo:'count'}", "{compatibility: 'BACKWARD'}", "{oldSchema: '" + BASE + "'}");
    }

    @Test
    void forwardRejectsRemovingAFieldWithoutDefault() {
        String subject = subject("forward");
        setLevel(subject, "FORWARD");
        http.register(subject, WITH_COUNT);
        Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(BASE));
        assertError(reply, 409, 40901);
        assertThat(reply.message()).contains("READER_FIELD_MISSING_DEFAULT_VALUE",
                "in the old schema has no default value and is missing in the new schema", "{compatibility: 'FORWARD'}");
    }

    @Test
    void typeChangeIsATypeMismatch() {
        String subject = subject("type");
        http.register(subject, BASE);
        Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(TYPE_CHANGED));
        assertError(reply, 409, 40901);
        assertThat(reply.message()).contains("TYPE_MISMATCH", "/fields/0/type");
    }

    /**
     * Three versions where the third is compatible with the second but not with the first: the
     * non-transitive level lets it in, the transitive one does not.
     */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            // level, transitive level, v1, v2, v3
            "BACKWARD, BACKWARD_TRANSITIVE, 'id', 'id,b=', 'id,b'",
            "FORWARD,  FORWARD_TRANSITIVE,  'id,b', 'id,b=', 'id'",
            "FULL,     FULL_TRANSITIVE,     'id', 'id,b=', 'id,b'",
    })
    void transitiveLevelsCatchWhatTheLatestAloneMisses(String level, String transitive, String v1, String v2, String v3) {
        for (String lvl : new String[] {level, transitive}) {
            String subject = subject(lvl.toLowerCase());
            setLevel(subject, lvl);
            http.register(subject, fields(v1));
            http.register(subject, fields(v2));

            Reply againstV2 = http.post("/compatibility/subjects/" + subject + "/versions/2", schemaBody(fields(v3)));
            assertThat(againstV2.json().get("is_compatible").asBoolean()).as(lvl).isTrue();
            Reply againstV1 = http.post("/compatibility/subjects/" + subject + "/versions/1", schemaBody(fields(v3)));
            assertThat(againstV1.json().get("is_compatible").asBoolean()).as(lvl).isFalse();

            Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(fields(v3)));
            if (lvl.equals(level)) {
                assertThat(reply.status()).as(lvl + ": " + reply.body()).isEqualTo(200);
                assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2,3]");
            } else {
                assertError(reply, 409, 40901);
                assertThat(reply.message()).contains("{oldSchemaVersion: 1}", "{compatibility: '" + transitive + "'}");
                assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(fields(v3)))
                        .json().get("is_compatible").asBoolean()).isFalse();
                assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
            }
        }
    }

    @Test
    void softDeletedVersionsAreNotCheckedAgainst() {
        String subject = subject("soft");
        http.register(subject, BASE);
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody(TYPE_CHANGED)), 409, 40901);
        http.delete("/subjects/" + subject + "/versions/1");
        Reply reply = http.post("/subjects/" + subject + "/versions", schemaBody(TYPE_CHANGED));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[2]");
    }

    @Test
    void subjectLevelOverridesGlobalAndDeletingItRevertsToGlobal() {
        String subject = subject("override");
        http.register(subject, BASE);
        setLevel(subject, "NONE");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(TYPE_CHANGED))
                .json().get("is_compatible").asBoolean()).isTrue();
        http.delete("/config/" + subject);
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(TYPE_CHANGED))
                .json().get("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void globalLevelAppliesToSubjectsWithoutTheirOwn() {
        try (SchemaRegistryServer own = RegistryHttp.startServer()) {
            RegistryHttp client = new RegistryHttp(own.url());
            String subject = subject("global");
            client.register(subject, BASE);
            assertError(client.post("/subjects/" + subject + "/versions", schemaBody(TYPE_CHANGED)), 409, 40901);
            client.put("/config", "{\"compatibility\":\"NONE\"}");
            assertThat(client.post("/subjects/" + subject + "/versions", schemaBody(TYPE_CHANGED)).status())
                    .isEqualTo(200);
            client.put("/config", "{\"compatibility\":\"FORWARD\"}");
            assertThat(client.post("/subjects/" + subject + "/versions", schemaBody(
                    record(NAME, field("id", "int"), field("extra", "int")))).status()).isEqualTo(200);
            assertError(client.post("/subjects/" + subject + "/versions", schemaBody(record(NAME, field("z", "int")))),
                    409, 40901);
        }
    }

    private void setLevel(String subject, String level) {
        Reply reply = http.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String schema(String constant) {
        return switch (constant) {
            case "BASE" -> BASE;
            case "ADDED_WITH_DEFAULT" -> ADDED_WITH_DEFAULT;
            case "ADDED_WITHOUT_DEFAULT" -> ADDED_WITHOUT_DEFAULT;
            case "WITH_COUNT" -> WITH_COUNT;
            case "TYPE_CHANGED" -> TYPE_CHANGED;
            case "INT_FIELD" -> INT_FIELD;
            case "LONG_FIELD" -> LONG_FIELD;
            default -> throw new IllegalArgumentException(constant);
        };
    }

    /** {@code "id,b="}: string fields id and b, b with a default. */
    private static String fields(String spec) {
        String[] names = spec.split(",");
        String[] fields = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = names[i].endsWith("=") ? field(names[i].substring(0, names[i].length() - 1), "string", "\"\"")
                    : field(names[i], "string");
        }
        return record(NAME, fields);
    }
}
