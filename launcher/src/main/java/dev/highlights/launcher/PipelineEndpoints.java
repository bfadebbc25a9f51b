package dev.highlights.launcher;

/** Where a running pipeline answers: what a job needs, whether this command started the pipeline or {@code up} did. */
interface PipelineEndpoints {
    /** Ingest's REST API, e.g. {@code http://127.0.0.1:8080}. */
    String ingestUrl();

    String bootstrapServers();

    String schemaRegistryUrl();

    /** Why the pipeline can no longer serve the job (a service died, the stack stopped); null while it can. */
    String deadService() throws InterruptedException;
}
