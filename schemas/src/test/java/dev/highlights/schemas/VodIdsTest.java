package dev.highlights.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VodIdsTest {

    @Test
    void derivedIdsAreStableAcrossReleases() {
        // Pinned: clients key records by the id ingest will derive, so it must never change.
        assertThat(VodIds.derive("cli", "file:///srv/media/finals.mp4", null)).isEqualTo("vod-e6c4b1dd5d1cb08f4ea2ae42");
        assertThat(VodIds.derive("somestreamer", "https://cdn.example.com/v.m3u8", "file:///srv/media/chat.json"))
                .isEqualTo("vod-64805f90898d158747e27db7");
        assertThat(VodIds.derive("chañnel", "file:///x.mp4", "")).isEqualTo("vod-d0e4386d3e817604ef5e189e");
        assertThat(VodIds.derive(" cli ", " file:///srv/media/finals.mp4", null)).isEqualTo(
                VodIds.derive("cli", "file:///srv/media/finals.mp4", ""));
    }

    @Test
    void idsAreShortPlainTokens() {
        assertThat(VodIds.isValid("vod-e6c4b1dd5d1cb08f4ea2ae42")).isTrue();
        assertThat(VodIds.isValid("finals:2026.12_a-b")).isTrue();
        assertThat(VodIds.isValid("a".repeat(128))).isTrue();
        assertThat(VodIds.isValid("a".repeat(129))).isFalse();
        assertThat(VodIds.isValid("-starts-with-hyphen")).isFalse();
        assertThat(VodIds.isValid("has space")).isFalse();
        assertThat(VodIds.isValid("../etc")).isFalse();
        assertThat(VodIds.isValid(null)).isFalse();
    }
}
