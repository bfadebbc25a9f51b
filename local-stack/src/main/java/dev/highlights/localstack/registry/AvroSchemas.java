package dev.highlights.localstack.registry;

import dev.highlights.localstack.registry.LogEntry.SchemaVersion;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Parses Avro schema text (with Confluent-style references) and gives its canonical text. */
final class AvroSchemas {

    /** How deep references may nest before we call it a cycle. */
    private static final int MAX_REFERENCE_DEPTH = 32;

    /** A parsed schema and the text the registry stores and compares: Avro's compact {@code toString}. */
    record Parsed(Schema schema, String canonical, List<SchemaReference> references) {
    }

    private AvroSchemas() {
    }

    /**
     * Parses {@code text} after loading the named types of its references (each a subject version that
     * {@code resolve} looks up; it throws when the reference does not exist).
     *
     * @throws RegistryException 42201 when the schema or a reference is invalid
     */
    static Parsed parse(String text, List<SchemaReference> references, Function<SchemaReference, SchemaVersion> resolve) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Invalid schema: empty schema");
        }
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        Set<String> loaded = new HashSet<>();
        try {
            for (SchemaReference ref : references) {
                load(parser, ref, resolve, loaded, referenced, 0);
            }
            Schema schema = parser.parse(text);
            return new Parsed(schema, canonical(schema, referenced), List.copyOf(references));
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    private static void load(Schema.Parser parser, SchemaReference ref, Function<SchemaReference, SchemaVersion> resolve,
                             Set<String> loaded, List<Schema> referenced, int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw RegistryException.invalidSchema("Invalid schema: references nest deeper than " + MAX_REFERENCE_DEPTH);
        }
        SchemaVersion target = resolve.apply(ref);
        if (!loaded.add(target.subject() + '\u0000' + target.version())) {
            return;
        }
        if (!LogEntry.AVRO.equals(target.schemaType())) {
            throw RegistryException.invalidSchema("Invalid schema: reference " + ref + " is not an AVRO schema");
        }
        for (SchemaReference inner : target.references()) {
            load(parser, inner, resolve, loaded, referenced, depth + 1);
        }
        referenced.add(parser.parse(target.schema()));
    }

    @SuppressWarnings("deprecation") // the form Confluent's AvroSchema uses: referenced types by name only
    private static String canonical(Schema schema, List<Schema> referenced) {
        return referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
    }
}
