package dev.dgmbench.suite.spec;

import dev.dgmbench.suite.backend.Backends;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.dgmbench.suite.spec.Binder.isNull;
import static dev.dgmbench.suite.spec.Binder.line;
import static dev.dgmbench.suite.spec.Binder.show;

/** Binds the list-valued keys the generic binder leaves alone: {@code grid}, {@code seeds} and {@code backends}. */
final class GridBinder {
    static final List<Long> DEFAULT_SEEDS = List.of(1L);
    static final List<String> DEFAULT_BACKENDS = List.of("cpu");

    private final Binder b;

    GridBinder(Binder b) {
        this.b = b;
    }

    Map<String, List<Object>> grid(Node node) {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        if (node == null || isNull(node)) return grid;
        if (!(node instanceof MappingNode mn)) {
            b.error(node, "grid", show(node) + " is not a mapping; allowed: a mapping from a field path (e.g."
                    + " model.beta) to a non-empty list of values");
            return grid;
        }
        List<String> griddable = List.copyOf(Schema.GRIDDABLE.keySet());
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode ks ? ks.getValue() : null;
            if (key == null || isNull(k)) {
                b.error(k, "grid", show(k) + " is not a field path; allowed: " + String.join(", ", griddable));
                continue;
            }
            String p = "grid." + key;
            b.lines.put(p, line(k));
            if (!seen.add(key)) {
                b.error(k, p, "duplicate grid key; allowed: each field once");
                continue;
            }
            Field f = Schema.GRIDDABLE.get(key);
            if (f == null) {
                String why = Schema.ALL.containsKey(key) ? "'" + key + "' cannot be gridded (only scalar fields of"
                        + " model, training, prior and samplers can)" : "'" + Suggestions.clip(key) + "' is not a field"
                        + " of the spec" + Suggestions.suggestion(key, griddable);
                b.error(k, p, why + "; allowed: " + String.join(", ", griddable));
                continue;
            }
            List<Object> values = values(f, t.getValueNode(), p);
            if (values != null) grid.put(key, values);
        }
        return grid;
    }

    private List<Object> values(Field f, Node v, String p) {
        if (!(v instanceof SequenceNode sn)) {
            b.error(v, p, show(v) + " is not a list; allowed: a non-empty list of values, each " + f.allowed());
            return null;
        }
        if (sn.getValue().isEmpty()) {
            b.error(v, p, "[] is an empty list; allowed: a non-empty list of values, each " + f.allowed());
            return null;
        }
        List<Object> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            Object x = b.bindValue(f, item, p + "[" + i + "]");
            if (x == null) {
                ok = false;
            } else if (values.contains(x)) {
                b.error(item, p + "[" + i + "]", show(item) + " is listed twice; allowed: distinct values");
                ok = false;
            } else {
                values.add(x);
            }
        }
        return ok ? values : null;
    }

    List<Long> seeds(Node node) {
        String allowed = "a non-empty list of distinct integers >= 0, e.g. [1, 2, 3]";
        if (node == null) return DEFAULT_SEEDS;
        if (!(node instanceof SequenceNode sn)) {
            b.error(node, "seeds", show(node) + " is not a list; allowed: " + allowed);
            return DEFAULT_SEEDS;
        }
        if (sn.getValue().isEmpty()) {
            b.error(node, "seeds", "[] has no seeds; allowed: " + allowed);
            return DEFAULT_SEEDS;
        }
        List<Long> seeds = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        Field f = Schema.intf("seed").min(0);
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            Object x = b.bindValue(f, item, "seeds[" + i + "]");
            if (x == null) continue;
            long s = ((Integer) x).longValue();
            Integer first = index.putIfAbsent(s, i);
            if (first != null) {
                b.error(item, "seeds[" + i + "]", s + " is a duplicate seed (seeds[" + first + "]); allowed: " + allowed);
                continue;
            }
            seeds.add(s);
        }
        return seeds;
    }

    List<String> backends(Node node) {
        List<String> known = Backends.names();
        String allowed = "a non-empty list of distinct backend names: " + String.join(", ", known);
        if (node == null) return DEFAULT_BACKENDS;
        if (!(node instanceof SequenceNode sn) || sn.getValue().isEmpty()) {
            b.error(node, "backends", show(node) + " is not a non-empty list; allowed: " + allowed);
            return DEFAULT_BACKENDS;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            String p = "backends[" + i + "]";
            if (!(item instanceof ScalarNode s) || isNull(item)) {
                b.error(item, p, show(item) + " is not a backend name; allowed: " + allowed);
                continue;
            }
            String v = s.getValue();
            if (!known.contains(v)) {
                b.error(item, p, "unknown backend " + show(s) + Suggestions.suggestion(v, known) + "; allowed: "
                        + String.join(", ", known));
            } else if (out.contains(v)) {
                b.error(item, p, v + " is listed twice; allowed: " + allowed);
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
