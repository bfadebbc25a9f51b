package dev.highlights.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.samples.SampleChat;
import dev.highlights.samples.SampleSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of {@code ./highlights bench}: /proc parsing, floor slicing, chat scaling, table formatting. */
class BenchPureTest {

    @Test
    void parsesCpuTicksCountingFieldsFromTheLastParenthesis() {
        // comm may hold spaces and parentheses: "(java) (x)"
        String stat = "4242 (java) (x)) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 7 8 20 0 42 0 99 123456 789";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(1750);
        assertThat(ProcStats.parseChildCpuTicks(stat)).isEqualTo(15);
        assertThatThrownBy(() -> ProcStats.parseCpuTicks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesVmHwmAndVmRssFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  412345 kB\nVmRSS:\t  300000 kB\nThreads:\t42\n";
        assertThat(ProcStats.parseStatusKb(status, "VmHWM")).isEqualTo(412345);
        assertThat(ProcStats.parseStatusKb(status, "VmRSS")).isEqualTo(300000);
        assertThat(ProcStats.parseStatusKb(status, "VmSwap")).isEqualTo(-1);
        assertThat(new ProcStats(250, 2048, 1024).cpuSeconds()).isEqualTo(2.5);
        assertThat(new ProcStats(250, 2048, 1024).peakRssMb()).isEqualTo(2.0);
    }

    @Test
    void readsThisProcess() {
        ProcStats self = ProcStats.read(ProcessHandle.current().pid());
        assertThat(self).isNotNull();
        assertThat(self.peakRssKb()).isPositive();
        assertThat(ProcStats.read(Long.MAX_VALUE)).isNull();
    }

    @Test
    void slicesCoverTheMediaWithThePaddedLastSlice() {
        List<Floors.Slice> slices = Floors.slices(3600, 2);
        assertThat(slices).containsExactly(new Floors.Slice(0, 1800), new Floors.Slice(1800, 1801));
        assertThat(Floors.slices(10, 1)).containsExactly(new Floors.Slice(0, 11));
        assertThat(Floors.slices(90, 3)).extracting(Floors.Slice::startSec).containsExactly(0.0, 30.0, 60.0);
        assertThatThrownBy(() -> Floors.slices(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Floors.slices(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floorCommandsAreSingleThreadedSlicesAndTheAudioResample() {
        assertThat(Floors.videoSliceCommand(Path.of("/m/v.mp4"), new Floors.Slice(1800, 1801.5)))
                .containsSubsequence("-threads", "1", "-an", "-ss", "1800.000", "-t", "1801.500", "-i", "/m/v.mp4",
                        "-f", "null", "-");
        assertThat(Floors.audioCommand(Path.of("/m/v.mp4")))
                .containsSubsequence("-vn", "-i", "/m/v.mp4", "-ac", "1", "-ar", "16000", "-f", "s16le", "-");
    }

    @Test
    void scaledChatKeepsEveryCopyInsideItsSecond() {
        SampleSpec spec = SampleSpec.standard(120);
        List<SampleChat.Comment> base = SampleChat.comments(spec);
        int k = BenchSample.factor(base.size(), base.size() * 4L - 1);
        assertThat(k).isEqualTo(4);
        List<SampleChat.Comment> scaled = BenchSample.scaledChat(spec, base.size() * 4L);
        assertThat(scaled).hasSize(base.size() * 4);
        assertThat(SampleChat.perSecondCounts(scaled, 120))
                .containsExactly(java.util.Arrays.stream(SampleChat.perSecondCounts(base, 120)).map(c -> c * 4).toArray());
        assertThat(scaled).extracting(SampleChat.Comment::id).doesNotHaveDuplicates();
        assertThat(scaled).isSortedAccordingTo(java.util.Comparator.comparingDouble(SampleChat.Comment::offsetSec));
        assertThat(BenchSample.factor(1000, 10)).isEqualTo(1);
    }

    @Test
    void rendersAnAlignedMarkdownTable() {
        String table = new MarkdownTable("figure", "value", "ratio")
                .row("video | floor", "21.5 s", MarkdownTable.ratio(1.0))
                .row("end to end", "25.8 s", MarkdownTable.ratio(25.8 / 21.5))
                .render();
        assertThat(table).isEqualTo("""
                | figure         |  value | ratio |
                | -------------- | -----: | ----: |
                | video \\| floor | 21.5 s | 1.00x |
                | end to end     | 25.8 s | 1.20x |
                """);
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stagesAloneAreComparedWithTheirOwnFloors() {
        Floors.Measured videoFloor = new Floors.Measured(10, 20);
        BenchReport.FloorSet floors = new BenchReport.FloorSet(600, 2, videoFloor, videoFloor, new Floors.Measured(1, 1),
                "0", "0");
        List<StageAlone.Run> alone = List.of(
                new StageAlone.Run("VIDEO", "video", "video only", "v1", 12, 2, java.util.Map.of("video", 22.0, "broker", 1.0), null),
                new StageAlone.Run("AUDIO", "audio", "audio only", "a1", 0.9, 2, java.util.Map.of("audio", 1.5),
                        new Floors.Measured(0.6, 0.5)),
                new StageAlone.Run("CHAT", "chat", "chat", "c1", 2, 100_000, java.util.Map.of("chat", 0.4), null));
        PipelineBench.Result run = new PipelineBench.Result(600, "vod", 20, 30, 0, java.util.Map.of(), List.of(), 100_000,
                19_500_000, new Floors.BrokerFloor(100_000, 195, 1, 1), 4, null, List.of(), null, null, alone, java.util.Map.of());

        String md = BenchReport.stagesAlone(new BenchReport.Sample(600, 100_000, BenchSample.Encode.stream, floors, run));

        assertThat(md).contains("| video (v1) ").contains("| 1.20x |").contains("<= 1.30x (met); CPU 1.10x")
                .contains(" 22.0 |").contains(" 23.0 |");
        assertThat(md).contains("0.60 s; CPU 0.50 s, this input").contains("| 1.50x |").contains("<= 1.50x (met)")
                .contains("400x real time per CPU s, >= 300x (met)");
        assertThat(md).contains("50,000 msg/s").contains("2.00 s (broker round trip)")
                .contains("250,000 msg per chat-service CPU s (whole JVM), >= 200,000 per core (met)");
        assertThat(BenchReport.stagesAlone(new BenchReport.Sample(600, 1, BenchSample.Encode.stream, floors, new PipelineBench.Result(600, "vod", 20,
                30, 0, java.util.Map.of(), List.of(), 1, 1, null, 0, null, List.of(), null, null, List.of(), java.util.Map.of()))))
                .isEmpty();
    }

    @Test
    void cpuBetweenSnapshotsLeavesOutProcessesThatAreGone() {
        java.util.Map<String, ProcStats> before = java.util.Map.of("a", new ProcStats(100, 0, 0), "b", new ProcStats(50, 0, 0));
        java.util.Map<String, ProcStats> after = java.util.Map.of("a", new ProcStats(350, 0, 0));

        assertThat(ProcStats.cpuSecondsBetween(before, after)).containsExactly(java.util.Map.entry("a", 2.5));
        assertThat(ProcStats.readAll(java.util.Map.of("self", ProcessHandle.current().pid(), "gone", Long.MAX_VALUE)))
                .containsOnlyKeys("self");
    }

    @Test
    void memoryTraceMaximaArePerFractionOfTheRun() {
        List<MemoryTrace.Point> trace = List.of(new MemoryTrace.Point(0, 100 * 1024), new MemoryTrace.Point(900, 300 * 1024),
                new MemoryTrace.Point(3000, 200 * 1024), new MemoryTrace.Point(6000, 250 * 1024));

        assertThat(MemoryTrace.maxMb(trace, 0, 1 / 6.0)).isEqualTo(300.0);
        assertThat(MemoryTrace.maxMb(trace, 1 / 6.0, 1)).isEqualTo(250.0);
        assertThat(MemoryTrace.maxMb(trace, 0, 1)).isEqualTo(300.0);
        assertThat(MemoryTrace.maxMb(List.of(), 0, 1)).isNaN();
    }

    @Test
    void formatsNumbersRatiosAndGoals() {
        assertThat(MarkdownTable.num(1234.56)).isEqualTo("1,235");
        assertThat(MarkdownTable.num(12.34)).isEqualTo("12.3");
        assertThat(MarkdownTable.num(1.234)).isEqualTo("1.23");
        assertThat(MarkdownTable.num(Double.NaN)).isEqualTo("-");
        assertThat(MarkdownTable.ratio(Double.POSITIVE_INFINITY)).isEqualTo("-");
        assertThat(BenchReport.goal(1.2, 1.5, "<= 1.50x")).isEqualTo("<= 1.50x (met)");
        assertThat(BenchReport.goal(3.0, 1.5, "<= 1.50x")).isEqualTo("<= 1.50x (missed by 100%)");
        assertThat(BenchReport.atLeast(150, 300, ">= 300x")).isEqualTo(">= 300x (missed: 50.0% of it)");
        assertThat(BenchReport.atLeast(301, 300, ">= 300x")).isEqualTo(">= 300x (met)");
        assertThat(BenchReport.label(600)).isEqualTo("10-minute");
        assertThat(BenchReport.label(90)).isEqualTo("90-second");
    }

    @Test
    void parsesTheLiveHeapFromGcHeapInfo() {
        String g1 = "4242:\n garbage-first heap   total 262144K, used 123456K [0x00000000d0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n Metaspace       used 61234K, committed 61888K\n";
        assertThat(PipelineBench.parseHeapUsedKb(g1)).isEqualTo(123456);
        assertThatThrownBy(() -> PipelineBench.parseHeapUsedKb("no heap here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanSegmentsInFlightIsBusyTimeOverTheSpan() {
        List<PipelineBench.SegmentTiming> segments = List.of(
                new PipelineBench.SegmentTiming("VIDEO", 0, 1000, 3000),
                new PipelineBench.SegmentTiming("VIDEO", 1, 1000, 3000),
                new PipelineBench.SegmentTiming("VIDEO", 2, 3000, 5000),
                new PipelineBench.SegmentTiming("AUDIO", 0, 1000, 1500),
                new PipelineBench.SegmentTiming("AUDIO", 1, 0, 1500)); // never started: left out
        assertThat(PipelineBench.meanInFlight(segments, "VIDEO")).isEqualTo(1.5);
        assertThat(PipelineBench.meanInFlight(segments, "AUDIO")).isEqualTo(1.0);
        assertThat(PipelineBench.meanInFlight(segments, "FUSION")).isNaN();
    }

    @Test
    void jfrAreasNameTheLibrary() {
        assertThat(JfrSummary.areaOf("org.bytedeco.ffmpeg.global.avcodec")).startsWith("FFmpeg");
        assertThat(JfrSummary.areaOf("dev.highlights.video.features.PixelMath")).isEqualTo("project code (dev.highlights.video.features)");
        assertThat(JfrSummary.areaOf("org.apache.kafka.streams.processor.internals.StreamTask")).startsWith("Kafka");
        assertThat(JfrSummary.areaOf("com.fasterxml.jackson.core.JsonParser")).isEqualTo("other (com.fasterxml)");
    }
}
