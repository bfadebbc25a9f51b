package dev.highlights.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Renders helm/highlights with helm-java and finds objects in the result. */
final class Chart {
    static final Path DIR = Path.of("..", "helm", "highlights").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("audio", "chat", "fusion", "ingest", "video");
    static final List<String> WORKERS = List.of("audio", "video");
    static final String RELEASE = "hl";
    static final String PREFIX = "hl-highlights-";

    final List<Map<String, Object>> objects;

    private Chart(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** {@code helm template hl helm/highlights [-f values] [--set k=v ...]}. */
    static Chart render(String valuesYaml, Map<String, Object> sets) {
        TemplateCommand cmd = new Helm(DIR).template().withName(RELEASE).withNamespace("media");
        if (valuesYaml != null) {
            try {
                Path file = Files.createTempFile("values-", ".yaml");
                file.toFile().deleteOnExit();
                Files.writeString(file, valuesYaml);
                cmd = cmd.withValuesFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (var e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return new Chart(Yamls.loadAll(cmd.call()));
    }

    static Chart render() {
        return render(null, Map.of());
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind")))
                .filter(named(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size() + " in "
                    + objects.stream().map(o -> o.get("kind") + "/" + Yamls.at(o, "metadata.name")).toList());
        }
        return found.get(0);
    }

    boolean has(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).anyMatch(named(name));
    }

    /** The Deployment or StatefulSet of a service. */
    Map<String, Object> workload(String service) {
        List<Map<String, Object>> found = objects.stream()
                .filter(o -> "Deployment".equals(o.get("kind")) || "StatefulSet".equals(o.get("kind")))
                .filter(named(PREFIX + service)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one workload for " + service + ", found " + found.size());
        }
        return found.get(0);
    }

    List<Map<String, Object>> workloads() {
        return objects.stream()
                .filter(o -> "Deployment".equals(o.get("kind")) || "StatefulSet".equals(o.get("kind"))).toList();
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return Yamls.maps(Yamls.at(workload, "spec.template.spec.containers")).get(0);
    }

    /** The container's env entry of that name, or null. */
    static Map<String, Object> env(Map<String, Object> workload, String name) {
        return Yamls.maps(container(workload).get("env")).stream().filter(e -> name.equals(e.get("name")))
                .findFirst().orElse(null);
    }

    String configProperties() {
        return (String) Yamls.map(one("ConfigMap", PREFIX + "config").get("data")).get("application.properties");
    }

    private static Predicate<Map<String, Object>> named(String name) {
        return o -> name.equals(Yamls.at(o, "metadata.name"));
    }
}
