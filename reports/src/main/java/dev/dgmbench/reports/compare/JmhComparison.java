package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFormatException;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JMH result files side by side ({@code -rf json} output: a list of {@code {benchmark, mode, params,
 * primaryMetric:{score, scoreError, scoreUnit}}}), lined up by benchmark, mode and parameters. The first file is the
 * baseline; speed-ups of the others are against it ({@code > 1} is faster), taking the direction from the mode
 * (thrpt: higher is faster; avgt, sample, ss: lower is faster) or else from the unit ({@code ops/...} is a rate).
 *
 * @param labels one per file
 * @param files  the files read
 * @param rows   one per benchmark, mode and parameter set, in the order first seen
 */
public record JmhComparison(List<String> labels, List<String> files, List<Row> rows) {

    /**
     * A score with its error (half-width of JMH's 99.9% interval; NaN with a single fork or iteration), that
     * interval ({@code scoreConfidence}, else score ± error; NaN without an error) and unit.
     */
    public record Score(double score, double error, double low, double high, String unit) {
        /** Whether JMH gave error bars. */
        boolean hasInterval() {
            return Double.isFinite(low) && Double.isFinite(high);
        }
    }

    /**
     * @param scores   one per file, null where the file lacks this benchmark
     * @param speedups one per file against the first (1 for the first itself), NaN when missing or units differ
     * @param speedupIntervals per file, the speed-up's range over JMH's 99.9% intervals of both scores
     *                 ({low, high}; NaN without error bars; high is infinite when an interval reaches zero)
     */
    public record Row(String benchmark, String mode, String params, boolean higherIsFaster, List<Score> scores,
                      List<Double> speedups, List<double[]> speedupIntervals) {
        public String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        }

