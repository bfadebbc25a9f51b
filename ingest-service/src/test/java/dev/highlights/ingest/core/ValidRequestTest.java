package dev.highlights.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.chatimport.ChatFormat;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import org.junit.jupiter.api.Test;

class ValidRequestTest {

    @Test
    void derivedIdsDependOnChannelMediaAndChatOnly() {
        ValidRequest a = ValidRequest.of(new VodRequest(null, " chan ", "T1", "file:///m/a.mp4", null, null, null, null));
        ValidRequest b = ValidRequest.of(new VodRequest(null, "chan", "T2", "file:///m/a.mp4", null, null, false, null));
        ValidRequest c = ValidRequest.of(new VodRequest(null, "chan", "T1", "file:///m/a.mp4", "file:///m/c.json", null, null, null));
        assertThat(a.id()).matches("vod-[0-9a-f]{24}").isEqualTo(b.id()).isNotEqualTo(c.id());
        assertThat(a.channel()).isEqualTo("chan");
        assertThat(a.differences("chan", "T1", "file:///m/a.mp4", null, null, false, null)).isEmpty();
        assertThat(b.differences("chan", "T1", "file:///m/a.mp4", null, null, false, null))
                .containsExactly("title (registered: T1, requested: T2)");
    }

    @Test
    void chatFormatNamesAreParsed() {
        ValidRequest r = ValidRequest.of(new VodRequest("x", "c", "t", "file:///a.mp4", "file:///c.log", "IRC", null, 5L));
        assertThat(r.chatFormat()).isEqualTo(ChatFormat.TWITCH_IRC);
        assertThat(r.chatFormatName()).isEqualTo("twitch-irc");
        assertThatThrownBy(() -> ValidRequest.of(new VodRequest("x", "c", "t", "file:///a.mp4", "file:///c", "xml", null, null)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNKNOWN_CHAT_FORMAT));
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> ValidRequest.of(new VodRequest("bad id!", null, null, null, "file:///c.log", "twitch-irc", true, -1L)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("id 'bad id!'", "channel is required", "title is required",
                            "mediaUri is required", "live VOD", "streamStartEpochMs must be >= 0");
                });
        assertThatThrownBy(() -> ValidRequest.of(new VodRequest(null, "c", "t", "file:///a.mp4", "file:///c.log", "twitch-irc", null, null)))
                .hasMessageContaining("needs streamStartEpochMs");
    }
}
