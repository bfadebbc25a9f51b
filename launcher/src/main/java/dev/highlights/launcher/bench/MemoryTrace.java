package dev.highlights.launcher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each process's resident memory ({@code VmRSS}) sampled every {@link #PERIOD_MS} ms while a VOD runs, on a daemon
 * thread: whether memory keeps growing as the VOD goes on, within one run (the short and long samples compare
 * peaks across two runs, which also differ in what native memory the decoders happened to map).
 */
final class MemoryTrace implements AutoCloseable {
    static final long PERIOD_MS = 2000;

    /** One sample: milliseconds since the trace started, VmRSS in kB. */
    record Point(long atMs, long rssKb) {
    }

    private final Map<String, Long> pids;
    private final Map<String, List<Point>> points = new LinkedHashMap<>();
    private final long startMs = System.currentTimeMillis();
    private final Thread thread;
    private volatile boolean running = true;

    private MemoryTrace(Map<String, Long> pids) {
        this.pids = pids;
        pids.keySet().forEach(name -> points.put(name, new ArrayList<>()));
        this.thread = new Thread(this::loop, "bench-memory-trace");
        this.thread.setDaemon(true);
    }

    static MemoryTrace start(Map<String, Long> pids) {
        MemoryTrace trace = new MemoryTrace(pids);
        trace.sample();
        trace.thread.start();
        return trace;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        long at = System.currentTimeMillis() - startMs;
        pids.forEach((name, pid) -> {
            ProcStats s = ProcStats.read(pid);
            if (s != null) {
                points.get(name).add(new Point(at, s.rssKb()));
            }
        });
    }

    /** Stops sampling after one last sample; the trace per process, in time order. */
    synchronized Map<String, List<Point>> stop() {
        running = false;
        thread.interrupt();
        sample();
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        points.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return copy;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /**
     * The largest VmRSS, MB, among the samples taken in {@code [from, to)} of the trace's span (fractions 0..1 of the
     * time from its first to its last sample); NaN without samples there.
     */
    static double maxMb(List<Point> trace, double from, double to) {
        if (trace.isEmpty()) {
            return Double.NaN;
        }
        long first = trace.get(0).atMs();
        long span = Math.max(1, trace.get(trace.size() - 1).atMs() - first);
        long max = -1;
        for (Point p : trace) {
            double f = (p.atMs() - first) / (double) span;
            if (f >= from && (f < to || (to >= 1 && f <= 1))) {
                max = Math.max(max, p.rssKb());
            }
        }
        return max < 0 ? Double.NaN : max / 1024.0;
    }
}
