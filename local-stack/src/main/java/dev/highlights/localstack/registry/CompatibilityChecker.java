package dev.highlights.localstack.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Avro schema evolution rules under a compatibility level, with Confluent-shaped messages.
 * BACKWARD: the new schema, as reader, reads data written with the old one. FORWARD: the old schema,
 * as reader, reads data written with the new one. FULL: both. Non-transitive levels check the latest
 * live version only; transitive ones check every live version, newest first.
 */
final class CompatibilityChecker {

    private static final int MAX_OLD_SCHEMA_IN_MESSAGE = 10_240;

    /** An earlier version to check against. */
    record Previous(int version, Schema schema, String canonical) {
    }

    private CompatibilityChecker() {
    }

    /**
     * @param previous live earlier versions, oldest first
     * @return the incompatibilities found (empty when compatible)
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Previous> toCheck = new ArrayList<>(level.transitive ? previous : previous.subList(previous.size() - 1, previous.size()));
        Collections.reverse(toCheck);
        for (Previous old : toCheck) {
            List<String> messages = new ArrayList<>();
            if (level.backward) {
                messages.addAll(describe(candidate, old.schema(), true));
            }
            if (level.forward) {
                messages.addAll(describe(old.schema(), candidate, false));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                String oldText = old.canonical();
                messages.add(oldText.length() <= MAX_OLD_SCHEMA_IN_MESSAGE ? "{oldSchema: '" + oldText + "'}"
                        : "{oldSchema: <truncated> '" + oldText.substring(0, MAX_OLD_SCHEMA_IN_MESSAGE) + "...'}");
                messages.add("{compatibility: '" + level.name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    /** Checks that {@code reader} reads {@code writer}'s data; {@code newIsReader} picks the words "new"/"old". */
    private static List<String> describe(Schema reader, Schema writer, boolean newIsReader) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> messages = new ArrayList<>();
        String readerSide = newIsReader ? "new" : "old";
        String writerSide = newIsReader ? "old" : "new";
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            String description = switch (i.getType()) {
                case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + i.getMessage() + "' at path '" + i.getLocation()
                        + "' in the " + readerSide + " schema has no default value and is missing in the " + writerSide
                        + " schema";
                case TYPE_MISMATCH -> "The type (path '" + i.getLocation() + "') of a field in the " + readerSide
                        + " schema does not match with the " + writerSide + " schema";
                case NAME_MISMATCH -> "The name of the schema has changed (path '" + i.getLocation() + "')";
                case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + i.getLocation() + "' in the "
                        + readerSide + " schema does not match with the " + writerSide + " schema";
                case MISSING_ENUM_SYMBOLS -> "The " + readerSide + " schema is missing enum symbols '" + i.getMessage()
                        + "' at path '" + i.getLocation() + "' in the " + writerSide + " schema";
                case MISSING_UNION_BRANCH -> "The " + readerSide + " schema is missing a type inside a union field at path '"
                        + i.getLocation() + "' in the " + writerSide + " schema";
                default -> "The " + readerSide + " schema cannot read data written with the " + writerSide
                        + " schema at path '" + i.getLocation() + "'";
            };
            messages.add("{errorType:'" + i.getType() + "', description:'" + description + "', additionalInfo:'"
                    + i.getMessage() + "'}");
        }
        return messages;
    }
}
