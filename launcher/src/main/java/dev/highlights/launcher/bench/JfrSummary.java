package dev.highlights.launcher.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's threads spent the run, from a JFR recording: the top frame of every {@code jdk.ExecutionSample}
 * (threads running Java code) and {@code jdk.NativeMethodSample} (threads inside a native call, e.g. FFmpeg decoding
 * through JavaCV), counted per method and per area.
 */
public final class JfrSummary {

    private JfrSummary() {
    }

    public record Counts(Map<String, Integer> byMethod, Map<String, Integer> byArea, int javaSamples, int nativeSamples) {
        int total() {
            return javaSamples + nativeSamples;
        }
    }

    public static Counts read(Path file) throws IOException {
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> byArea = new HashMap<>();
        int java = 0;
        int nativ = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                boolean isNative = type.equals("jdk.NativeMethodSample");
                if (!isNative && !type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                if (isNative && idleWait(stack.getFrames())) {
                    continue; // a thread parked in epoll/poll/accept is waiting, not working
                }
                RecordedFrame top = stack.getFrames().get(0);
                String cls = top.getMethod().getType().getName();
                String method = cls + "." + top.getMethod().getName() + (isNative ? " (native)" : "");
                byMethod.merge(method, 1, Integer::sum);
                byArea.merge(area(cls, stack.getFrames()), 1, Integer::sum);
                if (isNative) {
                    nativ++;
                } else {
                    java++;
                }
            }
        }
        return new Counts(byMethod, byArea, java, nativ);
    }

    static boolean idleWait(List<RecordedFrame> frames) {
        String top = frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
        return top.startsWith("sun.nio.ch.EPoll") || top.contains("socketAccept") || top.contains(".poll0")
                || top.startsWith("sun.nio.ch.Net.poll") || top.contains("Net.accept") || top.contains("SocketDispatcher.read")
                || top.contains("NioSocketImpl") || top.startsWith("java.lang.Thread.sleep")
                || top.startsWith("jdk.internal.misc.Unsafe.park") || top.contains("Object.wait");
    }

    /** The area a sample belongs to, from its top frame's class (and, for JDK frames, the first non-JDK caller). */
    static String area(String topClass, List<RecordedFrame> frames) {
        String cls = topClass;
        if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
            for (RecordedFrame f : frames) {
                String c = f.getMethod().getType().getName();
                if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                    return areaOf(c) + " (via JDK)";
                }
            }
            return "JDK";
        }
        return areaOf(cls);
    }

    static String areaOf(String cls) {
        if (cls.startsWith("org.bytedeco.ffmpeg")) {
            return "FFmpeg (JavaCV, native decode/demux/scale)";
        }
        if (cls.startsWith("org.bytedeco")) {
            return "JavaCV / JavaCPP / OpenCV";
        }
        if (cls.startsWith("ai.onnxruntime")) {
            return "ONNX Runtime";
        }
        if (cls.startsWith("dev.highlights")) {
            return "project code (" + cls.replaceAll("\\.[A-Z].*$", "") + ")";
        }
        if (cls.startsWith("org.apache.kafka")) {
            return "Kafka clients / Streams";
        }
        if (cls.startsWith("org.apache.avro")) {
            return "Avro";
        }
        if (cls.startsWith("io.quarkus") || cls.startsWith("io.smallrye") || cls.startsWith("io.vertx")
                || cls.startsWith("io.netty")) {
            return "Quarkus / Vert.x / Netty";
        }
        return "other (" + cls.replaceAll("^((?:[a-z0-9_]+\\.){1,2}).*$", "$1").replaceAll("\\.$", "") + ")";
    }

    public static String markdown(Counts counts, int topMethods) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%d samples (%d in Java code, %d in native calls; idle waits left out)%n%n",
                counts.total(), counts.javaSamples(), counts.nativeSamples()));
        MarkdownTable areas = new MarkdownTable("area", "samples", "share");
        counts.byArea().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> areas.row(e.getKey(), e.getValue(), pct(e.getValue(), counts.total())));
        sb.append(areas.render()).append('\n');
        MarkdownTable methods = new MarkdownTable("top frame", "samples", "share");
        counts.byMethod().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(topMethods).forEach(e -> methods.row("`" + e.getKey() + "`", e.getValue(), pct(e.getValue(), counts.total())));
        sb.append(methods.render());
        return sb.toString();
    }

    private static String pct(int n, int total) {
        return total == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
