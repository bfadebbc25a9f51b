package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Badge;
import dev.highlights.avro.Emote;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void ircTagUnescaping() {
        assertThat(IrcTags.unescape("plain")).isEqualTo("plain");
        assertThat(IrcTags.unescape("a\\sb\\:c\\\\d\\re\\nf")).isEqualTo("a b;c\\d\re\nf");
        assertThat(IrcTags.unescape("unknown\\xescape")).isEqualTo("unknownxescape");
        assertThat(IrcTags.unescape("trailing\\")).isEqualTo("trailing");
        assertThat(IrcTags.unescape("xx\\syy", 2, 6)).isEqualTo(" yy");
    }

    @Test
    void actionFraming() {
        assertThat(IrcTags.stripAction("\u0001ACTION waves\u0001")).isEqualTo("waves");
        assertThat(IrcTags.stripAction("\u0001ACTION waves")).isEqualTo("waves");
        assertThat(IrcTags.stripAction("\u0001ACTION\u0001")).isEmpty();
    }

    @Test
    void codePointsToUtf16() {
        String text = "a\uD83D\uDE00b\uD83D\uDE00cd";
        boolean s = TextPositions.hasSurrogates(text);
        assertThat(s).isTrue();
        assertThat(TextPositions.utf16Index(text, 0, s)).isZero();
        assertThat(TextPositions.utf16Index(text, 2, s)).isEqualTo(3);
        assertThat(TextPositions.utf16Index(text, 4, s)).isEqualTo(6);
        assertThat(TextPositions.utf16Index(text, 6, s)).isEqualTo(8); // the end
        assertThat(TextPositions.utf16Index(text, 7, s)).isEqualTo(-1);
        // An emote that is itself a supplementary character ends on its low surrogate.
        assertThat(TextPositions.fromCodePoints(text, "x", null, 1, 1, s)).isEqualTo(new Emote("x", "\uD83D\uDE00", 1, 2));
        assertThat(TextPositions.fromCodePoints(text, "x", null, 4, 5, s)).isEqualTo(new Emote("x", "cd", 6, 7));
        assertThat(TextPositions.fromCodePoints(text, "x", null, 5, 6, s)).isNull();
        assertThat(TextPositions.fromCodePoints("abc", "x", null, 2, 1, false)).isNull();
        assertThat(TextPositions.fromRangeText("Kappa", "25", null, "0-4", 0, 3, false))
                .isEqualTo(new Emote("25", "Kappa", 0, 4));
        assertThat(TextPositions.fromRangeText("Kappa", "25", null, "0-x", 0, 3, false)).isNull();
        assertThat(TextPositions.fromRangeText("Kappa", "25", null, "04", 0, 2, false)).isNull();
    }

    @Test
    void ircEmoteAndBadgeTags() {
        assertThat(TwitchIrcImporter.emotes("Kappa Keepo Kappa", "25:0-4,12-16/1902:6-10")).containsExactly(
                new Emote("25", "Kappa", 0, 4), new Emote("1902", "Keepo", 6, 10), new Emote("25", "Kappa", 12, 16));
        assertThat(TwitchIrcImporter.emotes("Kappa", "garbage/25:0-4,9-9,x-y/:1-2")).containsExactly(
                new Emote("25", "Kappa", 0, 4));
        assertThat(TwitchIrcImporter.emotes("emotesv2_abc", "emotesv2_e3b0c44298fc1c149afbf4c8996fb924:0-11"))
                .singleElement().extracting(Emote::getId).isEqualTo("emotesv2_e3b0c44298fc1c149afbf4c8996fb924");
        assertThat(TwitchIrcImporter.badges("subscriber/12,premium/1,,noversion,vip/")).containsExactly(
                new Badge("subscriber", "12"), new Badge("premium", "1"), new Badge("noversion", "1"),
                new Badge("vip", "1"));
    }

    @Test
    void isoTimes() {
        ZoneId utc = ZoneOffset.UTC;
        assertThat(IsoTimes.parseEpochMs("2024-01-01T12:00:05.1234567Z", utc))
                .isEqualTo(Instant.parse("2024-01-01T12:00:05.123Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2019-05-09T21:10:37.36Z", utc))
                .isEqualTo(Instant.parse("2019-05-09T21:10:37.360Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2024-01-01T14:00:00+02:00", utc))
                .isEqualTo(Instant.parse("2024-01-01T12:00:00Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2024-01-01T07:00:00-0500", utc))
                .isEqualTo(Instant.parse("2024-01-01T12:00:00Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2024-01-01 12:00:00", utc))
                .isEqualTo(Instant.parse("2024-01-01T12:00:00Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2024-07-01 14:00:00", ZoneId.of("Europe/Paris")))
                .isEqualTo(Instant.parse("2024-07-01T12:00:00Z").toEpochMilli());
        assertThat(IsoTimes.parseEpochMs("2024-02-30T00:00:00Z", utc)).isNull();
        assertThat(IsoTimes.parseEpochMs("yesterday", utc)).isNull();
        assertThat(IsoTimes.parseEpochMs(null, utc)).isNull();
    }
}
