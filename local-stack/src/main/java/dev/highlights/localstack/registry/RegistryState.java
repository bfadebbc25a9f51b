package dev.highlights.localstack.registry;

import dev.highlights.localstack.registry.LogEntry.SchemaVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry's in-memory state: a fold over the log. {@link #apply} is the only mutator and is
 * called for every record, both when the log is replayed at start and after each write, so what is
 * served after a restart is exactly what was served before it. Reads return immutable copies.
 */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    /** subject -> version -> entry, soft-deleted versions included. */
    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new HashMap<>();
    /** global id -> the versions that carry it (the id lives while any of them exists). */
    private final Map<Integer, Set<SchemaVersion>> usages = new HashMap<>();
    /** schema identity (type, canonical text, references) -> global id. */
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /** What makes two registrations the same schema, and so the same global id. */
    static String identity(String schemaType, String canonicalSchema, List<SchemaReference> references) {
        return schemaType + '\u0000' + references + '\u0000' + canonicalSchema;
    }

    static String identity(SchemaVersion v) {
        return identity(v.schemaType(), v.schema(), v.references());
    }

    synchronized void apply(LogEntry entry) {
        if (entry instanceof SchemaVersion v) {
            removeVersion(v.subject(), v.version());
            Set<SchemaVersion> users = usages.get(v.id());
            if (users != null && !users.isEmpty() && !identity(users.iterator().next()).equals(identity(v))) {
                LOG.warn("Schema id {} is carried by different schemas (subject {} version {}); the log is inconsistent",
                        v.id(), v.subject(), v.version());
            }
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            usages.computeIfAbsent(v.id(), id -> new LinkedHashSet<>()).add(v);
            idsByIdentity.putIfAbsent(identity(v), v.id());
            maxId = Math.max(maxId, v.id());
        } else if (entry instanceof LogEntry.SchemaTombstone t) {
            removeVersion(t.subject(), t.version());
        } else if (entry instanceof LogEntry.DeleteSubject d) {
            TreeMap<Integer, SchemaVersion> versions = subjects.get(d.subject());
            if (d.version() != null && versions != null) {
                for (SchemaVersion v : List.copyOf(versions.headMap(d.version(), true).values())) {
                    if (!v.deleted()) {
                        apply(v.asDeleted());
                    }
                }
            }
        } else if (entry instanceof LogEntry.Config c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        } else if (entry instanceof LogEntry.IdWatermark w) {
            maxId = Math.max(maxId, w.maxId());
        }
    }

    private void removeVersion(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        SchemaVersion old = versions.remove(version);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (old == null) {
            return;
        }
        Set<SchemaVersion> users = usages.get(old.id());
        if (users != null) {
            users.remove(old);
            if (users.isEmpty()) {
                usages.remove(old.id());
                idsByIdentity.remove(identity(old), old.id());
            }
        }
    }

    // ---- reads ----

    /** Every version of the subject, soft-deleted ones included, oldest first. */
    synchronized List<SchemaVersion> versions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    synchronized Optional<SchemaVersion> version(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return Optional.ofNullable(versions == null ? null : versions.get(version));
    }

    /** Every version of every subject, soft-deleted ones included, by subject then version. */
    synchronized List<SchemaVersion> allVersions() {
        List<SchemaVersion> all = new ArrayList<>();
        new TreeMap<>(subjects).values().forEach(v -> all.addAll(v.values()));
        return all;
    }

    /** The versions carrying this id, soft-deleted ones included; empty when the id is unknown. */
    synchronized List<SchemaVersion> usages(int id) {
        Set<SchemaVersion> users = usages.get(id);
        return users == null ? List.of() : List.copyOf(users);
    }

    synchronized OptionalInt idFor(String identity) {
        Integer id = idsByIdentity.get(identity);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The highest id ever assigned (0 when none). */
    synchronized int maxId() {
        return maxId;
    }

    /** The versions (any subject, soft-deleted included) whose references point at this subject version. */
    synchronized List<SchemaVersion> referencedBy(String subject, int version) {
        List<SchemaVersion> result = new ArrayList<>();
        for (TreeMap<Integer, SchemaVersion> versions : subjects.values()) {
            for (SchemaVersion v : versions.values()) {
                for (SchemaReference r : v.references()) {
                    if (r.subject().equals(subject) && r.version() == version) {
                        result.add(v);
                        break;
                    }
                }
            }
        }
        return result;
    }

    /** The global level as configured, or null when unset. */
    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, or null when unset. */
    synchronized CompatibilityLevel subjectLevel(String subject) {
        return subjectLevels.get(subject);
    }
}
