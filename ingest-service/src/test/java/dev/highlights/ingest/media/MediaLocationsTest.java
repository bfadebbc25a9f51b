package dev.highlights.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.media.Location;
import dev.highlights.media.LocationPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaLocationsTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    MediaLocations locations;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(root.resolve("a.mp4"), "x");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.mp4"), "x");
        Files.writeString(outside.resolve("secret.mp4"), "x");
        Files.createSymbolicLink(root.resolve("link.mp4"), outside.resolve("secret.mp4"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        Files.createSymbolicLink(root.resolve("ok-link.mp4"), root.resolve("sub/b.mp4"));
        locations = locations(List.of(root, tmp.resolve("missing-root")), true, List.of("cdn.example.com", "*.vods.example.org"));
    }

    @Test
    void filesUnderARootAreAccepted() throws Exception {
        Location l = locations.resolve(root.resolve("sub/b.mp4").toUri().toString(), Subject.MEDIA);
        assertThat(l).isInstanceOf(Location.LocalFile.class);
        assertThat(((Location.LocalFile) l).realPath()).isEqualTo(root.resolve("sub/b.mp4").toRealPath());
        assertThat(locations.resolve("file://localhost" + root.resolve("a.mp4"), Subject.MEDIA).isRemote()).isFalse();
        assertThat(locations.resolve(root.resolve("ok-link.mp4").toUri().toString(), Subject.MEDIA).uri())
                .endsWith("/sub/b.mp4");
        assertThat(locations.roots()).hasSize(1);
    }

    @Test
    void escapesAreForbidden() {
        forbidden(() -> locations.resolve("file://" + root + "/../outside/secret.mp4", Subject.MEDIA), "MEDIA_PATH_TRAVERSAL");
        forbidden(() -> locations.resolve("file://" + root + "/sub/%2E%2E/%2e%2e/outside/secret.mp4", Subject.MEDIA),
                "MEDIA_PATH_TRAVERSAL");
        forbidden(() -> locations.resolve(outside.resolve("secret.mp4").toUri().toString(), Subject.CHAT), "CHAT_OUTSIDE_ROOTS");
        forbidden(() -> locations.resolve(root.resolve("link.mp4").toUri().toString(), Subject.MEDIA), "MEDIA_SYMLINK_ESCAPE");
        forbidden(() -> locations.resolve(root.resolve("dir/secret.mp4").toUri().toString(), Subject.MEDIA), "MEDIA_SYMLINK_ESCAPE");
        // A playlist entry resolved against its playlist is checked the same way.
        URI entry = root.resolve("sub/list.m3u8").toUri().resolve("../../outside/secret.mp4");
        forbidden(() -> locations.resolve(entry, Subject.MEDIA), "MEDIA_OUTSIDE_ROOTS");
    }

    @Test
    void httpHostsFollowTheAllowlist() {
        assertThat(locations.resolve("https://cdn.example.com/v.mp4", Subject.MEDIA).isRemote()).isTrue();
        assertThat(locations.resolve("http://a.b.vods.example.org/v.m3u8", Subject.MEDIA).isRemote()).isTrue();
        forbidden(() -> locations.resolve("https://evil.example.com/v.mp4", Subject.MEDIA), "MEDIA_HOST_NOT_ALLOWED");
        forbidden(() -> locations.resolve("https://vods.example.org.evil.net/v.mp4", Subject.MEDIA), "MEDIA_HOST_NOT_ALLOWED");
        MediaLocations anyHost = locations(List.of(root), true, List.of());
        assertThat(anyHost.resolve("https://anywhere.example/v.mp4", Subject.MEDIA).isRemote()).isTrue();
        MediaLocations noHttp = locations(List.of(root), false, List.of());
        forbidden(() -> noHttp.resolve("https://cdn.example.com/v.mp4", Subject.MEDIA), "MEDIA_HTTP_DISABLED");
    }

    @Test
    void otherProblems() {
        assertKind(() -> locations.resolve("ftp://host/x.mp4", Subject.MEDIA), ProblemKind.UNSUPPORTED_URI);
        assertKind(() -> locations.resolve("/no/scheme.mp4", Subject.MEDIA), ProblemKind.UNSUPPORTED_URI);
        assertKind(() -> locations.resolve("file://otherhost/x.mp4", Subject.MEDIA), ProblemKind.UNSUPPORTED_URI);
        assertKind(() -> locations.resolve("file:relative.mp4", Subject.MEDIA), ProblemKind.INVALID_REQUEST);
        assertKind(() -> locations.resolve("file:///with space.mp4", Subject.MEDIA), ProblemKind.INVALID_REQUEST);
        assertKind(() -> locations.resolve(root.resolve("none.mp4").toUri().toString(), Subject.MEDIA),
                ProblemKind.MEDIA_UNREADABLE);
        assertKind(() -> locations.resolve(root.resolve("sub").toUri().toString(), Subject.CHAT), ProblemKind.CHAT_UNREADABLE);
        MediaLocations noRoots = locations(List.of(), true, List.of());
        assertKind(() -> noRoots.resolve(root.resolve("a.mp4").toUri().toString(), Subject.MEDIA), ProblemKind.LOCATION_FORBIDDEN);
    }

    /** Every name resolves to a public address here (the internal-address rule has its own tests in media-access). */
    private static MediaLocations locations(List<Path> roots, boolean http, List<String> hosts) {
        return new MediaLocations(new LocationPolicy(new LocationPolicy.Settings(roots, http, hosts),
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")}));
    }

    private static void forbidden(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IngestException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProblemKind.LOCATION_FORBIDDEN);
            assertThat(e.errorCode()).isEqualTo(code);
        });
    }

    private static void assertKind(ThrowableAssert.ThrowingCallable call, ProblemKind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
