package dev.highlights.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A named set of labelled evaluation VODs ({@link EvalSets}). On disk each VOD lives in
 * {@code <root>/<set name>/<vod name>/} as {@code sample.mp4}, {@code sample-chat.json} and {@code sample-truth.json}.
 *
 * @param name {@code tuning}, {@code held-out} or {@code regression}
 * @param vods the VODs, in order
 */
public record EvalSet(String name, List<Vod> vods) {

    /** One VOD of a set: a directory name that says what it is, and its spec. */
    public record Vod(String name, SampleSpec spec) {
        public Vod {
            Objects.requireNonNull(spec, "spec");
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("a VOD name is lower-case letters, digits and dashes: " + name);
            }
        }
    }

    public EvalSet {
        Objects.requireNonNull(name, "name");
        vods = List.copyOf(vods);
    }

    /** Seconds of media over the whole set. */
    public int totalSec() {
        return vods.stream().mapToInt(v -> v.spec().durationSec()).sum();
    }

    /** Every moment of every VOD. */
    public List<PlantedMoment> moments() {
        return vods.stream().flatMap(v -> v.spec().moments().stream()).toList();
    }

    /** The same set with only the VODs named (in the set's order); an unknown name is an error. */
    public EvalSet only(Collection<String> vodNames) {
        for (String n : vodNames) {
            if (vods.stream().noneMatch(v -> v.name().equals(n))) {
                throw new IllegalArgumentException("set " + name + " has no VOD " + n);
            }
        }
        return new EvalSet(name, vods.stream().filter(v -> vodNames.contains(v.name())).toList());
    }

    /** Where {@code vod} lives under {@code root}. */
    public Path directory(Path root, Vod vod) {
        return root.resolve(name).resolve(vod.name());
    }

    /**
     * Generates the VODs missing under {@code root} (or whose spec changed) and reuses the rest, like
     * {@link SampleVod#ensure}, {@code jobs} VODs at a time (each encoder runs on one thread); reports each VOD on
     * {@code progress} as it is done.
     */
    public List<SampleVodFiles> ensure(Path root, int jobs, Consumer<String> progress) throws IOException {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1: " + jobs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, vods.size())));
        try {
            List<Future<SampleVodFiles>> pending = new ArrayList<>(vods.size());
            for (Vod vod : vods) {
                pending.add(pool.submit(() -> {
                    SampleVodFiles files = SampleVod.ensure(directory(root, vod), vod.spec());
                    progress.accept(String.format(Locale.ROOT, "%s/%s: %d s, %d moments, %d chat messages, %s",
                            name, vod.name(), vod.spec().durationSec(), vod.spec().moments().size(),
                            files.messages(), files.generated() ? String.format(Locale.ROOT, "generated in %.1f s",
                                    files.elapsedMillis() / 1000.0) : "reused"));
                    return files;
                }));
            }
            List<SampleVodFiles> out = new ArrayList<>(vods.size());
            for (Future<SampleVodFiles> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot generate " + name + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
