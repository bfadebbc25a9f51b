package dev.highlights.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for tests without a registry server (e.g. {@code TopologyTestDriver}).
 * Selected with {@code schema.registry.url=mock://<scope>}, as with Confluent's serdes; clients of
 * the same scope share it. Assigns global ids like a real registry but checks no compatibility.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final Map<Schema, Integer> ids = new HashMap<>();
    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = ids.computeIfAbsent(schema, s -> {
            schemas.add(s);
            return schemas.size();
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found", 404, 40401);
        }
        Integer id = ids.get(schema);
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException("Schema " + schema.getFullName() + " not found under subject '" + subject + "'",
                    404, 40403);
        }
        return id;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found", 404, 40401);
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(id, versions.size(), schemas.get(id - 1));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("Schema id " + id + " not found", 404, 40403);
        }
        return schemas.get(id - 1);
    }
}
