package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.RankOrdering;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tail}: highlights of one VOD as they arrive, highest revision winning, until the summary. */
@ExtendWith(LocalStackExtension.class)
class TailCommandTest {

    @Test
    void printsEachHighlightOncePerHigherRevisionThenTheSummaryAndExits(LocalStack stack) throws Exception {
        String vod = "tail-" + UUID.randomUUID().toString().substring(0, 8);
        Highlight a1 = highlight(vod, "h-a", 1, 60, 75, "chat HIGH");
        Highlight a2 = highlight(vod, "h-a", 2, 58, 80, "chat EXCEPTIONAL");
        Highlight b1 = highlight(vod, "h-b", 1, 200, 215, "chat HIGH, audio +2.1 sd");
        Highlight gone = highlight(vod, "h-c", 1, 300, 311, "short");
        Highlight goneRetracted = highlight(vod, "h-c", 2, 300, 311, "short");
        goneRetracted.setRetracted(true);
        try (KafkaProducer<String, HighlightEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (Highlight h : List.of(a1, a2, b1, a1, gone, goneRetracted)) {
                producer.send(new ProducerRecord<>(Topics.HIGHLIGHTS.name(), vod, event(h)));
            }
            producer.send(new ProducerRecord<>(Topics.HIGHLIGHTS.name(), "other-vod",
                    event(highlight("other-vod", "h-x", 1, 1, 20, "someone else's"))));
            Highlight ra = highlight(vod, "h-a", 2, 58, 80, "chat EXCEPTIONAL");
            ra.setRank(1);
            Highlight rb = highlight(vod, "h-b", 1, 200, 215, "chat HIGH, audio +2.1 sd");
            rb.setRank(2);
            producer.send(new ProducerRecord<>(Topics.HIGHLIGHTS.name(), vod, HighlightEvent.newBuilder().setVodId(vod)
                    .setPayload(VodHighlightSummary.newBuilder().setVodId(vod)
                            .setOrdering(RankOrdering.DURATION_THEN_MEAN_SCORE).setHighlights(new ArrayList<>(List.of(ra, rb)))
                            .setDurationSec(400.0).setCompletedAtMs(1L).build()).build())).get();
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long started = System.nanoTime();
        assertThat(tail(text, "--vod", vod, "--from-beginning", "--timeout-seconds", "30", "--bootstrap-servers",
                stack.bootstrapServers(), "--schema-registry", stack.schemaRegistryUrl())).isZero();
        assertThat(System.nanoTime() - started).as("exits at the summary, not at the timeout").isLessThan(20_000_000_000L);
        String printed = text.toString(StandardCharsets.UTF_8);
        List<String> lines = printed.lines().toList();
        assertThat(lines.get(0)).contains("following highlights for VOD " + vod);
        assertThat(lines.subList(1, 6)).satisfiesExactly(
                l -> assertThat(l).contains("01:00-01:15", "h-a r1", "chat HIGH"),
                l -> assertThat(l).contains("00:58-01:20", "h-a r2", "chat EXCEPTIONAL"),
                l -> assertThat(l).contains("03:20-03:35", "h-b r1"),
                l -> assertThat(l).contains("05:00-05:11", "h-c r1"),
                l -> assertThat(l).contains("retracted h-c (r2)"));
        assertThat(lines.get(6)).contains(vod + "  summary: 2 highlights, ranked");
        assertThat(printed).contains("   1  00:58-01:20", "   2  03:20-03:35").doesNotContain("someone else's");

        assertThat(tail(new ByteArrayOutputStream(), "--timeout-seconds", "soon")).isEqualTo(2);
    }

    /** {@code ./highlights tail ARGS} printing into {@code out}. */
    private static int tail(ByteArrayOutputStream out, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "tail";
        System.arraycopy(args, 0, command, 1, args.length);
        return new HighlightsCli(Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8), false).execute(command);
    }

    private static Highlight highlight(String vod, String id, int revision, double start, double end, String reason) {
        return Highlight.newBuilder().setHighlightId(id).setVodId(vod).setRevision(revision).setStartSec(start)
                .setEndSec(end).setPeakSec(start + 2).setScore(1.5).setPeakScore(3.0).setChatContribution(1.2)
                .setAudioContribution(0.2).setVideoContribution(0.1).setChatLagSec(0.0).setSnappedToSceneCut(false)
                .setReason(reason).setRetracted(false).setRank(null).build();
    }

    private static HighlightEvent event(Highlight h) {
        return HighlightEvent.newBuilder().setVodId(h.getVodId()).setPayload(h).build();
    }
}
