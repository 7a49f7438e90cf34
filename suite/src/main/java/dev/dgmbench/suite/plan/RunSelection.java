package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.suite.spec.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which runs of a plan to run ({@code --only}): each argument is a run id ({@code beta=0.2_seed=1}) or conditions
 * {@code path=value} joined by commas ({@code model.beta=0.2,seed=2}), where a path is a grid key or {@code seed};
 * a run is selected when it matches any argument (all conditions of one argument). Every argument is checked
 * against the full plan: an unknown key, a value the grid does not have or an unknown run id is refused naming it.
 */
public record RunSelection(List<String> arguments) {
    public static final RunSelection ALL = new RunSelection(List.of());
    public static final String SEED = "seed";

    public RunSelection {
        arguments = List.copyOf(arguments);
    }

    public boolean all() {
        return arguments.isEmpty();
    }

    /** The runs of {@code plan} selected, in plan order; {@code full} (the whole study) is what arguments are checked against. */
    public StudyPlan apply(StudyPlan plan, StudyPlan full) {
        if (all()) return plan;
        List<Predicate<PlannedRun>> tests = new ArrayList<>();
        for (String a : arguments) tests.add(test(a, full));
        List<PlannedRun> out = plan.runs().stream().filter(r -> tests.stream().anyMatch(t -> t.test(r))).toList();
        return new StudyPlan(plan.spec(), out, plan.shard());
    }

    private static Predicate<PlannedRun> test(String arg, StudyPlan full) {
        String label = "--only " + arg;
        if (full.find(arg).isPresent()) return r -> r.runId().equals(arg);
        if (!arg.contains("=") || arg.contains("_" + SEED + "=")) { // run ids end in _seed=N
            throw new BadInputException(label + ": '" + Suggestions.clip(arg) + "' is not a run of the study"
                    + Suggestions.suggestion(arg, full.runIds()) + "; allowed: a run id (" + examples(full.runIds())
                    + ") or PATH=VALUE conditions joined by commas, e.g. " + example(full));
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String part : arg.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip(), value = eq < 0 ? "" : part.substring(eq + 1).strip();
            List<String> keys = new ArrayList<>(full.spec().grid().keySet());
            keys.add(SEED);
            if (eq < 0 || !keys.contains(key)) {
                throw new BadInputException(label + ": '" + Suggestions.clip(key) + "' is not a grid key of the study"
                        + Suggestions.suggestion(key, keys) + "; allowed: " + String.join(", ", keys) + " (as PATH=VALUE)");
            }
            List<String> values = full.runs().stream().map(r -> raw(r, key)).distinct().toList();
            if (values.stream().noneMatch(v -> canonical(v).equals(canonical(value)))) {
                throw new BadInputException(label + ": " + key + "=" + Suggestions.clip(value) + " is not in the study;"
                        + " allowed values of " + key + ": " + String.join(", ", values));
            }
            conditions.put(key, canonical(value));
        }
        return r -> conditions.entrySet().stream().allMatch(c -> c.getValue().equals(valueOf(r, c.getKey())));
    }

    private static String raw(PlannedRun r, String key) {
        return String.valueOf(key.equals(SEED) ? r.seed() : r.gridPoint().get(key));
    }

    private static String valueOf(PlannedRun r, String key) {
        return canonical(raw(r, key));
    }

    /** Numbers compare as numbers ({@code 1} selects {@code 1.0}); anything else as text. */
    private static String canonical(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? Double.toString(d) : v;
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String examples(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", ..." : "");
    }

    private static String example(StudyPlan full) {
        if (full.runs().isEmpty()) return SEED + "=1";
        PlannedRun r = full.runs().get(0);
        return r.gridPoint().isEmpty() ? SEED + "=" + r.seed()
                : r.gridPoint().keySet().iterator().next() + "=" + r.gridPoint().values().iterator().next();
    }
}
