package dev.highlights.ingest.media;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.media.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything ingest learns about a VOD's media before it accepts it: the location passes the policy, a remote
 * file answers within the size limit, an HLS playlist parses and every entry it names is allowed, and FFmpeg
 * can open the media (duration, audio, video). Then the work-item slices.
 */
public final class MediaInspector {

    /**
     * @param location        the checked location the client named (after redirects)
     * @param segmentMediaUri what work items read: the file, or the media playlist for HLS
     * @param durationSec     seconds; null when unknown (live, or a container without duration)
     * @param hls             an HLS playlist
     * @param live            a live (still growing) source: no slices, the live hook takes over
     * @param slices          work items to publish (empty when live)
     * @param playlistItems   HLS segments of the media playlist (empty otherwise)
     */
    public record Inspection(Location location, String segmentMediaUri, Double durationSec, boolean hasAudio,
                             boolean hasVideo, boolean hls, boolean live, List<Segmenter.Slice> slices,
                             List<HlsPlaylist.Item> playlistItems, String format) {
    }

    private final MediaLocations locations;
    private final HttpFetcher http;
    private final MediaProbe probe;
    private final long maxMediaBytes;
    private final long maxPlaylistBytes;

    public MediaInspector(MediaLocations locations, HttpFetcher http, MediaProbe probe, long maxMediaBytes,
                          long maxPlaylistBytes) {
        this.locations = locations;
        this.http = http;
        this.probe = probe;
        this.maxMediaBytes = maxMediaBytes;
        this.maxPlaylistBytes = maxPlaylistBytes;
    }

    /**
     * @param live the client registers a live stream: a playlist without {@code #EXT-X-ENDLIST} is expected
     *             and no slices are made
     */
    public Inspection inspect(String mediaUri, boolean live, double segmentSec, double preRollSec) {
        Location location = locations.resolve(mediaUri, Subject.MEDIA);
        boolean playlist = hasPlaylistName(location);
        if (location instanceof Location.Remote remote) {
            HttpFetcher.Head head = http.head(remote.url(), Subject.MEDIA, playlist ? maxPlaylistBytes : maxMediaBytes);
            location = new Location.Remote(head.url());
            String type = head.contentType().toLowerCase(Locale.ROOT);
            playlist = playlist || type.contains("mpegurl");
        } else if (!playlist) {
            playlist = sniffPlaylist(((Location.LocalFile) location));
        }
        if (playlist) {
            return inspectPlaylist(location, live, segmentSec, preRollSec);
        }
        MediaProbe.Result r = probe.probe(location, Subject.MEDIA, false, false);
        List<Segmenter.Slice> slices = live ? List.of() : Segmenter.fixed(r.durationSec(), segmentSec, preRollSec);
        return new Inspection(location, location.uri(), live ? null : r.durationSec(), r.hasAudio(), r.hasVideo(),
                false, live, slices, List.of(), r.format());
    }

