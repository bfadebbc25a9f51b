package dev.highlights.ingest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * Serves the test media root over HTTP on 127.0.0.1 (HEAD, GET, byte ranges), once per JVM. {@code /huge.mp4}
 * claims a terabyte in its HEAD answer; {@code /redirect-out} redirects to a host that is not allowed;
 * {@code /stalled-chat.json} and {@code /stalled.m3u8} send one byte and then nothing for a minute;
 * {@code /trickle.mp4} sends {@code av.mp4} one byte a second, each read well within the read timeout.
 */
public final class TestHttpServer {
    private static HttpServer server;

    private TestHttpServer() {
    }

    public static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", TestHttpServer::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "test-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (path.equals("/huge.mp4")) {
                ex.getResponseHeaders().add("Content-Length", "1000000000000");
                ex.sendResponseHeaders(200, -1);
                return;
            }
            if (path.equals("/stalled-chat.json") || path.equals("/stalled.m3u8")) { // one byte, then nothing
                ex.getResponseHeaders().add("Content-Type", path.endsWith(".json") ? "application/json"
                        : "application/vnd.apple.mpegurl");
                if (head) {
                    ex.sendResponseHeaders(200, -1);
                    return;
                }
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write('[');
                ex.getResponseBody().flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (path.equals("/trickle.mp4")) {
                byte[] media = Files.readAllBytes(TestMedia.root().resolve("av.mp4"));
                ex.getResponseHeaders().add("Content-Type", "video/mp4");
                ex.getResponseHeaders().add("Content-Length", Integer.toString(media.length));
                if (head) {
                    ex.sendResponseHeaders(200, -1);
                    return;
                }
                ex.sendResponseHeaders(200, media.length);
                try {
                    for (int i = 0; i < 60; i++) {
                        ex.getResponseBody().write(media[i]);
                        ex.getResponseBody().flush();
                        Thread.sleep(1_000);
                    }
                } catch (InterruptedException | IOException e) {
                    // the client went away
                }
                return;
            }
            if (path.equals("/redirect-out")) {
                ex.getResponseHeaders().add("Location", "http://media.example.com/av.mp4");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            Path file = TestMedia.root().resolve(path.substring(1)).normalize();
            if (!file.startsWith(TestMedia.root()) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            long from = 0;
            long to = size - 1;
            String range = ex.getRequestHeaders().getFirst("Range");
            int status = 200;
            if (range != null && range.startsWith("bytes=")) {
                String[] parts = range.substring(6).split("-", -1);
                from = Long.parseLong(parts[0]);
                if (parts.length > 1 && !parts[1].isEmpty()) {
                    to = Math.min(to, Long.parseLong(parts[1]));
                }
                status = 206;
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            ex.getResponseHeaders().add("Content-Type", path.endsWith(".m3u8") ? "application/vnd.apple.mpegurl"
                    : path.endsWith(".json") ? "application/json" : "video/mp4");
            long length = to - from + 1;
            if (head) {
                ex.getResponseHeaders().add("Content-Length", Long.toString(length));
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, length);
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.skipNBytes(from);
                byte[] buf = new byte[65536];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            } catch (IOException ignored) {
                // the client hung up (FFmpeg stops reading once it has probed)
            }
        }
    }
}
