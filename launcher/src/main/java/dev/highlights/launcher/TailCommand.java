package dev.highlights.launcher;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./highlights tail}: a Kafka consumer of the public {@code highlights} topic printing highlights as they
 * arrive, usable against any broker and registry (the client options of {@code push}).
 * Per highlight id the highest revision wins: a lower or equal revision arriving later is not printed again, a
 * retracted one is printed as such. The end-of-VOD summary is printed as a ranked table; with {@code --vod} the
 * command then exits (0). Without {@code --vod} it follows every VOD until Ctrl-C (or {@code --timeout-seconds}).
 * No consumer group is used (nothing is committed): {@code --from-beginning} replays what the topic holds.
 */
@Command(name = "tail", description = "print highlights from the highlights topic as they arrive, then the summary")
public final class TailCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--vod", paramLabel = "ID", description = "follow this VOD and exit after its summary "
            + "(default: every VOD until Ctrl-C)")
    private String vod;

    @Option(names = "--from-beginning", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "replay what the topic holds (default: from now)")
    private boolean fromBeginning;

    @Option(names = "--timeout-seconds", paramLabel = "N", description = "stop after this long (default: never)")
    private Long timeoutSeconds;

    @Mixin
    private KafkaClientOptions client;

    @Override
    public Integer call() {
        PushCommand.quietKafkaLogs();
        if (timeoutSeconds != null && timeoutSeconds < 0) {
            throw new UsageException("--timeout-seconds takes a whole number >= 0, not " + timeoutSeconds);
        }
        Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        return tail(client.config(), vod, fromBeginning, timeout, cli.out());
    }

    static int tail(Map<String, Object> client, String vod, boolean fromBeginning, Duration timeout, PrintStream out) {
        Map<String, Object> c = new HashMap<>(client);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "highlights-tail");
        SpecificAvroDeserializer<HighlightEvent> values = new SpecificAvroDeserializer<>();
        values.configure(c, false);
        String topic = Topics.HIGHLIGHTS.name();
        Map<String, Map<String, Integer>> revisions = new HashMap<>();
        try (KafkaConsumer<String, HighlightEvent> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (info == null || info.isEmpty()) {
                out.println("highlights tail: topic " + topic + " does not exist on " + c.get("bootstrap.servers"));
                return 1;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            if (vod != null) {
                // Keys are VOD ids and producers use Kafka's default partitioner: one partition holds this VOD.
                partitions.add(new TopicPartition(topic, partitionOf(vod, info.size())));
            } else {
                info.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            out.println("following " + topic + (vod != null ? " for VOD " + vod : " (every VOD)")
                    + (fromBeginning ? " from the beginning" : " from now") + "; Ctrl-C to stop");
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Iterable<ConsumerRecord<String, HighlightEvent>> records;
                try {
                    records = consumer.poll(Duration.ofMillis(250));
                } catch (RecordDeserializationException e) {
                    out.println("skipped an unreadable record at " + e.topicPartition() + "@" + e.offset() + ": "
                            + e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                for (ConsumerRecord<String, HighlightEvent> r : records) {
                    if (r.value() == null || (vod != null && !vod.equals(r.key()))) {
                        continue;
                    }
                    if (print(r.value(), revisions.computeIfAbsent(r.value().getVodId(), k -> new HashMap<>()), out)
                            && vod != null) {
                        return 0;
                    }
                }
            }
            out.println("stopped after " + timeout.toSeconds() + " s" + (vod != null ? " without the summary of " + vod : ""));
            return 0;
        }
    }

    /**
     * Prints one event unless an equal or higher revision of the highlight was printed already.
     *
     * @return true when it was the summary
     */
    static boolean print(HighlightEvent event, Map<String, Integer> seen, PrintStream out) {
        Object payload = event.getPayload();
        if (payload instanceof Highlight h) {
            Integer before = seen.get(h.getHighlightId());
            if (before != null && before >= h.getRevision()) {
                return false;
            }
            seen.put(h.getHighlightId(), h.getRevision());
            if (h.getRetracted()) {
                out.printf(Locale.ROOT, "%s  retracted %s (r%d)%n", h.getVodId(), h.getHighlightId(), h.getRevision());
            } else {
                out.printf(Locale.ROOT, "%s  %s-%s%s (%.0f s)  score %.2f  %s r%d  %s%n", h.getVodId(),
                        Report.clock(h.getStartSec()), Report.clock(h.getEndSec()), h.getOpen() ? "+ running" : "",
                        h.getEndSec() - h.getStartSec(), h.getScore(), h.getHighlightId(), h.getRevision(),
                        h.getReason());
            }
            return false;
        }
        if (payload instanceof VodHighlightSummary s) {
            List<Report.Highlight> ranked = new ArrayList<>();
            int position = 0;
            for (Highlight h : s.getHighlights()) {
                position++;
                ranked.add(new Report.Highlight(h.getRank() == null ? position : h.getRank(), h.getHighlightId(),
                        h.getRevision(), h.getStartSec(), h.getEndSec(), h.getPeakSec(), h.getScore(),
                        h.getChatContribution(), h.getAudioContribution(), h.getVideoContribution(), h.getChatLagSec(),
                        h.getSnappedToSceneCut(), h.getReason()));
            }
            out.printf(Locale.ROOT, "%s  summary: %d highlights, ranked (%s)%n", s.getVodId(), ranked.size(),
                    s.getOrdering());
            out.print(Report.table(ranked));
            return true;
        }
        return false;
    }

    /** Kafka's default partitioner for a keyed record: murmur2 of the key bytes. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
