package dev.highlights.worker.loop;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many times each uncommitted work item of a partition was started. The counts travel in the metadata of the
 * group's committed offset ({@code attempts:<offset>=<n>,...}), so they outlive the worker that started the item: a
 * segment that crashes the JVM natively or gets it killed for memory is counted by whichever worker takes it next,
 * and after the limit it is reported instead of crashing workers forever.
 *
 * <p>Only attempts that ended abnormally should count: an item abandoned by a shutdown or a rebalance, or read
 * again after a failed publish, is {@link #forgive forgiven}. Used by the loop thread only.
 */
final class WorkItemAttempts {
    static final String PREFIX = "attempts:";

    private final Map<TopicPartition, TreeMap<Long, Integer>> started = new HashMap<>();

    /** Takes the counts a previous owner of the partition committed (unreadable metadata: none). */
    void restore(TopicPartition tp, OffsetAndMetadata committed) {
        started.put(tp, committed == null ? new TreeMap<>() : parse(committed.metadata()));
    }

    void forget(TopicPartition tp) {
        started.remove(tp);
    }

    /** Counts one more start of the item at {@code offset}; returns which attempt this is (1 for the first). */
    int begin(TopicPartition tp, long offset) {
        return started.computeIfAbsent(tp, k -> new TreeMap<>()).merge(offset, 1, Integer::sum);
    }

    /** Takes back the last start of the item: it did not end because of the item. */
    void forgive(TopicPartition tp, long offset) {
        TreeMap<Long, Integer> counts = started.get(tp);
        if (counts != null) {
            counts.computeIfPresent(offset, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    boolean hasAny(TopicPartition tp) {
        TreeMap<Long, Integer> counts = started.get(tp);
        return counts != null && !counts.isEmpty();
    }

    /** The commit of {@code nextOffset} for the partition, carrying the counts of the items not yet behind it. */
    OffsetAndMetadata commit(TopicPartition tp, long nextOffset) {
        TreeMap<Long, Integer> counts = started.computeIfAbsent(tp, k -> new TreeMap<>());
        counts.headMap(nextOffset).clear();
        return new OffsetAndMetadata(nextOffset, format(counts));
    }

    static String format(Map<Long, Integer> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(PREFIX);
        counts.forEach((offset, n) -> s.append(offset).append('=').append(n).append(','));
        s.setLength(s.length() - 1);
        return s.toString();
    }

    /** Reads {@link #format}'s text; anything else (another tool's metadata, damage) reads as no counts. */
    static TreeMap<Long, Integer> parse(String metadata) {
        TreeMap<Long, Integer> counts = new TreeMap<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return counts;
        }
        for (String entry : metadata.substring(PREFIX.length()).split(",")) {
            int eq = entry.indexOf('=');
            try {
                long offset = Long.parseLong(entry.substring(0, Math.max(0, eq)));
                int n = Integer.parseInt(entry.substring(eq + 1));
                if (offset >= 0 && n > 0) {
                    counts.put(offset, n);
                }
            } catch (NumberFormatException e) {
                // skip the entry: a count lost only delays giving up
            }
        }
        return counts;
    }
}
