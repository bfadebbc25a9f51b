package dev.highlights.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -cp ... dev.highlights.samples.SampleVodMain DIR [--seconds N] [--seed S] [--size WxH]
 * [--fps F]}: writes sample.mp4, sample-chat.json and sample-truth.json into DIR and prints the planted schedule.
 *
 * <p>{@code SampleVodMain --set tuning|held-out|regression --dir DIR [--vod NAME]... [--jobs N] [--list]}: generates
 * an evaluation set ({@link EvalSets}) into {@code DIR/<set>/<vod>/}, reusing VODs already there with the same spec;
 * {@code --list} prints the set's VODs and moments without generating anything.
 */
public final class SampleVodMain {

    private SampleVodMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (List.of(args).contains("--set")) {
            return runSet(args);
        }
        Path dir = null;
        int seconds = SampleSpec.DEFAULT_DURATION_SEC;
        Long seed = null;
        int w = SampleSpec.DEFAULT_WIDTH;
        int h = SampleSpec.DEFAULT_HEIGHT;
        int fps = SampleSpec.DEFAULT_FPS;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--fps" -> fps = Integer.parseInt(value(args, ++i, a));
                    case "--size" -> {
                        String[] p = value(args, ++i, a).toLowerCase(Locale.ROOT).split("x");
                        if (p.length != 2) {
                            throw new IllegalArgumentException("--size wants WxH, e.g. 640x360");
                        }
                        w = Integer.parseInt(p[0]);
                        h = Integer.parseInt(p[1]);
                    }
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-") || dir != null) {
                            throw new IllegalArgumentException("unexpected argument: " + a);
                        }
                        dir = Path.of(a);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("missing DIR");
            }
            SampleSpec spec = SampleSpec.standard(seconds).withSize(w, h).withFps(fps);
            if (seed != null) {
                spec = spec.withSeed(seed);
            }
            SampleVodFiles files = SampleVod.generate(dir, spec);
            System.out.printf(Locale.ROOT, "sample VOD: %d s %dx%d@%d seed %d, %d chat messages, generated in %.1f s%n",
                    spec.durationSec(), spec.width(), spec.height(), spec.fps(), spec.seed(), files.messages(),
                    files.elapsedMillis() / 1000.0);
            System.out.println("  " + files.video());
            System.out.println("  " + files.chat());
            System.out.println("  " + files.truth());
            for (PlantedMoment m : spec.moments()) {
                System.out.printf(Locale.ROOT, "  %-20s %s-%s%s%s%n", m.kind(), clock(m.startSec()), clock(m.endSec()),
                        m.hasChatBurst() ? "  chat " + clock(m.chatStartSec()) + "-" + clock(m.chatEndSec()) : "",
                        m.expectHighlight() ? "  (highlight)" : "");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            return 2;
        }
    }

    private static int runSet(String[] args) throws Exception {
        String set = null;
        Path dir = null;
        List<String> only = new ArrayList<>();
        int jobs = 1;
        boolean list = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--set" -> set = value(args, ++i, a);
                    case "--dir" -> dir = Path.of(value(args, ++i, a));
                    case "--vod" -> only.add(value(args, ++i, a));
                    case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, a));
                    case "--list" -> list = true;
                    default -> throw new IllegalArgumentException("unexpected argument: " + a);
                }
            }
            EvalSet evalSet = EvalSets.byName(set);
            if (!only.isEmpty()) {
                evalSet = evalSet.only(only);
            }
            System.out.printf(Locale.ROOT, "set %s: %d VODs, %.1f h, %d moments%n", evalSet.name(),
                    evalSet.vods().size(), evalSet.totalSec() / 3600.0, evalSet.moments().size());
            if (list) {
                for (EvalSet.Vod vod : evalSet.vods()) {
                    SampleSpec spec = vod.spec();
                    System.out.printf(Locale.ROOT, "%s: %s, %s chat, %dx%d@%d, seed %d%n", vod.name(),
                            clock(spec.durationSec()), spec.vocabulary().id() + "/" + spec.community().id(),
                            spec.width(), spec.height(), spec.fps(), spec.seed());
                    printMoments(spec);
                }
                return 0;
            }
            if (dir == null) {
                throw new IllegalArgumentException("missing --dir");
            }
            long t0 = System.nanoTime();
            evalSet.ensure(dir, jobs, line -> System.out.println("  " + line));
            System.out.printf(Locale.ROOT, "set %s ready under %s in %.1f s%n", evalSet.name(),
                    dir.resolve(evalSet.name()), (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            return 2;
        }
    }

    private static void printMoments(SampleSpec spec) {
        for (PlantedMoment m : spec.moments()) {
            System.out.printf(Locale.ROOT, "  %-20s %-16s %s-%s%s%s%n", m.kind(), m.label(), clock(m.startSec()),
                    clock(m.endSec()),
                    m.hasChatBurst() ? "  chat " + clock(m.chatStartSec()) + "-" + clock(m.chatEndSec()) : "",
                    m.chatLagSec() != null ? String.format(Locale.ROOT, "  lag %.1f s", m.chatLagSec()) : "");
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static String clock(int s) {
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void usage() {
        System.err.println("usage: SampleVodMain DIR [--seconds N (240)] [--seed S] [--size WxH (640x360)] [--fps F (30)]");
        System.err.println("       SampleVodMain --set " + String.join("|", EvalSets.names())
                + " --dir DIR [--vod NAME]... [--jobs N (1)] [--list]");
    }
}
