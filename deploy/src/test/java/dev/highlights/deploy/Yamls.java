package dev.highlights.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** YAML parsing (SnakeYAML: merge keys and Compose's {@code !reset}) and navigation helpers for the tests. */
final class Yamls {
    /** What Compose's {@code !reset} tag parses to: the attribute is removed when the files are merged. */
    static final Object RESET = new Object() {
        @Override
        public String toString() {
            return "!reset";
        }
    };

    private Yamls() {
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                AbstractConstruct reset = new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return RESET;
                    }
                };
                this.yamlConstructors.put(new Tag("!reset"), reset);
            }
        };
        return new Yaml(constructor);
    }

    static Map<String, Object> load(String text) {
        return map(yaml().load(text));
    }

    /** Every non-empty document of a multi-document stream (helm template output). */
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? null : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? null : (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    /** Value at a dotted path of map keys ({@code "spec.template.spec"}); null when a step is missing. */
    static Object at(Object root, String path) {
        Object cur = root;
        for (String step : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(step);
        }
        return cur;
    }

    /** Compose's merge of an override file into a base: maps merge, {@code !reset} removes, the rest replaces. */
    static Map<String, Object> composeMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((k, v) -> {
            if (v == RESET) {
                out.remove(k);
            } else if (v instanceof Map<?, ?> vm && out.get(k) instanceof Map<?, ?> bm) {
                out.put(k, composeMerge(map(bm), map(vm)));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
