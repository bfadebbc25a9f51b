package dev.highlights.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time and memory of a process from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}.
 *
 * @param cpuTicks  user + system time in clock ticks ({@code utime + stime}, fields 14 and 15 of {@code stat})
 * @param peakRssKb {@code VmHWM}: the resident set's high-water mark, kB
 * @param rssKb     {@code VmRSS}: the resident set now, kB
 */
public record ProcStats(long cpuTicks, long peakRssKb, long rssKb) {

    /** {@code getconf CLK_TCK}: 100 on every Linux this runs on (USER_HZ is fixed at 100 on x86 and arm64). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    public double cpuSeconds() {
        return cpuTicks / (double) CLOCK_TICKS_PER_SECOND;
    }

    public double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    /** Reads both files; null when the process is gone. */
    public static ProcStats read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcStats(parseCpuTicks(stat), parseStatusKb(status, "VmHWM"), parseStatusKb(status, "VmRSS"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link #read} of every named process; processes that are gone are left out. */
    public static Map<String, ProcStats> readAll(Map<String, Long> pids) {
        Map<String, ProcStats> stats = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            ProcStats s = read(pid);
            if (s != null) {
                stats.put(name, s);
            }
        });
        return stats;
    }

    /** CPU seconds each process used between two {@link #readAll} snapshots (those in both). */
    public static Map<String, Double> cpuSecondsBetween(Map<String, ProcStats> before, Map<String, ProcStats> after) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        before.forEach((name, b) -> {
            ProcStats a = after.get(name);
            if (a != null) {
                cpu.put(name, a.cpuSeconds() - b.cpuSeconds());
            }
        });
        return cpu;
    }

    /**
     * {@code utime + stime} from a {@code stat} line. The command name (field 2) is in parentheses and may hold
     * spaces and parentheses itself, so the fields are counted from the last {@code ')'}.
     */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state); utime is field 14, stime field 15
        return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
    }

    /**
     * {@code cutime + cstime} (fields 16 and 17): CPU time of the children this process has waited for, in clock ticks.
     * The delta around a batch of ffmpeg runs is their CPU time.
     */
    static long parseChildCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        return Long.parseLong(rest[16 - 3]) + Long.parseLong(rest[17 - 3]);
    }

    /** CPU seconds of this JVM's reaped children so far; NaN where /proc is unavailable. */
    public static double childrenCpuSeconds() {
        try {
            return parseChildCpuTicks(Files.readString(Path.of("/proc/self/stat"))) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A {@code Name:   1234 kB} line of {@code status}; -1 when absent (kernel threads, zombies). */
    static long parseStatusKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return -1;
    }
}
