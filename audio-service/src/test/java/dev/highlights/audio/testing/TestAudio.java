package dev.highlights.audio.testing;

import dev.highlights.avro.MediaSegment;
import dev.highlights.worker.testing.WorkerTestKit;
import java.nio.file.Path;

/**
 * Work items for the audio tests; the media itself comes from worker-core's
 * {@link dev.highlights.worker.testing.TestMedia}.
 */
public final class TestAudio {
    private TestAudio() {
    }

    /** A work item of VOD {@code vod-1} without a segment count. */
    public static MediaSegment segment(Path media, int index, double start, double end, double preRoll) {
        return WorkerTestKit.segment("vod-1", index, null, media.toString(), start, end, preRoll);
    }
}