        /** The benchmark with its parameters, for sentences. */
        String title() {
            return shortName() + (params.isEmpty() ? "" : " (" + params + ")");
        }
    }

    public static JmhComparison read(List<Path> jmhJsonFiles, List<String> labels) {
        if (labels != null && !labels.isEmpty() && labels.size() != jmhJsonFiles.size()) {
            throw new BadInputException(jmhJsonFiles.size() + " JMH files but " + labels.size() + " labels");
        }
        List<String> ls = new ArrayList<>();
        for (int i = 0; i < jmhJsonFiles.size(); i++) {
            ls.add(labels == null || labels.isEmpty() ? String.valueOf(jmhJsonFiles.get(i).getFileName()) : labels.get(i));
        }
        Map<String, Object[]> byKey = new LinkedHashMap<>(); // key -> {benchmark, mode, params, Score[]}
        for (int f = 0; f < jmhJsonFiles.size(); f++) {
            Path file = jmhJsonFiles.get(f);
            JsonNode root;
            try {
                root = CanonicalJson.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new ResultFormatException(file, "cannot read JMH JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isArray()) throw new ResultFormatException(file, "not a JMH JSON result (expected a list)");
            for (JsonNode b : root) {
                String bench = b.path("benchmark").asText(null);
                JsonNode pm = b.path("primaryMetric");
                if (bench == null || pm.isMissingNode()) throw new ResultFormatException(file, "JMH entry without benchmark or primaryMetric");
                String mode = b.path("mode").asText("");
                Map<String, String> params = new TreeMap<>();
                b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                String paramText = params.isEmpty() ? "" : String.join(", ", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                String key = bench + "|" + mode + "|" + paramText;
                Object[] entry = byKey.computeIfAbsent(key, k -> new Object[]{bench, mode, paramText, new Score[jmhJsonFiles.size()]});
                ((Score[]) entry[3])[f] = score(pm);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] e : byKey.values()) {
            Score[] scores = (Score[]) e[3];
            String mode = (String) e[1];
            String unit = null;
            for (Score s : scores) if (s != null) { unit = s.unit(); break; }
            boolean higher = higherIsFaster(mode, unit);
            List<Double> speedups = new ArrayList<>();
            List<double[]> intervals = new ArrayList<>();
            for (Score s : scores) {
                Score base = scores[0];
                if (s == null || base == null || !s.unit().equals(base.unit())) {
                    speedups.add(Double.NaN);
                    intervals.add(new double[]{Double.NaN, Double.NaN});
                    continue;
                }
                speedups.add(higher ? s.score() / base.score() : base.score() / s.score());
                Score fast = higher ? s : base, slow = higher ? base : s; // speed-up = fast / slow
                intervals.add(s.hasInterval() && base.hasInterval()
                        ? new double[]{fast.low() / slow.high(), slow.low() > 0 ? fast.high() / slow.low() : Double.POSITIVE_INFINITY}
                        : new double[]{Double.NaN, Double.NaN});
            }
            rows.add(new Row((String) e[0], mode, (String) e[2], higher, java.util.Arrays.asList(scores), speedups, intervals));
        }
        return new JmhComparison(ls, jmhJsonFiles.stream().map(Path::toString).toList(), rows);
    }

    /** A primaryMetric: score, scoreError and scoreConfidence (JMH's 99.9% interval), unit. */
    private static Score score(JsonNode pm) {
        double score = number(pm.path("score")), error = number(pm.path("scoreError"));
        JsonNode conf = pm.path("scoreConfidence");
        double low = conf.isArray() && conf.size() == 2 ? number(conf.get(0)) : score - error;
        double high = conf.isArray() && conf.size() == 2 ? number(conf.get(1)) : score + error;
        if (!Double.isFinite(error)) low = high = Double.NaN; // one fork or one iteration: JMH gives no error bars
        return new Score(score, error, low, high, pm.path("scoreUnit").asText(""));
    }

    private static double number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.asDouble();
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static boolean higherIsFaster(String mode, String unit) {
        if ("thrpt".equals(mode)) return true;
        if ("avgt".equals(mode) || "sample".equals(mode) || "ss".equals(mode)) return false;
        return unit != null && unit.startsWith("ops/");
    }

    /**
     * For every other file against the first: "X is N.NNx faster than Y at benchmark (params)" when JMH's error bars
     * of the two scores do not overlap (the speed-up's range over them excludes 1), else "the same speed within JMH's
     * error"; each with that range, or saying that JMH gave no error bars.
     */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            for (int i = 1; i < labels.size(); i++) {
                double s = r.speedups().get(i);
                if (!Double.isFinite(s) || s <= 0) continue;
                double[] ci = r.speedupIntervals().get(i);
                String x = labels.get(i), y = labels.get(0);
                if (Double.isNaN(ci[0])) {
                    out.add(ComparisonReport.sentence(x, y, s, r.title()) + " (no error bars: JMH gives none for one fork or iteration)");
                } else if (ci[0] > 1 || ci[1] < 1) {
                    // the faster side first, with the range of that same ratio
                    double lo = s >= 1 ? ci[0] : 1 / ci[1], hi = s >= 1 ? ci[1] : 1 / ci[0];
                    out.add(ComparisonReport.sentence(x, y, s, r.title()) + " (" + NumberFormats.ratio(lo) + "–" + NumberFormats.ratio(hi)
                            + "x over JMH's 99.9% error bars)");
                } else {
                    out.add(x + " and " + y + " run " + r.title() + " at the same speed within JMH's error (speed of " + x
                            + " / " + y + " " + NumberFormats.ratio(s) + "x, " + NumberFormats.ratio(ci[0]) + "–" + NumberFormats.ratio(ci[1])
                            + "x over its 99.9% error bars)");
                }
            }
        }
        return out;
    }

    /**
     * Benchmarks where a file is slower than the first beyond the threshold over the whole range of JMH's error bars
     * (without error bars: by the scores alone).
     */
    public List<Regression> regressions(CompareThresholds t) {
        List<Regression> out = new ArrayList<>();
        if (t == null || t.maxSlowdown() == null) return out;
        for (Row r : rows) {
            for (int i = 1; i < labels.size(); i++) {
                double s = r.speedups().get(i);
                double[] ci = r.speedupIntervals().get(i);
                double fastest = Double.isNaN(ci[1]) ? s : ci[1]; // the candidate's best speed-up within the error bars
                if (Double.isFinite(s) && s > 0 && 1 / s > t.maxSlowdown() && 1 / fastest > t.maxSlowdown()) {
                    out.add(new Regression("JMH slowdown " + r.benchmark() + (r.params().isEmpty() ? "" : " (" + r.params() + ")"),
                            labels.get(i) + " vs " + labels.get(0) + (Double.isNaN(ci[1]) ? " (no error bars)"
                                    : " (at least " + NumberFormats.ratio(1 / fastest) + "x over JMH's error bars)"), 1 / s, t.maxSlowdown()));
                }
            }
        }
        return out;
    }
}
