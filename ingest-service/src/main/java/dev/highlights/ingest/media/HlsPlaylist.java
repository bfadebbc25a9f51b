package dev.highlights.ingest.media;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HLS playlist (RFC 8216), parsed as far as ingest needs it: a master playlist's variants, or a media
 * playlist's segments with their durations, whether it is complete ({@code #EXT-X-ENDLIST} or
 * {@code #EXT-X-PLAYLIST-TYPE:VOD}) and the other URIs it references (init sections, keys), so that each can be
 * checked against the location policy.
 *
 * @param variants       variant streams of a master playlist (empty for a media playlist)
 * @param items          media segments of a media playlist, in order
 * @param ended          a complete (VOD) media playlist; false means live, still growing
 * @param otherUris      URIs of {@code #EXT-X-MAP} and {@code #EXT-X-KEY} (and alternative renditions)
 * @param targetDuration {@code #EXT-X-TARGETDURATION}, seconds, or 0
 * @param mediaSequence  {@code #EXT-X-MEDIA-SEQUENCE}: the sequence number of the first item (0 when absent); a live
 *                       playlist that drops old items from its start raises it by as many
 */
public record HlsPlaylist(List<Variant> variants, List<Item> items, boolean ended, List<String> otherUris,
                          double targetDuration, long mediaSequence) {

    /** A variant of a master playlist. */
    public record Variant(String uri, long bandwidth) {
    }

    /**
     * A media segment: its URI as written (maybe relative), {@code #EXTINF} duration in seconds, the
     * {@code #EXT-X-MAP} initialisation section in force (null when none) and its {@code #EXT-X-PROGRAM-DATE-TIME}
     * (epoch milliseconds, null when the playlist gives none for it).
     */
    public record Item(String uri, double durationSec, String initUri, Long programDateTimeMs) {
    }

    /** RFC 3339 as playlists write it: {@code Z}, {@code +01:00} or (FFmpeg's) {@code +0100}. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern BANDWIDTH = Pattern.compile("(?:^|,)BANDWIDTH=(\\d+)");

    public HlsPlaylist {
        variants = List.copyOf(variants);
        items = List.copyOf(items);
        otherUris = List.copyOf(otherUris);
    }

    public boolean isMaster() {
        return !variants.isEmpty();
    }

    /** Sum of the segment durations, seconds. */
    public double durationSec() {
        double sum = 0;
        for (Item item : items) {
            sum += item.durationSec();
        }
        return sum;
    }

    /** The variant ingest analyses: the highest bandwidth (the first of equals). */
    public Optional<Variant> preferredVariant() {
        return variants.stream().max(Comparator.comparingLong(Variant::bandwidth)
                .thenComparing(v -> -variants.indexOf(v)));
    }

    /** True when the text starts like an HLS playlist (after an optional BOM and blanks). */
    public static boolean looksLikePlaylist(byte[] head, int length) {
        String s = new String(head, 0, Math.max(0, length), java.nio.charset.StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        return s.stripLeading().startsWith("#EXTM3U");
    }

    /**
     * Parses a playlist.
     *
     * @throws IllegalArgumentException when it is not an HLS playlist or a tag is malformed (the message says
     *                                  which line)
     */
    public static HlsPlaylist parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int i = 0;
        while (i < lines.length && strip(lines[i]).isEmpty()) {
            i++;
        }
        if (i >= lines.length || !strip(lines[i]).startsWith("#EXTM3U")) {
            throw new IllegalArgumentException("not an HLS playlist: the first line must be #EXTM3U");
        }
        List<Variant> variants = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean ended = false;
        double target = 0;
        long sequence = 0;
        String map = null;
        Long pendingDateTime = null;
        Double pendingDuration = null;
        Long pendingBandwidth = null;
        for (i = i + 1; i < lines.length; i++) {
            String line = strip(lines[i]);
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("#EXTINF:")) {
                    String value = line.substring(8);
                    int comma = value.indexOf(',');
                    String number = (comma >= 0 ? value.substring(0, comma) : value).trim();
                    try {
                        pendingDuration = Double.parseDouble(number);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + lineNo + ": #EXTINF duration '" + number
                                + "' is not a number");
                    }
                    if (!(pendingDuration >= 0) || pendingDuration.isInfinite()) {
                        throw new IllegalArgumentException("line " + lineNo + ": #EXTINF duration must be >= 0");
                    }
                } else if (upper.startsWith("#EXT-X-STREAM-INF:")) {
                    Matcher m = BANDWIDTH.matcher(line.substring(18));
                    pendingBandwidth = m.find() ? Long.parseLong(m.group(1)) : 0L;
                } else if (upper.startsWith("#EXT-X-ENDLIST")) {
                    ended = true;
                } else if (upper.startsWith("#EXT-X-PLAYLIST-TYPE:")) {
                    if (line.substring(21).trim().equalsIgnoreCase("VOD")) {
                        ended = true;
                    }
                } else if (upper.startsWith("#EXT-X-TARGETDURATION:")) {
                    try {
                        target = Double.parseDouble(line.substring(22).trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + lineNo + ": bad #EXT-X-TARGETDURATION");
                    }
                } else if (upper.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    try {
                        sequence = Long.parseLong(line.substring(22).trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + lineNo + ": bad #EXT-X-MEDIA-SEQUENCE");
                    }
                } else if (upper.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                    try {
                        pendingDateTime = OffsetDateTime.parse(line.substring(25).trim(), DATE_TIME).toInstant().toEpochMilli();
                    } catch (DateTimeParseException e) {
                        pendingDateTime = null; // a date we cannot read only costs the alignment it would give
                    }
                } else if (upper.startsWith("#EXT-X-MAP:") || upper.startsWith("#EXT-X-KEY:")
                        || upper.startsWith("#EXT-X-MEDIA:") || upper.startsWith("#EXT-X-I-FRAME-STREAM-INF:")
                        || upper.startsWith("#EXT-X-SESSION-KEY:")) {
                    Matcher m = URI_ATTRIBUTE.matcher(line);
                    if (m.find() && !m.group(1).isEmpty()) {
                        others.add(m.group(1));
                        if (upper.startsWith("#EXT-X-MAP:")) {
                            map = m.group(1);
                        }
                    }
                }
                continue;
            }
            // A URI line.
            if (pendingBandwidth != null) {
                variants.add(new Variant(line, pendingBandwidth));
                pendingBandwidth = null;
            } else if (pendingDuration != null) {
                items.add(new Item(line, pendingDuration, map, pendingDateTime));
                pendingDuration = null;
                pendingDateTime = null;
            } else {
                throw new IllegalArgumentException("line " + lineNo + ": URI '" + line
                        + "' follows neither #EXTINF nor #EXT-X-STREAM-INF");
            }
        }
        if (!variants.isEmpty() && !items.isEmpty()) {
            throw new IllegalArgumentException("the playlist mixes variants (#EXT-X-STREAM-INF) and segments (#EXTINF)");
        }
        return new HlsPlaylist(variants, items, ended, others, target, sequence);
    }

    private static String strip(String s) {
        String t = s.strip();
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }
}
