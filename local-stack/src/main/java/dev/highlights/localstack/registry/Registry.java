package dev.highlights.localstack.registry;

import dev.highlights.localstack.registry.LogEntry.SchemaVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The registry's rules (Confluent's semantics), over the in-memory {@link RegistryState} and the durable
 * {@link RegistryLog}. Writes are serialized by one lock and each first catches up with the log, so ids
 * and versions are assigned without races; reads go to the state directly.
 */
final class Registry {

    /** What a client sends to register, look up or test a schema. */
    record SchemaRequest(String schema, String schemaType, List<SchemaReference> references) {
        SchemaRequest {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /** A version path segment: a number in [1, 2^31-1], or {@code latest} / {@code -1}. */
    record VersionId(int number) {
        boolean latest() {
            return number == -1;
        }

        static VersionId parse(String text) {
            String t = text == null ? "latest" : text.trim();
            if (t.equalsIgnoreCase("latest")) {
                return new VersionId(-1);
            }
            int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw RegistryException.invalidVersion(text);
            }
            if (n < 1 && n != -1) {
                throw RegistryException.invalidVersion(text);
            }
            return new VersionId(n);
        }

        @Override
        public String toString() {
            return latest() ? "latest" : Integer.toString(number);
        }
    }

    private final RegistryState state;
    private final RegistryLog log;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Parsed schemas by global id (an id's schema never changes, and ids are never reused). */
    private final Map<Integer, AvroSchemas.Parsed> parsedById = new ConcurrentHashMap<>();

    Registry(RegistryState state, RegistryLog log) {
        this.state = state;
        this.log = log;
    }

    // ---- schemas under subjects ----

    /** Registers the schema under the subject (idempotently) and returns its global id. */
    int register(String subject, SchemaRequest request) {
        validateSubject(subject);
        requireAvro(request.schemaType());
        return write(() -> {
            AvroSchemas.Parsed parsed = parse(request);
            String identity = RegistryState.identity(LogEntry.AVRO, parsed.canonical(), parsed.references());
            List<SchemaVersion> versions = state.versions(subject);
            for (SchemaVersion v : versions) {
                if (!v.deleted() && RegistryState.identity(v).equals(identity)) {
                    return v.id();
                }
            }
            List<String> problems = CompatibilityChecker.check(effectiveLevel(subject), parsed.schema(),
                    previous(live(versions)));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
            int id = state.idFor(identity).orElseGet(() -> state.maxId() + 1);
            int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            log.append(new SchemaVersion(subject, version, id, LogEntry.AVRO, parsed.references(), parsed.canonical(),
                    false));
            return id;
        });
    }

    /** The version of the subject that holds this schema. */
    SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        requireAvro(request.schemaType());
        List<SchemaVersion> visible = includeDeleted ? state.versions(subject) : live(state.versions(subject));
        if (visible.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        AvroSchemas.Parsed parsed = parse(request);
        String identity = RegistryState.identity(LogEntry.AVRO, parsed.canonical(), parsed.references());
        for (int i = visible.size() - 1; i >= 0; i--) {
            if (RegistryState.identity(visible.get(i)).equals(identity)) {
                return visible.get(i);
            }
        }
        throw RegistryException.schemaNotFound();
    }

    SchemaVersion version(String subject, VersionId id, boolean includeDeleted) {
        List<SchemaVersion> visible = includeDeleted ? state.versions(subject) : live(state.versions(subject));
        if (id.latest()) {
            if (visible.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return visible.get(visible.size() - 1);
        }
        Optional<SchemaVersion> found = state.version(subject, id.number()).filter(v -> includeDeleted || !v.deleted());
        if (found.isPresent()) {
            return found.get();
        }
        throw visible.isEmpty() ? RegistryException.subjectNotFound(subject)
                : RegistryException.versionNotFound(id.number());
    }

    List<Integer> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
        List<SchemaVersion> all = state.versions(subject);
        List<SchemaVersion> visible = includeDeleted || deletedOnly ? all : live(all);
        if (visible.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return visible.stream().filter(v -> !deletedOnly || v.deleted()).map(SchemaVersion::version).toList();
    }

    /** Subject names, sorted. A subject whose versions are all soft-deleted counts as deleted. */
    List<String> subjects(boolean includeDeleted, boolean deletedOnly, String prefix) {
        TreeSet<String> live = new TreeSet<>();
        TreeSet<String> all = new TreeSet<>();
        for (SchemaVersion v : state.allVersions()) {
            all.add(v.subject());
            if (!v.deleted()) {
                live.add(v.subject());
            }
        }
        TreeSet<String> result = new TreeSet<>(deletedOnly || includeDeleted ? all : live);
        if (deletedOnly) {
            result.removeAll(live);
        }
        return result.stream().filter(s -> prefix == null || s.startsWith(prefix)).toList();
    }

    /** Every version of every subject (live only unless asked), or only each subject's latest. */
    List<SchemaVersion> allSchemas(boolean includeDeleted, boolean latestOnly, String prefix) {
        List<SchemaVersion> result = new ArrayList<>();
        for (SchemaVersion v : state.allVersions()) {
            if ((includeDeleted || !v.deleted()) && (prefix == null || v.subject().startsWith(prefix))) {
                if (latestOnly && !result.isEmpty() && result.get(result.size() - 1).subject().equals(v.subject())) {
                    result.remove(result.size() - 1);
                }
                result.add(v);
            }
        }
        return result;
    }

    /** Ids of the schemas whose references point at this subject version. */
    List<Integer> referencedBy(String subject, VersionId id) {
        SchemaVersion target = version(subject, id, true);
        return state.referencedBy(target.subject(), target.version()).stream()
                .map(SchemaVersion::id).distinct().sorted().toList();
    }

    // ---- schemas by id ----

    /** A version carrying the id (they all carry the same schema); 40403 once no version carries it. */
    SchemaVersion schemaById(int id) {
        List<SchemaVersion> usages = state.usages(id);
        if (usages.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return usages.get(0);
    }

    /** The subject versions that carry the id, sorted. */
    List<SchemaVersion> usagesOf(int id, boolean includeDeleted) {
        List<SchemaVersion> usages = state.usages(id);
        if (usages.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return usages.stream().filter(v -> includeDeleted || !v.deleted())
                .sorted((a, b) -> a.subject().equals(b.subject()) ? Integer.compare(a.version(), b.version())
                        : a.subject().compareTo(b.subject()))
                .toList();
    }

    // ---- deletes ----

    /** Soft (or, after a soft delete, permanent) delete of a subject; returns the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> versions = state.versions(subject);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = live(versions);
            if (!permanent) {
                if (live.isEmpty()) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                requireUnreferenced(live);
                log.append(new LogEntry.DeleteSubject(subject, versions.get(versions.size() - 1).version()));
                if (state.subjectLevel(subject) != null) {
                    log.append(new LogEntry.Config(subject, null));
                }
                return live.stream().map(SchemaVersion::version).toList();
            }
            if (!live.isEmpty()) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            requireUnreferenced(versions);
            log.append(new LogEntry.IdWatermark(state.maxId()));
            for (SchemaVersion v : versions) {
                log.append(new LogEntry.SchemaTombstone(subject, v.version()));
            }
            log.append(new LogEntry.DeleteSubject(subject, null));
            return versions.stream().map(SchemaVersion::version).toList();
        });
    }

    /**
     * Soft (or, after a soft delete, permanent) delete of one version; returns its number. For a permanent
     * delete, {@code latest} means the highest version, soft-deleted or not.
     */
    int deleteVersion(String subject, VersionId id, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> versions = state.versions(subject);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            SchemaVersion target;
            if (id.latest()) {
                List<SchemaVersion> candidates = permanent ? versions : live(versions);
                if (candidates.isEmpty()) {
                    throw RegistryException.subjectNotFound(subject);
                }
                target = candidates.get(candidates.size() - 1);
            } else {
                target = state.version(subject, id.number())
                        .orElseThrow(() -> RegistryException.versionNotFound(id.number()));
            }
            if (!permanent && target.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, id);
            }
            if (permanent && !target.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, target.version());
            }
            requireUnreferenced(List.of(target));
            if (permanent) {
                log.append(new LogEntry.IdWatermark(state.maxId()));
                log.append(new LogEntry.SchemaTombstone(subject, target.version()));
            } else {
                log.append(target.asDeleted());
                if (live(state.versions(subject)).isEmpty() && state.subjectLevel(subject) != null) {
                    log.append(new LogEntry.Config(subject, null));
                }
            }
            return target.version();
        });
    }

