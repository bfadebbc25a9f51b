package dev.highlights.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.worker.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live work item names playlist segments: decoding them gives the same seconds, at the same media seconds, as
 * decoding the complete playlist would.
 */
@Timeout(60)
class LiveWindowTest {
    @TempDir
    static Path dir;
    static Path playlist;
    static List<MediaSpan.Piece> segments;

    @BeforeAll
    static void media() throws Exception {
        // 1.5 s keyframe interval and 2 s target: segments of 3 s and 1.5 s, so most start at a fractional second.
        playlist = dir.resolve("vod.m3u8");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x90:r=30:d=30", "-f", "lavfi",
                "-i", TestMedia.burstExpr(30), "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-g", "45",
                "-pix_fmt", "yuv420p", "-c:a", "mp2", "-f", "hls", "-hls_time", "2", "-hls_list_size", "0",
                "-hls_playlist_type", "vod", "-hls_segment_filename", dir.resolve("seg%03d.ts").toString(),
                playlist.toString());
        segments = new ArrayList<>();
        double start = 0;
        Double duration = null;
        for (String line : Files.readAllLines(playlist)) {
            if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                segments.add(new MediaSpan.Piece(dir.resolve(line).toUri().toString(), start, duration, null));
                start += duration;
            }
        }
        assertThat(segments).hasSizeGreaterThan(8);
        assertThat(segments).anyMatch(s -> s.startSec() % 1 != 0);
    }

    /** The segments a live work item owning [start, end) with this pre-roll names. */
    static List<MediaSpan.Piece> window(double from, double to) {
        return segments.stream().filter(s -> s.startSec() + s.durationSec() > from && s.startSec() < to).toList();
    }

    @Test
    void aLiveWindowDecodesTheSameAudioSecondsAsTheWholePlaylist() throws Exception {
        for (double[] item : new double[][]{{10, 14}, {4, 7}, {0, 3}}) {
            double preRoll = Math.min(5, item[0]);
            MediaSpan live = new MediaSpan("http://example.com/live.m3u8", item[0], item[1], preRoll,
                    window(item[0] - preRoll, item[1]));
            assertThat(live.originSec()).isLessThanOrEqualTo(item[0] - preRoll);
            Map<Long, AudioDecoderTest.Sec> fromWindow = AudioDecoderTest.decode(live);
            Map<Long, AudioDecoderTest.Sec> fromPlaylist = AudioDecoderTest.decode(
                    new MediaSpan(playlist.toString(), item[0], item[1], preRoll));
            for (long s = (long) item[0]; s < (long) item[1]; s++) {
                // The same signal: the two timelines differ by less than a video frame (see the video test).
                assertThat(fromWindow.get(s).warmUp()).isFalse();
                assertThat(fromWindow.get(s).valid()).isEqualTo(fromPlaylist.get(s).valid());
                double a = AudioDecoderTest.rms(fromWindow.get(s).samples());
                double b = AudioDecoderTest.rms(fromPlaylist.get(s).samples());
                assertThat(a).as("second %d", s).isCloseTo(b, org.assertj.core.data.Percentage.withPercentage(5));
            }
            assertThat(fromWindow.keySet().stream().filter(s -> !fromWindow.get(s).warmUp()))
                    .containsExactlyElementsOf(fromPlaylist.keySet().stream()
                            .filter(s -> !fromPlaylist.get(s).warmUp()).toList());
        }
    }

    @Test
    void theBurstsLandInTheirMediaSeconds() throws Exception {
        // The noise bursts are at 20-22 s: a window that starts at a fractional second puts them there too.
        MediaSpan live = new MediaSpan("http://example.com/live.m3u8", 18, 24, 1.5, window(16.5, 24));
        assertThat(live.originSec() % 1).isNotZero();
        Map<Long, AudioDecoderTest.Sec> secs = AudioDecoderTest.decode(live);
        assertThat(AudioDecoderTest.rms(secs.get(19L).samples())).isLessThan(0.03);
        assertThat(AudioDecoderTest.rms(secs.get(20L).samples())).isGreaterThan(0.1);
        assertThat(AudioDecoderTest.rms(secs.get(21L).samples())).isGreaterThan(0.1);
        assertThat(AudioDecoderTest.rms(secs.get(23L).samples())).isLessThan(0.03);
    }

    @Test
    void aLiveWindowDecodesTheSameVideoSamplesAsTheWholePlaylist() throws Exception {
        MediaSpan live = new MediaSpan("http://example.com/live.m3u8", 10, 14, 5, window(5, 14));
        List<VideoFrameDecoderTest.Sample> fromWindow = VideoFrameDecoderTest.decode(VideoDecodeOptions.defaults(),
                live, null).stream().filter(s -> !s.warmUp()).toList();
        List<VideoFrameDecoderTest.Sample> fromPlaylist = VideoFrameDecoderTest.decode(VideoDecodeOptions.defaults(),
                new MediaSpan(playlist.toString(), 10, 14, 5), null).stream().filter(s -> !s.warmUp()).toList();
        // The same frames, on a timeline that may differ from the whole playlist's by less than a frame (it starts
        // at the first video frame, the playlist's at its first packet of any stream).
        assertThat(fromWindow).hasSameSizeAs(fromPlaylist).hasSize(4 * 4);
        long offset = fromWindow.get(1).frameTimeUs() - fromPlaylist.get(1).frameTimeUs();
        assertThat(Math.abs(offset)).isLessThan(1_000_000 / 30);
        for (int i = 0; i < fromWindow.size(); i++) {
            VideoFrameDecoderTest.Sample w = fromWindow.get(i);
            VideoFrameDecoderTest.Sample p = fromPlaylist.get(i);
            assertThat(w.second() + "/" + w.slot()).isEqualTo(p.second() + "/" + p.slot());
            assertThat(Math.abs(w.frameTimeUs() - p.frameTimeUs())).as("sample %d", i).isLessThanOrEqualTo(34_000);
            if (w.frameTimeUs() - p.frameTimeUs() == offset) {
                assertThat(w.hash()).as("the same frame at sample %d", i).isEqualTo(p.hash());
            }
        }
    }

    @Test
    void theWindowIsACompletePlaylistOfTheSegments() {
        String text = LiveWindow.playlist(List.of(
                new MediaSpan.Piece("https://cdn.example.com/a/1.m4s", 4.5, 2.002, "https://cdn.example.com/a/init.mp4"),
                new MediaSpan.Piece("https://cdn.example.com/a/2.m4s", 6.502, 1.5, "https://cdn.example.com/a/init.mp4"),
                new MediaSpan.Piece("file:///media/3.ts", 8.002, 2, null)));
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:3
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-MAP:URI="https://cdn.example.com/a/init.mp4"
                #EXTINF:2.002000,
                https://cdn.example.com/a/1.m4s
                #EXTINF:1.500000,
                https://cdn.example.com/a/2.m4s
                #EXTINF:2.000000,
                /media/3.ts
                #EXT-X-ENDLIST
                """);
    }
}
