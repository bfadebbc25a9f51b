package dev.highlights.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HlsPlaylistTest {

    @Test
    void mediaPlaylist() {
        HlsPlaylist p = HlsPlaylist.parse("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:6
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:6.006,
                seg0.m4s
                #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/k1"
                #EXTINF:5.5,title
                seg1.m4s
                #EXT-X-ENDLIST
                """);
        assertThat(p.isMaster()).isFalse();
        assertThat(p.ended()).isTrue();
        assertThat(p.items()).extracting(HlsPlaylist.Item::uri).containsExactly("seg0.m4s", "seg1.m4s");
        assertThat(p.durationSec()).isEqualTo(11.506);
        assertThat(p.otherUris()).containsExactly("init.mp4", "https://keys.example.com/k1");
        assertThat(p.targetDuration()).isEqualTo(6.0);
    }

    @Test
    void aLivePlaylistsSequenceDatesAndInitialisationSections() {
        HlsPlaylist p = HlsPlaylist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:1207
                #EXT-X-PROGRAM-DATE-TIME:2026-12-07T10:00:00.500+0000
                #EXTINF:2.000,
                a.ts
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:2.002,
                b.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-07T10:00:04.502Z
                #EXTINF:2.000,
                c.m4s
                """);
        assertThat(p.mediaSequence()).isEqualTo(1207);
        assertThat(p.items()).containsExactly(
                new HlsPlaylist.Item("a.ts", 2.0, null, 1_796_637_600_500L),
                new HlsPlaylist.Item("b.m4s", 2.002, "init.mp4", null),
                new HlsPlaylist.Item("c.m4s", 2.0, "init.mp4", 1_796_637_604_502L));
        assertThat(HlsPlaylist.parse("#EXTM3U\n#EXTINF:2,\na.ts\n").mediaSequence()).isZero();
    }

    @Test
    void livePlaylistHasNoEndList() {
        HlsPlaylist p = HlsPlaylist.parse("#EXTM3U\r\n#EXTINF:2,\r\na.ts\r\n#EXTINF:2,\r\nb.ts\r\n");
        assertThat(p.ended()).isFalse();
        assertThat(p.items()).hasSize(2);
        assertThat(HlsPlaylist.parse("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:2,\na.ts\n").ended()).isTrue();
    }

    @Test
    void masterPlaylistPrefersTheHighestBandwidth() {
        HlsPlaylist p = HlsPlaylist.parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360
                low/index.m3u8
                #EXT-X-STREAM-INF:RESOLUTION=1920x1080,BANDWIDTH=5000000
                high/index.m3u8
                """);
        assertThat(p.isMaster()).isTrue();
        assertThat(p.preferredVariant()).get().extracting(HlsPlaylist.Variant::uri).isEqualTo("high/index.m3u8");
    }

    @Test
    void notAPlaylist() {
        assertThatThrownBy(() -> HlsPlaylist.parse("hello")).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> HlsPlaylist.parse("#EXTM3U\n#EXTINF:abc,\nx.ts\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> HlsPlaylist.parse("#EXTM3U\nstray.ts\n")).hasMessageContaining("stray.ts");
        assertThat(HlsPlaylist.looksLikePlaylist("\uFEFF  #EXTM3U\n".getBytes(), 12)).isTrue();
    }
}
