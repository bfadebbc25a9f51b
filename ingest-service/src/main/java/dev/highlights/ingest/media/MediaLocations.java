package dev.highlights.ingest.media;

import dev.highlights.ingest.core.IngestException;
import dev.highlights.ingest.core.ProblemKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Where media and chat may be read from, and the checks that keep a request inside it.
 *
 * <ul>
 *   <li>{@code file:} URIs (absolute, no host or {@code localhost}) must lie under one of the media roots. A path
 *       with a {@code ..} segment is refused outright (also percent-encoded); the path must be under a root as
 *       written, and again after every symbolic link is resolved ({@link Path#toRealPath}), so a link inside a
 *       root that leads out of it is refused. The file must exist and be a readable regular file.</li>
 *   <li>{@code http:}/{@code https:} URLs are accepted when enabled and, if an allowlist is configured, when the
 *       host is on it ({@code example.com} exactly, or {@code *.example.com} for its subdomains).</li>
 *   <li>Anything else is an unsupported scheme.</li>
 * </ul>
 * Plain class (no CDI) so it can be unit-tested on temporary directories.
 */
public final class MediaLocations {
    private static final Logger LOG = Logger.getLogger(MediaLocations.class);

    /** A configured root: as written (normalised, absolute) and its real path. */
    private record Root(Path lexical, Path real) {
    }

    private final List<Root> roots;
    private final boolean httpEnabled;
    private final List<String> allowedHosts;

    /**
     * @param roots        media roots; roots that do not exist are skipped with a warning
     * @param httpEnabled  whether http(s) is accepted at all
     * @param allowedHosts host allowlist; empty: any host
     */
    public MediaLocations(List<Path> roots, boolean httpEnabled, List<String> allowedHosts) {
        List<Root> resolved = new ArrayList<>();
        for (Path root : roots) {
            Path lexical = root.toAbsolutePath().normalize();
            try {
                resolved.add(new Root(lexical, lexical.toRealPath()));
            } catch (IOException e) {
                LOG.warnf("Media root %s does not exist or cannot be read; it is ignored (%s)", lexical, e.toString());
            }
        }
        this.roots = List.copyOf(resolved);
        this.httpEnabled = httpEnabled;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }

    /** The media roots in use (real paths). */
    public List<Path> roots() {
        return roots.stream().map(Root::real).toList();
    }

    /** Parses and checks a URI given by a client; throws a 400, 403 or 422 {@link IngestException}. */
    public Location resolve(String uri, Subject subject) {
        if (uri == null || uri.isBlank()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, subject.noun() + " URI is empty");
        }
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, subject.code("URI_INVALID"),
                    subject.noun() + " URI '" + uri + "' is not a valid URI (" + e.getReason()
                            + "); percent-encode spaces and special characters");
        }
        return resolve(parsed, subject);
    }

    /** Checks an already parsed URI (e.g. a playlist entry resolved against its playlist). */
    public Location resolve(URI uri, Subject subject) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return local(uri, subject);
            case "http":
            case "https":
                return remote(uri, subject);
            default:
                throw new IngestException(ProblemKind.UNSUPPORTED_URI, subject.code("URI_UNSUPPORTED"),
                        subject.noun() + " URI '" + uri + "' has " + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "'")
                                + "; use file:///path under a media root"
                                + (httpEnabled ? " or an http(s) URL" : ""));
        }
    }

    private Location local(URI uri, Subject subject) {
        String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new IngestException(ProblemKind.UNSUPPORTED_URI, subject.code("URI_UNSUPPORTED"),
                    "file: URI '" + uri + "' names host '" + host + "'; only local files (file:///path) are supported");
        }
        String path = uri.getPath();
        if (uri.isOpaque() || path == null || !path.startsWith("/")) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, subject.code("URI_INVALID"),
                    "file: URI '" + uri + "' is not absolute; write it as file:///absolute/path");
        }
        String rawPath = uri.getRawPath() == null ? path : uri.getRawPath();
        if (hasDotDot(path) || hasDotDot(rawPath)) {
            throw forbidden(subject, "PATH_TRAVERSAL", subject.noun() + " path '" + path
                    + "' contains a '..' segment; give the path inside the media root without '..'");
        }
        if (roots.isEmpty()) {
            throw forbidden(subject, "OUTSIDE_ROOTS", "no media roots are configured (ingest.media-roots), so "
                    + subject.noun() + " files cannot be read; use an http(s) URL or configure a root");
        }
        Path p;
        try {
            p = Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, subject.code("URI_INVALID"),
                    "file: URI '" + uri + "' is not a valid path: " + e.getMessage());
        }
        Path candidate = p;
        if (roots.stream().noneMatch(r -> candidate.startsWith(r.lexical()) || candidate.startsWith(r.real()))) {
            throw forbidden(subject, "OUTSIDE_ROOTS", subject.noun() + " file " + p + " is outside the media roots "
                    + rootsText() + "; copy or mount it under one of them");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IngestException(subject.unreadable(), subject.code("NOT_FOUND"),
                    "no " + subject.noun() + " file at " + p + "; check the path");
        } catch (IOException e) {
            throw new IngestException(subject.unreadable(), subject.code("UNREADABLE"),
                    subject.noun() + " file " + p + " cannot be accessed: " + e.getMessage());
        }
        if (roots.stream().noneMatch(r -> real.startsWith(r.real()))) {
            throw forbidden(subject, "SYMLINK_ESCAPE", subject.noun() + " file " + p
                    + " is a symbolic link (or lies below one) that leads outside the media roots " + rootsText()
                    + "; link targets must stay inside a root");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IngestException(subject.unreadable(), subject.code("NOT_A_FILE"),
                    subject.noun() + " path " + p + " is not a regular file");
        }
        if (!Files.isReadable(real)) {
            throw new IngestException(subject.unreadable(), subject.code("UNREADABLE"),
                    subject.noun() + " file " + p + " is not readable by the service; check its permissions");
        }
        return new Location.LocalFile(real);
    }

    private Location remote(URI uri, Subject subject) {
        if (!httpEnabled) {
            throw forbidden(subject, "HTTP_DISABLED", "http(s) " + subject.noun()
                    + " URIs are disabled here (ingest.http.enabled=false); use a file under a media root");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IngestException(ProblemKind.INVALID_REQUEST, subject.code("URI_INVALID"),
                    subject.noun() + " URL '" + uri + "' has no host");
        }
        checkHost(uri, subject);
        return new Location.Remote(uri.normalize());
    }

    /** Refuses a URL whose host is not on the allowlist (also used for every redirect hop). */
    public void checkHost(URI uri, Subject subject) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.isEmpty() || isAllowed(host)) {
            return;
        }
        throw forbidden(subject, "HOST_NOT_ALLOWED", "host '" + host + "' of " + subject.noun() + " URL " + uri
                + " is not allowed; allowed hosts: " + String.join(", ", allowedHosts)
                + " (ingest.http.allowed-hosts)");
    }

    private boolean isAllowed(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.equals("*") || allowed.equals(host)) {
                return true;
            }
            if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDotDot(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equalsIgnoreCase("%2e%2e") || segment.equalsIgnoreCase(".%2e")
                    || segment.equalsIgnoreCase("%2e.")) {
                return true;
            }
        }
        return false;
    }

    private String rootsText() {
        return roots.stream().map(r -> r.lexical().toString()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static IngestException forbidden(Subject subject, String code, String detail) {
        return new IngestException(ProblemKind.LOCATION_FORBIDDEN, subject.code(code), detail);
    }

    /** For logs and the view. */
    @Override
    public String toString() {
        return "MediaLocations" + rootsText() + (httpEnabled ? " http hosts " + (allowedHosts.isEmpty() ? "any"
                : allowedHosts) : " no http");
    }
}
