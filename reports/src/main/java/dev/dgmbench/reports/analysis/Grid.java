package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Grid points of a study: runs grouped by their grid values, in grid order, with display labels that use the last
 * segment of each spec path ({@code model.beta=0.2, model.latent=50} is shown as {@code beta=0.2, latent=50}).
 */
public final class Grid {
    /** One grid point and its runs (OK and FAILED), in seed order. */
    public record Point(String label, Map<String, Object> values, List<RunResult> runs) {
        public List<RunResult> ok() {
            return runs.stream().filter(r -> r.info().status() == RunStatus.OK).toList();
        }

        public Object get(String key) {
            return values.get(key);
        }
    }

    public final List<String> keys;
    public final List<Point> points;
    /**
     * Spec paths preferred on the x axis, in order: the claims of the suite are about β, so figures plot against
     * it when it is a grid key.
     */
    public static final List<String> X_AXIS_KEYS = List.of("model.beta");

    /** The key plotted on the x axis: the first of {@link #X_AXIS_KEYS} in the grid, else the first numeric key, else null. */
    public final String xKey;

    public Grid(List<RunResult> runs) {
        TreeSet<String> k = new TreeSet<>();
        for (RunResult r : runs) k.addAll(gridOf(r).keySet());
        this.keys = List.copyOf(k);
        Map<String, List<RunResult>> byLabel = new TreeMap<>();
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String label = label(gridOf(r));
            byLabel.computeIfAbsent(label, x -> new ArrayList<>()).add(r);
            values.putIfAbsent(label, new TreeMap<>(gridOf(r)));
        }
        List<Point> ps = new ArrayList<>();
        byLabel.forEach((label, rs) -> {
            rs.sort(Comparator.comparingLong((RunResult r) -> r.info().seed()).thenComparing(r -> r.info().runId()));
            ps.add(new Point(label, values.get(label), List.copyOf(rs)));
        });
        ps.sort(pointOrder(keys));
        this.points = List.copyOf(ps);
        String x = X_AXIS_KEYS.stream().filter(keys::contains).findFirst().orElse(null);
        if (x == null) {
            for (String key : keys) {
                if (points.stream().allMatch(p -> p.get(key) instanceof Number)) {
                    x = key;
                    break;
                }
            }
        }
        this.xKey = x;
    }

    public static Map<String, Object> gridOf(RunResult r) {
        return r.info().gridPoint() == null ? Map.of() : r.info().gridPoint();
    }

    /** Grid points grouped by every key other than the x key (e.g. one group per latent size), in grid order. */
    public Map<String, List<Point>> groups() {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        for (Point p : points) {
            Map<String, Object> rest = new TreeMap<>(p.values());
            if (xKey != null) rest.remove(xKey);
            out.computeIfAbsent(rest.isEmpty() ? "all runs" : label(rest), x -> new ArrayList<>()).add(p);
        }
        return out;
    }

    public double x(Point p) {
        Object v = xKey == null ? null : p.get(xKey);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public static String shortName(String key) {
        int i = key.lastIndexOf('.');
        return i < 0 ? key : key.substring(i + 1);
    }

    public static String label(Map<String, Object> gridPoint) {
        if (gridPoint.isEmpty()) return "(single point)";
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(gridPoint).entrySet()) {
            if (b.length() > 0) b.append(", ");
            b.append(shortName(e.getKey())).append('=').append(valueText(e.getValue()));
        }
        return b.toString();
    }

    public static String valueText(Object v) {
        return String.valueOf(v);
    }

    private static Comparator<Point> pointOrder(List<String> keys) {
        return (a, b) -> {
            for (String k : keys) {
                int c = compareValues(a.get(k), b.get(k));
                if (c != 0) return c;
            }
            return a.label().compareTo(b.label());
        };
    }

    public static int compareValues(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
