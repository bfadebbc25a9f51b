package dev.highlights.media;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where media and chat may be read from: one policy for ingest (requests, playlist entries, redirects), the workers
 * (every work item before FFmpeg opens it) and the launcher.
 *
 * <ul>
 *   <li>{@code file:} URIs (absolute, no host or {@code localhost}) must lie under a media root. A path with a
 *       {@code ..} segment is refused outright (also percent-encoded); the path must be under a root as written and
 *       again after every symbolic link is resolved, so a link that leads out of a root is refused. The file must
 *       exist and be a readable regular file.</li>
 *   <li>{@code http:}/{@code https:} URLs, when enabled: the host must be on the allow-list when there is one
 *       ({@code example.com} exactly, {@code *.example.com} for its subdomains, {@code *} for any). The host is
 *       resolved, and a loopback, link-local, private, unique-local, carrier-grade NAT, multicast or unspecified
 *       address is refused unless an allow-list entry other than {@code *} names the host: a request must not make
 *       a service reach the machine it runs on or its internal network. Numeric hosts must be written as plain
 *       dotted quads (no {@code 0x7f.1} or {@code 2130706433}, which resolvers read differently).</li>
 *   <li>Any other scheme is refused.</li>
 * </ul>
 * A refusal is decided before anything is connected to, so its text is the same whether the target exists or not.
 * Resolution is checked again at every redirect hop ({@link #checkUrl}); what FFmpeg resolves later is not (a host
 * whose DNS answer changes between the check and the connection is outside what this class can see).
 */
public final class LocationPolicy {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /**
     * @param roots        directories files may be read from; those that do not exist are left out
     * @param httpEnabled  whether http(s) URLs are read at all
     * @param allowedHosts host allow-list; empty: any host with a public address
     */
    public record Settings(List<Path> roots, boolean httpEnabled, List<String> allowedHosts) {
        public Settings {
            roots = List.copyOf(roots);
            allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                    .toList();
        }

        /** Settings from configuration strings; blank entries are ignored. */
        public static Settings of(List<String> roots, boolean httpEnabled, List<String> allowedHosts) {
            return new Settings(roots.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList(),
                    httpEnabled, allowedHosts);
        }
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A configured root: as written (normalised, absolute) and its real path. */
    private record Root(Path lexical, Path real) {
    }

    private final List<Root> roots;
    private final List<String> missingRoots;
    private final boolean httpEnabled;
    private final List<String> allowedHosts;
    private final HostResolver resolver;

    public LocationPolicy(Settings settings) {
        this(settings, InetAddress::getAllByName);
    }

    public LocationPolicy(Settings settings, HostResolver resolver) {
        List<Root> resolved = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path root : settings.roots()) {
            Path lexical = root.toAbsolutePath().normalize();
            try {
                resolved.add(new Root(lexical, lexical.toRealPath()));
            } catch (IOException e) {
                missing.add(lexical.toString());
            }
        }
        this.roots = List.copyOf(resolved);
        this.missingRoots = List.copyOf(missing);
        this.httpEnabled = settings.httpEnabled();
        this.allowedHosts = settings.allowedHosts();
        this.resolver = resolver;
    }

    /** The media roots in use (real paths). */
    public List<Path> roots() {
        return roots.stream().map(Root::real).toList();
    }

    /** Configured roots that do not exist or cannot be read (left out; worth a warning at start-up). */
    public List<String> missingRoots() {
        return missingRoots;
    }

    /**
     * Checks a location given as text.
     *
     * @param noun what it is for, in messages: {@code media}, {@code chat}
     */
    public Location check(String uri, String noun) {
        if (uri == null || uri.isBlank()) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID", noun + " URI is empty");
        }
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID", noun + " URI '" + uri
                    + "' is not a valid URI (" + e.getReason() + "); percent-encode spaces and special characters");
        }
        return check(parsed, noun);
    }

    /** Checks a parsed location (e.g. a playlist entry resolved against its playlist). */
    public Location check(URI uri, String noun) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> local(uri, noun);
            case "http", "https" -> {
                checkUrl(uri, noun);
                yield new Location.Remote(uri.normalize());
            }
            default -> throw new LocationRefusedException(LocationRefusedException.Kind.UNSUPPORTED, "URI_UNSUPPORTED",
                    noun + " URI '" + uri + "' has " + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "'")
                            + "; use file:///path under a media root" + (httpEnabled ? " or an http(s) URL" : ""));
        };
    }

    /** Checks an http(s) URL: at first, and at every redirect hop. */
    public void checkUrl(URI uri, String noun) {
        if (!httpEnabled) {
            throw forbidden("HTTP_DISABLED", "http(s) " + noun + " URIs are disabled here; use a file under a media root");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID",
                    noun + " URL '" + uri + "' has no host");
        }
        if (!allowedHosts.isEmpty() && !isAllowed(host)) {
            throw forbidden("HOST_NOT_ALLOWED", "host '" + host + "' of " + noun + " URL " + uri
                    + " is not allowed; allowed hosts: " + String.join(", ", allowedHosts));
        }
        if (isOddNumericHost(host)) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID", "host '" + host
                    + "' of " + noun + " URL " + uri + " is a number in an unusual form; write an IPv4 address as a.b.c.d");
        }
        if (isNamedExactly(host)) {
            return; // an operator named this host: it may be internal (a media server beside the cluster)
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new LocationRefusedException(LocationRefusedException.Kind.NOT_FOUND, "HOST_UNKNOWN",
                    "host '" + host + "' of " + noun + " URL " + uri + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw forbidden("INTERNAL_ADDRESS", "host '" + host + "' of " + noun + " URL " + uri
                        + " is a loopback, private or otherwise internal address, which is not read from unless the "
                        + "allowed hosts name it");
            }
        }
    }

    /** Loopback, link-local, private, unique-local, carrier-grade NAT, multicast, unspecified or broadcast. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            boolean compatible = true; // ::a.b.c.d
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            if (nat64 || compatible) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private Location local(URI uri, String noun) {
        String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new LocationRefusedException(LocationRefusedException.Kind.UNSUPPORTED, "URI_UNSUPPORTED", "file: URI '"
                    + uri + "' names host '" + host + "'; only local files (file:///path) are supported");
        }
        String path = uri.getPath();
        if (uri.isOpaque() || path == null || !path.startsWith("/")) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID",
                    "file: URI '" + uri + "' is not absolute; write it as file:///absolute/path");
        }
        String rawPath = uri.getRawPath() == null ? path : uri.getRawPath();
        if (hasDotDot(path) || hasDotDot(rawPath)) {
            throw forbidden("PATH_TRAVERSAL", noun + " path '" + path
                    + "' contains a '..' segment; give the path inside the media root without '..'");
        }
        if (roots.isEmpty()) {
            throw forbidden("OUTSIDE_ROOTS", "no media roots are configured, so " + noun
                    + " files cannot be read; use an http(s) URL or configure a root");
        }
        Path p;
        try {
            p = Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new LocationRefusedException(LocationRefusedException.Kind.INVALID, "URI_INVALID",
                    "file: URI '" + uri + "' is not a valid path: " + e.getMessage());
        }
        Path candidate = p;
        if (roots.stream().noneMatch(r -> candidate.startsWith(r.lexical()) || candidate.startsWith(r.real()))) {
            throw forbidden("OUTSIDE_ROOTS", noun + " file " + p + " is outside the media roots " + rootsText()
                    + "; copy or mount it under one of them");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new LocationRefusedException(LocationRefusedException.Kind.NOT_FOUND, "NOT_FOUND",
                    "no " + noun + " file at " + p + "; check the path");
        } catch (IOException e) {
            throw new LocationRefusedException(LocationRefusedException.Kind.UNREADABLE, "UNREADABLE",
                    noun + " file " + p + " cannot be accessed: " + e.getMessage());
        }
        if (roots.stream().noneMatch(r -> real.startsWith(r.real()))) {
            throw forbidden("SYMLINK_ESCAPE", noun + " file " + p + " is a symbolic link (or lies below one) that leads "
                    + "outside the media roots " + rootsText() + "; link targets must stay inside a root");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new LocationRefusedException(LocationRefusedException.Kind.UNREADABLE, "NOT_A_FILE",
                    noun + " path " + p + " is not a regular file");
        }
        if (!Files.isReadable(real)) {
            throw new LocationRefusedException(LocationRefusedException.Kind.UNREADABLE, "UNREADABLE",
                    noun + " file " + p + " is not readable by the service; check its permissions");
        }
        return new Location.LocalFile(real);
    }

    private boolean isAllowed(String host) {
        return allowedHosts.stream().anyMatch(entry -> names(entry, host));
    }

    /** Named by an entry other than {@code *}: an operator chose this host, internal or not. */
    private boolean isNamedExactly(String host) {
        return allowedHosts.stream().anyMatch(entry -> !entry.equals("*") && names(entry, host));
    }

    /** {@code *}, the host itself, or {@code *.example.com} for its subdomains. */
    private static boolean names(String entry, String host) {
        return entry.equals("*") || entry.equals(host) || (entry.startsWith("*.") && host.endsWith(entry.substring(1)));
    }

    private static boolean isOddNumericHost(String host) {
        if (host.contains(":")) {
            return false; // IPv6 literal: one notation
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!NUMERIC_LABEL.matcher(label).matches()) {
                return false; // a name
            }
        }
        return !DOTTED_QUAD.matcher(host).matches();
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

    private static LocationRefusedException forbidden(String code, String message) {
        return new LocationRefusedException(LocationRefusedException.Kind.FORBIDDEN, code, message);
    }

    @Override
    public String toString() {
        return "roots " + rootsText() + (httpEnabled ? ", http(s) from " + (allowedHosts.isEmpty()
                ? "any public host" : String.join(", ", allowedHosts)) : ", no http(s)");
    }
}
