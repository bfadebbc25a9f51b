package dev.highlights.ingest.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The front door's failure strategy ({@code failure-strategy=report-to-status}): a record whose serving failed in a
 * way nobody planned for is reported on pipeline-status (INTERNAL_ERROR, under its key) and skipped, so one record
 * never stops the channel; unlike a dead-letter topic, the client that produced it reads why where it reads every
 * other refusal. A record left while the service stops is neither reported nor acknowledged: it is read again.
 */
@ApplicationScoped
@Identifier(ReportingFailureHandler.NAME)
public class ReportingFailureHandler implements KafkaFailureHandler.Factory {
    static final String NAME = "report-to-status";

    @Inject
    FrontDoorReports reports;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (reason instanceof UntilAvailable.StoppedException) {
                    return Uni.createFrom().voidItem();
                }
                return Uni.createFrom().item(() -> {
                            reports.failed(record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getRecord(), reason);
                            return (Void) null;
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) // writing the report blocks
                        .chain(() -> Uni.createFrom().completionStage(record.ack()));
            }
        };
    }
}
