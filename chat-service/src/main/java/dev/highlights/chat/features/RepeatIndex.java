package dev.highlights.chat.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers "was this message's normalised text already seen within the repeat window?" deterministically.
 *
 * <p>A message m repeats when another message with the same text key lies earlier in event order (offset, id) and
 * no more than {@code windowSeconds} whole seconds before m's second. Arrival order does not matter.
 *
 * <p>Open seconds (still accepting messages) keep every occurrence, since a late message may fall between two
 * others. Closed (final) seconds are all earlier than any open one, so for them only the last closed second per
 * text key is kept, and keys older than the window behind the oldest open second are dropped: memory is bounded
 * by the distinct texts of the last window plus the open seconds.
 */
public final class RepeatIndex {

    private final int windowSeconds;
    private final Map<Long, TreeSet<MessageFacts>> open = new HashMap<>();
    private final Map<Long, Long> closedLast = new HashMap<>();
    /** Closed keys grouped by their last second, for eviction; entries may be stale (checked against closedLast). */
    private final TreeMap<Long, List<Long>> closedBySecond = new TreeMap<>();

    public RepeatIndex(int windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    /** Registers a message of an open second. */
    public void addOpen(MessageFacts message) {
        open.computeIfAbsent(message.textHash(), h -> new TreeSet<>()).add(message);
    }

    public boolean isRepeat(MessageFacts message) {
        long from = message.second() - windowSeconds;
        Long last = closedLast.get(message.textHash());
        if (last != null && last >= from) {
            return true;
        }
        TreeSet<MessageFacts> occurrences = open.get(message.textHash());
        if (occurrences == null) {
            return false;
        }
        // The earliest occurrence inside the window; it repeats if that one is earlier than the message itself.
        MessageFacts first = occurrences.ceiling(new MessageFacts("", from, "", 0, 0, 0, 0, 0));
        return first != null && first.compareTo(message) < 0;
    }

    /** Seconds (ascending, distinct, at most {@code maxSecond}) of open messages after this one with the same text. */
    public List<Long> laterSecondsWithSameText(MessageFacts message, long maxSecond) {
        TreeSet<MessageFacts> occurrences = open.get(message.textHash());
        if (occurrences == null) {
            return List.of();
        }
        List<Long> seconds = new ArrayList<>();
        for (MessageFacts later : occurrences.tailSet(message, false)) {
            long s = later.second();
            if (s > maxSecond) {
                break;
            }
            if (seconds.isEmpty() || seconds.get(seconds.size() - 1) != s) {
                seconds.add(s);
            }
        }
        return seconds;
    }

    /** Moves a second that became final from the open to the closed part. */
    public void close(long second, Collection<MessageFacts> messages) {
        for (MessageFacts m : messages) {
            TreeSet<MessageFacts> occurrences = open.get(m.textHash());
            if (occurrences != null && occurrences.remove(m) && occurrences.isEmpty()) {
                open.remove(m.textHash());
            }
            recordClosed(m.textHash(), second);
        }
    }

    /** Forgets closed keys last seen before {@code second}. */
    public void evictClosedBefore(long second) {
        NavigableMap<Long, List<Long>> old = closedBySecond.headMap(second, false);
        for (Iterator<Map.Entry<Long, List<Long>>> it = old.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Long>> entry = it.next();
            for (Long hash : entry.getValue()) {
                if (entry.getKey().equals(closedLast.get(hash))) {
                    closedLast.remove(hash);
                }
            }
            it.remove();
        }
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    /** Closed part for snapshots: text key to last closed second. */
    Map<Long, Long> closedEntries() {
        return closedLast;
    }

    void recordClosed(long hash, long second) {
        Long previous = closedLast.get(hash);
        if (previous == null || previous < second) {
            closedLast.put(hash, second);
            closedBySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(hash);
        }
    }

    void clear() {
        open.clear();
        closedLast.clear();
        closedBySecond.clear();
    }

    int size() {
        return closedLast.size() + open.values().stream().mapToInt(TreeSet::size).sum();
    }
}
