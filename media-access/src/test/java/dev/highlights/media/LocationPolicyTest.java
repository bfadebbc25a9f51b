package dev.highlights.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationPolicyTest {
    /** A DNS of our own: public names, and names that point inside. */
    private static final Map<String, String> DNS = Map.of(
            "cdn.example.com", "93.184.216.34",
            "rebind.example.com", "10.0.0.7",
            "mixed.example.com", "93.184.216.34,127.0.0.1",
            "media.internal.example", "192.168.1.20",
            "metadata.example.com", "169.254.169.254",
            "v6.example.com", "fd12:3456::1");

    @TempDir
    Path tmp;

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ips = DNS.get(host);
        if (ips == null) {
            return InetAddress.getAllByName(host); // literals only: names not listed do not resolve
        }
        String[] parts = ips.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]);
        }
        return out;
    }

    private static LocationPolicy policy(List<String> allowedHosts) {
        return new LocationPolicy(new LocationPolicy.Settings(List.of(), true, allowedHosts), host -> {
            if (!DNS.containsKey(host) && !host.equals("localhost") && !host.matches("[0-9.:a-f]+")) {
                throw new UnknownHostException(host);
            }
            return resolve(host);
        });
    }

    @Test
    void publicHostsAreReadAndInternalOnesAreNotUnlessNamed() {
        LocationPolicy any = policy(List.of());
        assertThat(any.check("https://cdn.example.com/vod.m3u8", "media")).isInstanceOf(Location.Remote.class);
        for (String url : List.of("http://127.0.0.1:8081/subjects", "http://127.0.0.1:1/x", "http://localhost/x",
                "http://10.1.2.3/a.mp4", "http://172.16.0.1/a", "http://192.168.0.1/a", "http://169.254.169.254/latest",
                "http://100.64.0.1/a", "http://0.0.0.0/a", "http://224.0.0.1/a", "http://[::1]/a", "http://[fd00::1]/a",
                "http://[fe80::1]/a", "http://[::ffff:127.0.0.1]/a", "http://[64:ff9b::7f00:1]/a",
                "http://rebind.example.com/a", "http://mixed.example.com/a", "http://metadata.example.com/",
                "http://v6.example.com/a")) {
            assertThatThrownBy(() -> any.check(url, "media")).as(url)
                    .isInstanceOfSatisfying(LocationRefusedException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LocationRefusedException.Kind.FORBIDDEN);
                        assertThat(e.code()).isEqualTo("INTERNAL_ADDRESS");
                    });
        }
        // The same text whether a service listens there or not: nothing was connected to.
        assertThat(message(any, "http://127.0.0.1:8081/x")).isEqualTo(message(any, "http://127.0.0.1:8081/x"));
        assertThat(message(any, "http://127.0.0.1:1/x").replace(":1/", ":8081/"))
                .isEqualTo(message(any, "http://127.0.0.1:8081/x"));

        LocationPolicy named = policy(List.of("media.internal.example", "127.0.0.1", "cdn.example.com"));
        assertThat(named.check("http://media.internal.example/a.mp4", "media")).isInstanceOf(Location.Remote.class);
        assertThat(named.check("http://127.0.0.1:9000/a.mp4", "media")).isInstanceOf(Location.Remote.class);
        LocationPolicy star = policy(List.of("*"));
        assertThatThrownBy(() -> star.check("http://127.0.0.1/a.mp4", "media"))
                .hasMessageContaining("internal address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/a", "http://0x7f.1/a", "http://0177.0.0.1/a", "http://127.1/a",
            "http://0x7f000001/a"})
    void numbersInUnusualFormsAreRefused(String url) {
        assertThatThrownBy(() -> policy(List.of()).check(url, "media"))
                .isInstanceOfSatisfying(LocationRefusedException.class, e -> assertThat(e.code()).isIn("URI_INVALID"));
    }

    @Test
    void redirectHopsAndSchemesAreChecked() {
        LocationPolicy allowed = policy(List.of("cdn.example.com"));
        assertThatThrownBy(() -> allowed.checkUrl(URI.create("http://evil.example.net/a"), "media"))
                .isInstanceOfSatisfying(LocationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("HOST_NOT_ALLOWED"));
        for (String uri : List.of("concat:/etc/passwd|x", "subfile:,,start,0,end,0,,:/etc/passwd", "ftp://cdn.example.com/a",
                "data:text/plain,x", "gopher://x/")) {
            assertThatThrownBy(() -> allowed.check(uri, "media")).as(uri)
                    .isInstanceOfSatisfying(LocationRefusedException.class,
                            e -> assertThat(e.kind()).isIn(LocationRefusedException.Kind.UNSUPPORTED,
                                    LocationRefusedException.Kind.INVALID));
        }
        LocationPolicy noHttp = new LocationPolicy(new LocationPolicy.Settings(List.of(), false, List.of()));
        assertThatThrownBy(() -> noHttp.check("https://cdn.example.com/a", "chat"))
                .isInstanceOfSatisfying(LocationRefusedException.class, e -> assertThat(e.code()).isEqualTo("HTTP_DISABLED"));
    }

    @Test
    void filesOnlyUnderTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("a.mp4"), "x");
        Files.writeString(tmp.resolve("secret"), "x");
        LocationPolicy policy = new LocationPolicy(new LocationPolicy.Settings(List.of(root, tmp.resolve("gone")), true,
                List.of()));
        assertThat(policy.check(root.resolve("a.mp4").toUri().toString(), "media")).isInstanceOf(Location.LocalFile.class);
        assertThat(policy.missingRoots()).containsExactly(tmp.resolve("gone").toString());
        assertThatThrownBy(() -> policy.check(tmp.resolve("secret").toUri().toString(), "media"))
                .isInstanceOfSatisfying(LocationRefusedException.class, e -> assertThat(e.code()).isEqualTo("OUTSIDE_ROOTS"));
        assertThatThrownBy(() -> policy.check("file:///etc/passwd", "media"))
                .isInstanceOfSatisfying(LocationRefusedException.class, e -> assertThat(e.code()).isEqualTo("OUTSIDE_ROOTS"));
        LocationPolicy none = new LocationPolicy(new LocationPolicy.Settings(List.of(), true, List.of()));
        assertThatThrownBy(() -> none.check(root.resolve("a.mp4").toUri().toString(), "media"))
                .hasMessageContaining("no media roots");
    }

    @Test
    void ffmpegGetsOnlyTheProtocolsTheInputNeeds() {
        Location remote = new Location.Remote(URI.create("https://cdn.example.com/a.m3u8"));
        Location local = new Location.LocalFile(Path.of("/media/a.mp4"));
        assertThat(FfmpegProtocols.forInput(remote, true, true)).doesNotContain("file");
        assertThat(FfmpegProtocols.forInput(remote, false, false)).isEqualTo("http,https,tcp,tls");
        assertThat(FfmpegProtocols.forInput(local, false, false)).isEqualTo("file");
        assertThat(FfmpegProtocols.forInput(local, true, false)).isEqualTo("file,crypto,data");
    }

    private static String message(LocationPolicy policy, String url) {
        try {
            policy.check(url, "media");
            return "accepted";
        } catch (LocationRefusedException e) {
            return e.getMessage();
        }
    }
}