    private Inspection inspectPlaylist(Location location, boolean live, double segmentSec, double preRollSec) {
        HlsPlaylist parsed = parse(location, read(location));
        Location mediaPlaylist = location;
        if (parsed.isMaster()) {
            HlsPlaylist.Variant variant = parsed.preferredVariant().orElseThrow();
            mediaPlaylist = entry(location, variant.uri());
            checkOthers(location, parsed);
            parsed = parse(mediaPlaylist, read(mediaPlaylist));
            if (parsed.isMaster()) {
                throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_PLAYLIST_INVALID",
                        "variant playlist " + mediaPlaylist.uri() + " is itself a master playlist");
            }
        }
        if (!parsed.ended() && !live) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_PLAYLIST_LIVE",
                    "playlist " + mediaPlaylist.uri() + " is live (no #EXT-X-ENDLIST); register it with \"live\": true"
                            + " or wait until the stream has ended");
        }
        if (parsed.items().isEmpty() && !live) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_PLAYLIST_EMPTY",
                    "playlist " + mediaPlaylist.uri() + " lists no media segments");
        }
        boolean remoteRefs = false;
        List<Double> durations = new ArrayList<>(parsed.items().size());
        for (HlsPlaylist.Item item : parsed.items()) {
            remoteRefs |= entry(mediaPlaylist, item.uri()).isRemote();
            durations.add(item.durationSec());
        }
        remoteRefs |= checkOthers(mediaPlaylist, parsed);
        MediaProbe.Result r = probe.probe(mediaPlaylist, Subject.MEDIA, true, remoteRefs);
        Double duration = live ? null : (parsed.durationSec() > 0 ? parsed.durationSec() : r.durationSec());
        List<Segmenter.Slice> slices = live ? List.of() : Segmenter.grouped(durations, segmentSec, preRollSec);
        return new Inspection(location, mediaPlaylist.uri(), duration, r.hasAudio(), r.hasVideo(), true, live, slices,
                parsed.items(), r.format());
    }

    private boolean checkOthers(Location base, HlsPlaylist parsed) {
        boolean remote = false;
        for (String other : parsed.otherUris()) {
            remote |= entry(base, other).isRemote();
        }
        return remote;
    }

    /** Whether the media at this (checked) location is an HLS playlist: by its name, type or first bytes. */
    public boolean isPlaylist(Location location) {
        if (hasPlaylistName(location)) {
            return true;
        }
        if (location instanceof Location.Remote remote) {
            return http.head(remote.url(), Subject.MEDIA, maxMediaBytes).contentType().toLowerCase(Locale.ROOT)
                    .contains("mpegurl");
        }
        return sniffPlaylist((Location.LocalFile) location);
    }

    /** Reads and parses an HLS playlist (a live playlist each time it is reloaded). */
    public HlsPlaylist readPlaylist(Location location) {
        return parse(location, read(location));
    }

    /** A playlist entry resolved against its playlist and checked like a client URI. */
    public Location entry(Location base, String ref) {
        URI resolved;
        try {
            resolved = URI.create(base.uri()).resolve(ref.trim());
        } catch (IllegalArgumentException e) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_PLAYLIST_INVALID",
                    "playlist " + base.uri() + " names '" + ref + "', which is not a valid URI");
        }
        try {
            return locations.resolve(resolved, Subject.MEDIA);
        } catch (IngestException e) {
            throw new IngestException(e.kind(), e.errorCode(), "playlist " + base.uri() + " refers to '" + ref + "': "
                    + e.getMessage());
        }
    }

    private String read(Location location) {
        if (location instanceof Location.Remote remote) {
            return http.fetchText(remote.url(), Subject.MEDIA, maxPlaylistBytes);
        }
        Location.LocalFile file = (Location.LocalFile) location;
        try (InputStream in = Files.newInputStream(file.realPath())) {
            return new String(LimitedInputStream.readAll(in, maxPlaylistBytes), StandardCharsets.UTF_8);
        } catch (LimitedInputStream.LimitExceededException e) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_TOO_LARGE",
                    "playlist " + location.uri() + " is larger than " + maxPlaylistBytes + " bytes");
        } catch (IOException e) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_UNREADABLE",
                    "cannot read playlist " + location.uri() + ": " + e.getMessage());
        }
    }

    private static HlsPlaylist parse(Location location, String text) {
        try {
            return HlsPlaylist.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_PLAYLIST_INVALID",
                    "HLS playlist " + location.uri() + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean hasPlaylistName(Location location) {
        String path = location instanceof Location.Remote r ? r.url().getPath() : location.uri();
        String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
        return p.endsWith(".m3u8") || p.endsWith(".m3u");
    }

    private static boolean sniffPlaylist(Location.LocalFile file) {
        byte[] head = new byte[64];
        try (InputStream in = Files.newInputStream(file.realPath())) {
            int n = in.readNBytes(head, 0, head.length);
            return HlsPlaylist.looksLikePlaylist(head, n);
        } catch (IOException e) {
            throw new IngestException(ProblemKind.MEDIA_UNREADABLE, "MEDIA_UNREADABLE",
                    "cannot read media file " + file.realPath() + ": " + e.getMessage());
        }
    }
}
