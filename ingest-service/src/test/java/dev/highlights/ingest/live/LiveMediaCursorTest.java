package dev.highlights.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.ingest.media.HlsPlaylist;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LiveMediaCursorTest {
    private static final UnaryOperator<String> ABSOLUTE = uri -> "https://cdn.example.com/live/" + uri;

    /** A live playlist whose first segment has this sequence number; each segment lasts 2.5 s. */
    private static HlsPlaylist window(long firstSequence, int segments, boolean ended) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:")
                .append(firstSequence).append('\n');
        for (int i = 0; i < segments; i++) {
            text.append("#EXTINF:2.5,\n").append("s").append(firstSequence + i).append(".ts\n");
        }
        return HlsPlaylist.parse(text + (ended ? "#EXT-X-ENDLIST\n" : ""));
    }

    private static HlsPlaylist window(long firstSequence, int segments) {
        return window(firstSequence, segments, false);
    }

    private static List<Long> sequences(LiveMediaCursor.WorkItem item) {
        return item.parts().stream().map(LiveMediaCursor.Part::sequence).toList();
    }

    @Test
    void aSlidingWindowBecomesWorkItemsOfWholeSecondsThatNeitherOverlapNorLeaveHoles() {
        LiveMediaCursor cursor = new LiveMediaCursor(5, p -> 100.2);
        List<LiveMediaCursor.WorkItem> items = new ArrayList<>();
        items.addAll(cursor.advance(window(40, 3), ABSOLUTE).items()); // 100.2 .. 107.7
        assertThat(cursor.advance(window(40, 3), ABSOLUTE).isEmpty()).isTrue(); // unchanged: nothing new
        items.addAll(cursor.advance(window(41, 3), ABSOLUTE).items()); // s43: .. 110.2
        items.addAll(cursor.advance(window(43, 3), ABSOLUTE).items()); // s44, s45: .. 115.2
        items.addAll(cursor.advance(window(44, 3), ABSOLUTE).items()); // s46: .. 117.7
        items.addAll(cursor.advance(window(45, 3), ABSOLUTE).items()); // s47: .. 120.2
        items.addAll(cursor.advance(window(46, 3), ABSOLUTE).items()); // s48: .. 122.7
        items.addAll(cursor.advance(window(47, 2), ABSOLUTE).items()); // shrinking window, s48 seen: nothing new
        items.addAll(cursor.advance(window(47, 3, true), ABSOLUTE).items()); // s49 and the end: .. 125.2

        assertThat(items).extracting(LiveMediaCursor.WorkItem::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(items).extracting(i -> i.startSec() + "-" + i.endSec())
                .containsExactly("100.2-107.0", "107.0-110.0", "110.0-115.0", "115.0-117.0", "117.0-120.0",
                        "120.0-122.0", "122.0-125.2");
        assertThat(items).extracting(LiveMediaCursor.WorkItem::last)
                .containsExactly(false, false, false, false, false, false, true);
        assertThat(cursor.isFinished()).isTrue();
        // Each names the segments of its seconds and of the 5 s before them (as far as they exist).
        assertThat(sequences(items.get(0))).containsExactly(40L, 41L, 42L);
        assertThat(items.get(0).preRollSec()).isZero();
        assertThat(sequences(items.get(1))).containsExactly(40L, 41L, 42L, 43L);
        assertThat(items.get(1).preRollSec()).isEqualTo(5);
        assertThat(sequences(items.get(2))).containsExactly(41L, 42L, 43L, 44L, 45L);
        assertThat(sequences(items.get(6))).containsExactly(46L, 47L, 48L, 49L);
        LiveMediaCursor.Part s49 = items.get(6).parts().get(3);
        assertThat(s49.uri()).isEqualTo("https://cdn.example.com/live/s49.ts");
        assertThat(s49.startSec()).isCloseTo(122.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cursor.advance(window(48, 3, true), ABSOLUTE).isEmpty()).isTrue();
    }

    @Test
    void anEventPlaylistThatOnlyGrowsGivesTheSameItemsAsASlidingOne() {
        // #EXT-X-PLAYLIST-TYPE:EVENT: segments are appended and never removed, the media sequence stays put.
        LiveMediaCursor event = new LiveMediaCursor(5, p -> 0);
        LiveMediaCursor sliding = new LiveMediaCursor(5, p -> 0);
        List<String> fromEvent = new ArrayList<>();
        List<String> fromSliding = new ArrayList<>();
        for (int n = 2; n <= 8; n++) {
            HlsPlaylist growing = HlsPlaylist.parse(eventPlaylist(n, n == 8));
            event.advance(growing, ABSOLUTE).items().forEach(i -> fromEvent.add(i.startSec() + "-" + i.endSec()
                    + " " + sequences(i)));
            sliding.advance(window(Math.max(0, n - 3), Math.min(n, 3), n == 8), ABSOLUTE).items()
                    .forEach(i -> fromSliding.add(i.startSec() + "-" + i.endSec() + " " + sequences(i)));
        }
        assertThat(event.isFinished()).isTrue();
        assertThat(fromEvent).isEqualTo(fromSliding).last().isEqualTo("17.0-20.0 [4, 5, 6, 7]");
    }

    private static String eventPlaylist(int segments, boolean ended) {
        StringBuilder text = new StringBuilder(
                "#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:0\n");
        for (int i = 0; i < segments; i++) {
            text.append("#EXTINF:2.5,\n").append("s").append(i).append(".ts\n");
        }
        return text + (ended ? "#EXT-X-ENDLIST\n" : "");
    }

    @Test
    void segmentsThatLeftThePlaylistUnseenAreAGapAndTheTimeGoesOn() {
        LiveMediaCursor cursor = new LiveMediaCursor(5, p -> 0);
        cursor.advance(window(0, 2), ABSOLUTE); // 0 .. 5
        LiveMediaCursor.Update update = cursor.advance(window(5, 2), ABSOLUTE); // s2..s4 never seen
        assertThat(update.gaps()).containsExactly(new LiveMediaCursor.Gap(2, 3, 5.0, 9.0));
        // What was left before the gap is owned up to it; after it, s5 and s6 start at 14.
        assertThat(update.items()).extracting(i -> i.startSec() + "-" + i.endSec() + " " + sequences(i))
                .containsExactly("4.0-5.0 [0, 1]", "14.0-18.0 [5, 6]");
        assertThat(update.items().get(1).preRollSec()).isZero();
    }

    @Test
    void anOlderCopyOfThePlaylistChangesNothing() {
        LiveMediaCursor cursor = new LiveMediaCursor(5, p -> 0);
        cursor.advance(window(10, 3), ABSOLUTE);
        assertThat(cursor.advance(window(5, 3), ABSOLUTE).isEmpty()).isTrue();
        assertThat(cursor.advance(window(11, 3), ABSOLUTE).items()).extracting(LiveMediaCursor.WorkItem::startSec)
                .containsExactly(7.0);
    }

    @Test
    void finishingGivesTheRestToAFinalItemOnceAndNothingWithoutMedia() {
        LiveMediaCursor cursor = new LiveMediaCursor(5, p -> 0);
        cursor.advance(window(0, 2), ABSOLUTE);
        LiveMediaCursor.Update end = cursor.finish();
        assertThat(end.items()).singleElement().satisfies(i -> {
            assertThat(i.startSec()).isEqualTo(4.0);
            assertThat(i.endSec()).isEqualTo(5.0);
            assertThat(i.last()).isTrue();
            assertThat(i.index()).isEqualTo(1);
        });
        assertThat(cursor.finish().isEmpty()).isTrue();
        assertThat(cursor.advance(window(1, 3), ABSOLUTE).isEmpty()).isTrue();
        assertThat(new LiveMediaCursor(5, p -> 0).finish().isEmpty()).isTrue();
    }

    @Test
    void aCursorRestoredFromItsStateGoesOnAsTheOriginalWould() {
        LiveMediaCursor original = new LiveMediaCursor(5, p -> 100.2);
        original.advance(window(40, 3), ABSOLUTE);
        original.advance(window(41, 3), ABSOLUTE);
        LiveMediaCursor restored = LiveMediaCursor.fromState(
                original.toState("v", "https://cdn.example.com/live/index.m3u8", 1L), 5, p -> 0);
        assertThat(restored.toState("v", "https://cdn.example.com/live/index.m3u8", 1L))
                .isEqualTo(original.toState("v", "https://cdn.example.com/live/index.m3u8", 1L));
        assertThat(restored.advance(window(43, 3), ABSOLUTE)).isEqualTo(original.advance(window(43, 3), ABSOLUTE));
        assertThat(restored.finish()).isEqualTo(original.finish());
    }
}
