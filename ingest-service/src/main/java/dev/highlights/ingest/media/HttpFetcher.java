package dev.highlights.ingest.media;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.media.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP access for media checks, HLS playlists and chat downloads, with timeouts and size limits. Redirects are
 * followed by hand (at most {@value #MAX_REDIRECTS}) and every hop's host is checked against the allowlist, so
 * a redirect cannot lead outside it.
 */
public final class HttpFetcher {
    static final int MAX_REDIRECTS = 5;

    /** The answer to a HEAD (or a GET whose body was not read). */
    public record Head(URI url, OptionalLong contentLength, String contentType) {
    }

    /** Closes bodies that outlive their deadline. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-fetch-deadline");
        t.setDaemon(true);
        return t;
    });

    private final MediaLocations locations;
    private final Duration timeout;
    private final HttpClient client;

    public HttpFetcher(MediaLocations locations, Duration timeout) {
        this.locations = locations;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Checks that {@code url} answers and is not larger than {@code maxBytes} (by Content-Length). Servers that
     * refuse HEAD get a GET whose body is not read.
     */
    public Head head(URI url, Subject subject, long maxBytes) {
        HttpResponse<Void> response = send(url, subject, "HEAD", HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 405 || response.statusCode() == 501) {
            HttpResponse<InputStream> get = send(url, subject, "GET", HttpResponse.BodyHandlers.ofInputStream());
            closeQuietly(get.body());
            return toHead(get, subject, maxBytes);
        }
        return toHead(response, subject, maxBytes);
    }

    /** Opens the body of {@code url} for streaming; reading more than {@code maxBytes} fails. */
    public InputStream open(URI url, Subject subject, long maxBytes) {
        HttpResponse<InputStream> response = send(url, subject, "GET", HttpResponse.BodyHandlers.ofInputStream());
        try {
            toHead(response, subject, maxBytes);
        } catch (RuntimeException e) {
            closeQuietly(response.body());
            throw e;
        }
        return new LimitedInputStream(response.body(), maxBytes);
    }

    /**
     * A small text document (an HLS playlist), UTF-8, read whole within the timeout: a server that sends a byte now
     * and then cannot hold the request that asked for it (closing the body unblocks the read; an interrupt would not).
     */
    public String fetchText(URI url, Subject subject, long maxBytes) {
        try (InputStream in = open(url, subject, maxBytes)) {
            AtomicBoolean late = new AtomicBoolean();
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                late.set(true); // before the close: the read fails as soon as the body is closed
                closeQuietly(in);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (late.get()) {
                    throw new IngestException(subject.unreadable(), subject.code("UNREACHABLE"), "could not fetch " + url
                            + ": it did not arrive whole within " + timeout.toMillis() + " ms");
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
        } catch (LimitedInputStream.LimitExceededException e) {
            throw new IngestException(subject.unreadable(), subject.code("TOO_LARGE"),
                    url + " is larger than " + maxBytes + " bytes");
        } catch (IOException e) {
            throw unreachable(url, subject, e);
        }
    }

    private <T> HttpResponse<T> send(URI url, Subject subject, String method, HttpResponse.BodyHandler<T> handler) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            locations.checkHost(current, subject);
            HttpRequest request = HttpRequest.newBuilder(current).timeout(timeout)
                    .header("User-Agent", "highlights-ingest")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<T> response;
            try {
                response = client.send(request, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(ProblemKind.UNAVAILABLE, "interrupted while fetching " + current);
            } catch (IOException e) {
                throw unreachable(current, subject, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                if (response.body() instanceof InputStream body) {
                    closeQuietly(body);
                }
                String location = response.headers().firstValue("Location").orElseThrow(() -> new IngestException(
                        subject.unreadable(), subject.code("HTTP_ERROR"), "HTTP " + status + " without Location from " + url));
                URI next = current.resolve(location);
                String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IngestException(ProblemKind.LOCATION_FORBIDDEN, subject.code("REDIRECT_FORBIDDEN"),
                            url + " redirects to " + next + ", which is not an http(s) URL");
                }
                current = next;
                continue;
            }
            return response;
        }
        throw new IngestException(subject.unreadable(), subject.code("HTTP_ERROR"),
                url + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private static Head toHead(HttpResponse<?> response, Subject subject, long maxBytes) {
        int status = response.statusCode();
        URI url = response.uri();
        if (status == 404 || status == 410) {
            throw new IngestException(subject.unreadable(), subject.code("NOT_FOUND"),
                    "no " + subject.noun() + " at " + url + " (HTTP " + status + ")");
        }
        if (status >= 400) {
            throw new IngestException(subject.unreadable(), subject.code("HTTP_ERROR"),
                    "the server answered HTTP " + status + " for " + url);
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            throw new IngestException(subject.unreadable(), subject.code("TOO_LARGE"),
                    subject.noun() + " at " + url + " is " + length.getAsLong() + " bytes, more than the limit of "
                            + maxBytes + " bytes (ingest.http.max-" + subject.noun() + "-size)");
        }
        return new Head(url, length, response.headers().firstValue("Content-Type").orElse(""));
    }

    private IngestException unreachable(URI url, Subject subject, IOException e) {
        String why = e instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                : (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        return new IngestException(subject.unreadable(), subject.code("UNREACHABLE"),
                "could not fetch " + url + ": " + why);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
