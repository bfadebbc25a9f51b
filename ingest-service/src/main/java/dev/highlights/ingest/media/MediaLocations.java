package dev.highlights.ingest.media;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.media.Location;
import dev.highlights.media.LocationPolicy;
import dev.highlights.media.LocationRefusedException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Ingest's side of the shared {@link LocationPolicy} (media roots, http(s) hosts, no internal addresses): the same
 * checks the workers make, with refusals as {@link IngestException}s worded for what the location is for.
 */
public final class MediaLocations {
    private final LocationPolicy policy;

    public MediaLocations(LocationPolicy policy) {
        this.policy = policy;
    }

    /** The media roots in use (real paths). */
    public List<Path> roots() {
        return policy.roots();
    }

    /** Parses and checks a URI given by a client; throws a 400, 403 or 422 {@link IngestException}. */
    public Location resolve(String uri, Subject subject) {
        try {
            return policy.check(uri, subject.noun());
        } catch (LocationRefusedException e) {
            throw refusal(e, subject);
        }
    }

    /** Checks an already parsed URI (e.g. a playlist entry resolved against its playlist). */
    public Location resolve(URI uri, Subject subject) {
        try {
            return policy.check(uri, subject.noun());
        } catch (LocationRefusedException e) {
            throw refusal(e, subject);
        }
    }

    /** Checks an http(s) URL again, e.g. at every redirect hop. */
    public void checkHost(URI uri, Subject subject) {
        try {
            policy.checkUrl(uri, subject.noun());
        } catch (LocationRefusedException e) {
            throw refusal(e, subject);
        }
    }

    private static IngestException refusal(LocationRefusedException e, Subject subject) {
        ProblemKind kind = switch (e.kind()) {
            case INVALID -> ProblemKind.INVALID_REQUEST;
            case UNSUPPORTED -> ProblemKind.UNSUPPORTED_URI;
            case FORBIDDEN -> ProblemKind.LOCATION_FORBIDDEN;
            case NOT_FOUND, UNREADABLE -> subject.unreadable();
        };
        return new IngestException(kind, subject.code(e.code()), e.getMessage());
    }

    @Override
    public String toString() {
        return policy.toString();
    }
}
