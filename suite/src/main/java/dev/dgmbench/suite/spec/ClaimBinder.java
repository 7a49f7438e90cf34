package dev.dgmbench.suite.spec;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.suite.claims.ClaimSpec;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static dev.dgmbench.suite.spec.Binder.isNull;
import static dev.dgmbench.suite.spec.Binder.line;
import static dev.dgmbench.suite.spec.Binder.show;

/**
 * Binds {@code claims}: each claim's keys, its two groups (selectors of grid values and samplers), {@code per},
 * and whether metric, sampler and groups make sense together.
 */
final class ClaimBinder {
    private final Binder b;

    ClaimBinder(Binder b) {
        this.b = b;
    }

    List<ClaimSpec> claims(Node node, Map<String, List<Object>> grid, Map<String, Object> samplers,
                                       boolean nceEnabled) {
        List<ClaimSpec> out = new ArrayList<>();
        if (node == null || isNull(node)) return out;
        if (!(node instanceof SequenceNode sn)) {
            b.error(node, "claims", show(node) + " is not a list; allowed: a list of claims, each " + Schema.CLAIM.allowed());
            return out;
        }
        List<String> enabled = CrossChecks.enabledSamplers(samplers);
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node cn = sn.getValue().get(i);
            String p = "claims[" + i + "]";
            b.lines.put(p, line(cn));
            int errorsBefore = b.errors.size();
            if (!(cn instanceof MappingNode)) {
                b.error(cn, p, show(cn) + " is not a mapping; allowed: " + Schema.CLAIM.allowed());
                continue;
            }
            Map<String, Object> c = b.bindSection(Schema.CLAIM, cn, p, line(cn));
            String id = (String) c.get("id");
            if (id != null) {
                String prev = ids.putIfAbsent(id, p);
                if (prev != null) b.error(b.lineOf(p + ".id"), p + ".id", "'" + id + "' is already the id of " + prev
                        + "; allowed: a unique id");
            }
            String metric = (String) c.get("metric");
            String sampler = (String) c.get("sampler");
            if (sampler != null && !enabled.contains(sampler)) {
                b.error(b.lineOf(p + ".sampler"), p + ".sampler", "sampler " + sampler + " is not enabled; allowed: an"
                        + " enabled sampler (" + String.join(", ", enabled) + ")");
            }
            Map<String, Object> higher = bindSelector(b.custom.get(p + ".higher"), p + ".higher", line(cn), grid, enabled);
            Map<String, Object> lower = bindSelector(b.custom.get(p + ".lower"), p + ".lower", line(cn), grid, enabled);
            List<String> per = bindPer(b.custom.get(p + ".per"), p + ".per", grid);
            boolean higherFirst = true;
            if (cn instanceof MappingNode mn) {
                for (NodeTuple t : mn.getValue()) {
                    String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : "";
                    if (k.equals("higher")) break;
                    if (k.equals("lower")) {
                        higherFirst = false;
                        break;
                    }
                }
            }
            if (b.errors.size() == errorsBefore && metric != null && higher != null && lower != null && per != null) {
                checkClaimSemantics(p, metric, sampler, higher, lower, per, nceEnabled);
            }
            if (b.errors.size() != errorsBefore) continue;
            String expect = (String) c.get("expect");
            String text = (String) c.get("text");
            if (text == null) text = metric + " of " + label(higher, sampler) + " is higher than of " + label(lower, sampler);
            out.add(new ClaimSpec(id, text, metric, sampler, higher, lower, higherFirst, per, (String) c.get("test"),
                    (Double) c.get("alpha"), (Double) c.get("min_effect"),
                    expect == null ? null : ClaimResult.Verdict.valueOf(expect.toUpperCase(Locale.ROOT))));
        }
        return out;
    }

    private static String label(Map<String, Object> sel, String sampler) {
        Map<String, Object> m = new LinkedHashMap<>(sel);
        if (sampler != null) m.put(ClaimSpec.SAMPLER_KEY, sampler);
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "all runs" : String.join(", ", parts);
    }

    private void checkClaimSemantics(String p, String metric, String sampler, Map<String, Object> higher,
                                     Map<String, Object> lower, List<String> per, boolean nceEnabled) {
        boolean samplerMetric = ClaimSpec.SAMPLER_METRICS.contains(metric);
        boolean selectorSampler = higher.containsKey(ClaimSpec.SAMPLER_KEY) || lower.containsKey(ClaimSpec.SAMPLER_KEY);
        boolean perSampler = per.contains(ClaimSpec.SAMPLER_KEY);
        if (!samplerMetric) {
            if (sampler != null || selectorSampler || perSampler) {
                b.error(b.lineOf(p + ".metric"), p + ".metric", metric + " is a model metric, one number per run, but the"
                        + " claim names a sampler; allowed: no sampler with model metrics ("
                        + String.join(", ", ClaimSpec.MODEL_METRICS) + "), or a sampler metric ("
                        + String.join(", ", ClaimSpec.SAMPLER_METRICS) + ")");
                return;
            }
            if (ClaimSpec.NCE_METRICS.contains(metric) && !nceEnabled) {
                b.error(b.lineOf(p + ".metric"), p + ".metric", metric + " needs the NCE prior but prior.nce.enabled is"
                        + " false; allowed: prior.nce.enabled: true, or another metric");
                return;
            }
        } else {
            int ways = (sampler != null ? 1 : 0) + (selectorSampler ? 1 : 0) + (perSampler ? 1 : 0);
            if (ways > 1) {
                b.error(b.lineOf(p), p, "names the sampler in more than one place (sampler, the groups, per); allowed:"
                        + " exactly one of them");
                return;
            }
            if (ways == 0) {
                b.error(b.lineOf(p + ".metric"), p + ".metric", metric + " is a sampler metric but the claim names no"
                        + " sampler; allowed: sampler: <" + String.join("|", SamplerCatalogue.names()) + "> in the claim, in"
                        + " both groups, or per: [sampler]");
                return;
            }
        }
        if (!higher.keySet().equals(lower.keySet())) {
            b.error(b.lineOf(p + ".lower"), p + ".lower", "selects by " + lower.keySet() + " but higher selects by "
                    + higher.keySet() + "; allowed: both groups naming the same keys with different values, e.g."
                    + " higher: {model.beta: 0.2}, lower: {model.beta: 1.0}");
            return;
        }
        if (sameValues(higher, lower)) {
            b.error(b.lineOf(p + ".lower"), p + ".lower", "selects the same runs as higher " + higher + "; allowed: groups"
                    + " that differ in at least one grid value or sampler");
            return;
        }
        for (String k : per) {
            if (higher.containsKey(k)) {
                b.error(b.lineOf(p + ".per"), p + ".per", k + " is also a key of the groups; allowed: grid keys not used"
                        + " in higher/lower");
                return;
            }
        }
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        for (String k : a.keySet()) if (!valueEquals(a.get(k), b.get(k))) return false;
        return true;
    }

    /** Grid values compare as numbers when both are numbers (so 1 selects 1.0), else as text. */
    public static boolean valueEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    private Map<String, Object> bindSelector(Node node, String p, int claimLine, Map<String, List<Object>> grid,
                                             List<String> enabled) {
        List<String> keys = new ArrayList<>(grid.keySet());
        keys.add(ClaimSpec.SAMPLER_KEY);
        String allowed = "a mapping from grid keys (" + String.join(", ", grid.keySet()) + ") or sampler to a value";
        if (node == null) {
            b.error(claimLine, p, "missing; allowed: " + allowed);
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (isNull(node)) return out;
        if (!(node instanceof MappingNode mn)) {
            b.error(node, p, show(node) + " is not a mapping; allowed: " + allowed);
            return null;
        }
        boolean ok = true;
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode(), v = t.getValueNode();
            String key = k instanceof ScalarNode ks ? ks.getValue() : null;
            if (key == null) {
                b.error(k, p, show(k) + " is not a key; allowed: " + allowed);
                ok = false;
                continue;
            }
            String kp = p + "." + key;
            b.lines.put(kp, line(k));
            if (out.containsKey(key)) {
                b.error(k, kp, "duplicate key; allowed: each key once");
                ok = false;
                continue;
            }
            if (key.equals(ClaimSpec.SAMPLER_KEY)) {
                Object s = b.bindValue(Schema.enumf("sampler", SamplerCatalogue.names().toArray(String[]::new)), v, kp);
                if (s == null) {
                    ok = false;
                } else if (!enabled.contains(s)) {
                    b.error(v, kp, "sampler " + s + " is not enabled; allowed: an enabled sampler ("
                            + String.join(", ", enabled) + ")");
                    ok = false;
                } else {
                    out.put(key, s);
                }
                continue;
            }
            List<Object> values = grid.get(key);
            if (values == null) {
                String why = Schema.ALL.containsKey(key)
                        ? "'" + key + "' is not a grid key (it has one value for all runs)"
                        : "'" + Suggestions.clip(key) + "' is not a field of the spec" + Suggestions.suggestion(key, keys);
                b.error(k, kp, why + "; allowed: " + (grid.isEmpty() ? "sampler (the spec has no grid)"
                        : "a grid key (" + String.join(", ", grid.keySet()) + ") or sampler"));
                ok = false;
                continue;
            }
            Object x = b.bindValue(Schema.GRIDDABLE.get(key), v, kp);
            if (x == null) {
                ok = false;
                continue;
            }
            if (values.stream().noneMatch(g -> valueEquals(g, x))) {
                b.error(v, kp, show(v) + " is not a value of the grid; allowed: one of " + Schema.join(values));
                ok = false;
                continue;
            }
            out.put(key, x);
        }
        return ok ? out : null;
    }

    private List<String> bindPer(Node node, String p, Map<String, List<Object>> grid) {
        List<String> out = new ArrayList<>();
        if (node == null || isNull(node)) return out;
        List<String> allowedKeys = new ArrayList<>(grid.keySet());
        allowedKeys.add(ClaimSpec.SAMPLER_KEY);
        String allowed = "a list of grid keys (" + String.join(", ", grid.keySet()) + ") or sampler";
        if (!(node instanceof SequenceNode sn)) {
            b.error(node, p, show(node) + " is not a list; allowed: " + allowed);
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            String ip = p + "[" + i + "]";
            String key = item instanceof ScalarNode s && !isNull(item) ? s.getValue() : null;
            if (key == null || !allowedKeys.contains(key)) {
                b.error(item, ip, (key == null ? show(item) : "'" + key + "'") + " is not a grid key"
                        + (key == null ? "" : Suggestions.suggestion(key, allowedKeys)) + "; allowed: " + allowed);
                ok = false;
            } else if (out.contains(key)) {
                b.error(item, ip, key + " is listed twice; allowed: distinct keys");
                ok = false;
            } else {
                out.add(key);
            }
        }
        return ok ? out : null;
    }
}
