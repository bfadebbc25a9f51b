package dev.highlights.ingest.views;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.ingest.views.VodInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Finds a registered VOD: the global vods view, else this replica's own recent registrations. */
@ApplicationScoped
public class VodLookup {

    @Inject
    ViewStores stores;

    @Inject
    RecentVods recent;

    public Optional<VodInfo> find(String vodId) {
        Optional<VodInfo> local = recent.get(vodId);
        Optional<VodInfo> stored;
        try {
            stored = stores.vod(vodId);
        } catch (IngestException e) {
            if (local.isPresent()) {
                return local;
            }
            throw e;
        }
        return stored.isPresent() ? stored : local;
    }

    /** The VOD, or a 404 problem. */
    public VodInfo require(String vodId) {
        return find(vodId).orElseThrow(() -> new IngestException(ProblemKind.VOD_NOT_FOUND,
                "no VOD with id '" + vodId + "' is registered; register it with POST /api/vods"));
    }
}
