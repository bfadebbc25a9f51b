package dev.highlights.schemas.serde;

import org.apache.avro.Schema;

/**
 * What the serde needs from a schema registry. Implementations cache both ways: ids never change
 * meaning, so a schema fetched or registered once is never asked for again.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Id of a schema already registered under the subject; fails with 40401/40403 otherwise. */
    int lookupId(String subject, Schema schema);

    /** The latest schema version registered under the subject, with its id. */
    RegisteredSchema latest(String subject);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** A schema as the registry holds it. */
    record RegisteredSchema(int id, int version, Schema schema) {
    }
}