    private void requireUnreferenced(List<SchemaVersion> versions) {
        for (SchemaVersion v : versions) {
            if (!state.referencedBy(v.subject(), v.version()).isEmpty()) {
                throw RegistryException.referenceExists(v.subject(), v.version());
            }
        }
    }

    // ---- compatibility config ----

    CompatibilityLevel globalLevel() {
        CompatibilityLevel level = state.globalLevel();
        return level == null ? CompatibilityLevel.DEFAULT : level;
    }

    CompatibilityLevel setGlobalLevel(CompatibilityLevel level) {
        write(() -> {
            log.append(new LogEntry.Config(null, level));
            return null;
        });
        return level;
    }

    /** Resets the global level to the default; returns the level it had. */
    CompatibilityLevel deleteGlobalLevel() {
        return write(() -> {
            CompatibilityLevel previous = globalLevel();
            log.append(new LogEntry.Config(null, null));
            return previous;
        });
    }

    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        CompatibilityLevel level = state.subjectLevel(subject);
        if (level != null) {
            return level;
        }
        if (defaultToGlobal) {
            return globalLevel();
        }
        throw RegistryException.subjectConfigNotFound(subject);
    }

    CompatibilityLevel setSubjectLevel(String subject, CompatibilityLevel level) {
        validateSubject(subject);
        write(() -> {
            log.append(new LogEntry.Config(subject, level));
            return null;
        });
        return level;
    }

