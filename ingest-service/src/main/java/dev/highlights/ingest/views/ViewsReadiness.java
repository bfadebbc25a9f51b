package dev.highlights.ingest.views;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the view stores are restored and queryable. */
@Readiness
@ApplicationScoped
public class ViewsReadiness implements HealthCheck {

    @Inject
    ViewStores stores;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ingest-views").status(stores.ready())
                .withData("kafkaStreams", String.valueOf(stores.state())).build();
    }
}
