package dev.highlights.localstack.registry;

/** A named type that a schema imports from another subject's version (Confluent's schema references). */
record SchemaReference(String name, String subject, int version) {

    @Override
    public String toString() {
        return "{name=" + name + ",subject=" + subject + ",version=" + version + "}";
    }
}
