package dev.dgmbench.suite.plan;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.suite.spec.StudySpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands a spec into its runs: every combination of grid values (the first grid key varies slowest), each once
 * per seed (seeds vary fastest, in the order written).
 */
public final class Planner {
    private Planner() {
    }

    /**
     * The runs on the backend of this name, each with the engine that runs it there ({@link Engines#engineOn}: on a
     * backend with an engine of its own, cuda, runs that leave {@code model.engine} at its default use that engine).
     */
    public static StudyPlan plan(StudySpec spec, String backend) {
        StudyPlan plan = plan(spec);
        Map<String, String> engines = new HashMap<>();
        List<PlannedRun> runs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            String asked = r.config().model().engine();
            String engine = engines.computeIfAbsent(asked, a -> Engines.engineOn(a, backend));
            runs.add(engine.equals(asked) ? r : new PlannedRun(r.runId(), r.gridPoint(), r.seed(), r.config().withEngine(engine)));
        }
        return new StudyPlan(spec, runs, plan.shard());
    }

    /** The runs, each on the engine its spec names (whichever backend runs them). */
    public static StudyPlan plan(StudySpec spec) {
        List<String> keys = new ArrayList<>(spec.grid().keySet());
        Map<String, String> shortNames = shortNames(keys);
        Map<String, Object> base = spec.toMap();
        List<PlannedRun> runs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int points = spec.gridPoints();
        for (int p = 0; p < points; p++) {
            LinkedHashMap<String, Object> point = new LinkedHashMap<>();
            int rest = p;
            // odometer: the last key varies fastest
            int[] idx = new int[keys.size()];
            for (int k = keys.size() - 1; k >= 0; k--) {
                int n = spec.grid().get(keys.get(k)).size();
                idx[k] = rest % n;
                rest /= n;
            }
            for (int k = 0; k < keys.size(); k++) point.put(keys.get(k), spec.grid().get(keys.get(k)).get(idx[k]));
            ResolvedRun config = resolve(base, point);
            for (long seed : spec.seeds()) {
                String id = runId(point, shortNames, seed);
                if (!ids.add(id)) throw new IllegalStateException("two runs would share the id " + id);
                runs.add(new PlannedRun(id, point, seed, config));
            }
        }
        return new StudyPlan(spec, runs, Shard.ALL);
    }

    /** The spec's sections with the grid point's values put in. */
    @SuppressWarnings("unchecked")
    static ResolvedRun resolve(Map<String, Object> specMap, Map<String, Object> point) {
        Map<String, Object> m = deepCopy(specMap);
        point.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            Map<String, Object> at = m;
            for (int i = 0; i < parts.length - 1; i++) at = (Map<String, Object>) at.get(parts[i]);
            at.put(parts[parts.length - 1], value);
        });
        return ResolvedRun.from(m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> mm ? deepCopy((Map<String, Object>) mm) : v));
        return out;
    }

    /**
     * {@code name=value} per grid key, joined by {@code _}, then {@code seed=N}. A key is named by its last path
     * segment ({@code model.beta -> beta}), or by as many trailing segments as make it unique among the grid keys
     * ({@code training.learning_rate} and {@code prior.nce.learning_rate} -> {@code training.learning_rate},
     * {@code nce.learning_rate}). Characters outside {@code [A-Za-z0-9.+-]} in values become {@code -}.
     */
    public static String runId(Map<String, Object> point, long seed) {
        return runId(point, shortNames(new ArrayList<>(point.keySet())), seed);
    }

    static String runId(Map<String, Object> point, Map<String, String> shortNames, long seed) {
        StringBuilder b = new StringBuilder();
        point.forEach((k, v) -> b.append(shortNames.get(k)).append('=').append(formatValue(v)).append('_'));
        return b.append("seed=").append(seed).toString();
    }

    /** Integers as written, doubles in Java's shortest form without exponent ({@code 0.2}, {@code 1.0}, {@code 0.0001}). */
    public static String formatValue(Object v) {
        String s;
        if (v instanceof Double d) {
            s = Double.toString(d);
            if (s.contains("E")) s = new BigDecimal(s).stripTrailingZeros().toPlainString();
        } else {
            s = String.valueOf(v);
        }
        return s.replaceAll("[^A-Za-z0-9.+-]", "-");
    }

    static Map<String, String> shortNames(List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String[] parts = k.split("\\.");
            for (int n = 1; n <= parts.length; n++) {
                String suffix = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - n, parts.length));
                boolean unique = true;
                for (String other : keys) {
                    if (!other.equals(k) && (other.equals(suffix) || other.endsWith("." + suffix))) unique = false;
                }
                if (unique || n == parts.length) {
                    out.put(k, suffix);
                    break;
                }
            }
        }
        return out;
    }
}
