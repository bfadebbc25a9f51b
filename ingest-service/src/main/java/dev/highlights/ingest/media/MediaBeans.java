package dev.highlights.ingest.media;

import dev.highlights.ingest.IngestConfig;
import dev.highlights.media.LocationPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/** CDI wiring of the media classes from {@code ingest.*}. */
@ApplicationScoped
public class MediaBeans {
    private static final Logger LOG = Logger.getLogger(MediaBeans.class);

    @Produces
    @Singleton
    MediaLocations locations(IngestConfig config) {
        LocationPolicy policy = new LocationPolicy(LocationPolicy.Settings.of(config.mediaRoots().orElse(List.of()),
                config.http().enabled(), config.http().allowedHosts().orElse(List.of())));
        policy.missingRoots().forEach(r -> LOG.warnf("Media root %s does not exist or cannot be read; it is ignored "
                + "(ingest.media-roots)", r));
        LOG.infof("Media locations: %s", policy);
        return new MediaLocations(policy);
    }

    @Produces
    @Singleton
    HttpFetcher http(MediaLocations locations, IngestConfig config) {
        return new HttpFetcher(locations, config.http().timeout());
    }

    @Produces
    @Singleton
    MediaInspector inspector(MediaLocations locations, HttpFetcher http, IngestConfig config) {
        return new MediaInspector(locations, http, new MediaProbe(config.http().timeout(), config.probeTimeout()),
                config.http().maxMediaSize().asLongValue(), config.http().maxPlaylistSize().asLongValue());
    }
}