    /** Removes the subject's own level; returns it. 40401 when it had none (as Confluent answers). */
    CompatibilityLevel deleteSubjectLevel(String subject) {
        return write(() -> {
            CompatibilityLevel previous = state.subjectLevel(subject);
            if (previous == null) {
                throw RegistryException.subjectNotFound(subject);
            }
            log.append(new LogEntry.Config(subject, null));
            return previous;
        });
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        CompatibilityLevel level = state.subjectLevel(subject);
        return level != null ? level : globalLevel();
    }

    // ---- compatibility test ----

    /**
     * Tests the schema against the subject under its effective level: against one version, against
     * {@code latest} (the latest, or all live versions for a transitive level), or, with a null version,
     * against whatever registering would check. Returns the problems (empty when compatible).
     */
    List<String> testCompatibility(String subject, VersionId id, SchemaRequest request) {
        requireAvro(request.schemaType());
        List<SchemaVersion> live = live(state.versions(subject));
        List<SchemaVersion> against;
        if (id == null) {
            against = live;
        } else if (id.latest()) {
            if (live.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            against = live;
        } else {
            SchemaVersion v = state.version(subject, id.number()).filter(x -> !x.deleted()).orElseThrow(() ->
                    live.isEmpty() ? RegistryException.subjectNotFound(subject)
                            : RegistryException.versionNotFound(id.number()));
            against = List.of(v);
        }
        AvroSchemas.Parsed parsed = parse(request);
        return CompatibilityChecker.check(effectiveLevel(subject), parsed.schema(), previous(against));
    }

    // ---- helpers ----

    private <T> T write(Supplier<T> operation) {
        writeLock.lock();
        try {
            log.catchUp();
            return operation.get();
        } finally {
            writeLock.unlock();
        }
    }

    private AvroSchemas.Parsed parse(SchemaRequest request) {
        // A reference to version -1 means the referenced subject's latest: store the version it resolved to.
        List<SchemaReference> references = request.references().stream()
                .map(r -> r.version() == -1 ? new SchemaReference(r.name(), r.subject(), resolveReference(r).version()) : r)
                .toList();
        return AvroSchemas.parse(request.schema(), references, this::resolveReference);
    }

    private SchemaVersion resolveReference(SchemaReference ref) {
        if (ref.subject() == null || ref.name() == null) {
            throw RegistryException.invalidSchema("Invalid schema: reference " + ref + " needs a name and a subject");
        }
        Optional<SchemaVersion> target = ref.version() == -1
                ? live(state.versions(ref.subject())).stream().reduce((a, b) -> b)
                : state.version(ref.subject(), ref.version());
        return target.orElseThrow(() -> RegistryException.invalidSchema(
                "Invalid schema: reference " + ref + " does not exist"));
    }

    private List<CompatibilityChecker.Previous> previous(List<SchemaVersion> versions) {
        List<CompatibilityChecker.Previous> previous = new ArrayList<>(versions.size());
        for (SchemaVersion v : versions) {
            AvroSchemas.Parsed parsed = parsedById.computeIfAbsent(v.id(),
                    id -> AvroSchemas.parse(v.schema(), v.references(), this::resolveReference));
            previous.add(new CompatibilityChecker.Previous(v.version(), parsed.schema(), v.schema()));
        }
        return previous;
    }

    private static List<SchemaVersion> live(List<SchemaVersion> versions) {
        return versions.stream().filter(v -> !v.deleted()).toList();
    }

    private static void requireAvro(String schemaType) {
        if (schemaType != null && !schemaType.isEmpty() && !schemaType.toUpperCase(Locale.ROOT).equals(LogEntry.AVRO)) {
            throw RegistryException.invalidSchema("Invalid schema type " + schemaType
                    + ": this registry supports AVRO schemas only");
        }
    }

    private static void validateSubject(String subject) {
        if (subject == null || subject.isEmpty() || subject.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalidSubject(String.valueOf(subject));
        }
    }
}
