package dev.highlights.samples;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated sample on disk.
 *
 * @param directory    where the three files are
 * @param video        {@code sample.mp4}: H.264 + AAC
 * @param chat         {@code sample-chat.json}: TwitchDownloader format
 * @param truth        {@code sample-truth.json}: the spec and planted moments
 * @param spec         what was generated
 * @param messages     chat messages written
 * @param generated    false when existing files matching the spec were reused
 * @param elapsedMillis time spent generating (0 when reused)
 */
public record SampleVodFiles(Path directory, Path video, Path chat, Path truth, SampleSpec spec, int messages,
                             boolean generated, long elapsedMillis) {

    /** The planted moments (see {@link SampleSpec#moments()}). */
    public List<PlantedMoment> moments() {
        return spec.moments();
    }
}
