package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How far two folders of one spec agree at the level a study's conclusions are drawn: the claims' verdicts, and
 * each model metric's grid-point means over seeds. Runs on another backend rarely match bit for bit (float
 * rounding differs, and a long training amplifies it until the runs follow other paths), so the question a
 * reader has is whether the difference stays inside what the seeds already vary by.
 */
public final class FolderAgreement {
    private FolderAgreement() {
    }

    /** A claim's verdict in this folder and in the other ({@code null} where the other folder lacks the claim). */
    public record VerdictMatch(String claim, String verdict, String otherVerdict) {
        public boolean agrees() {
            return verdict.equals(otherVerdict);
        }
    }

    /**
     * One model metric at the grid point where its means differ most in units of the seeds' spread.
     *
     * @param seedSds |mean - otherMean| over the pooled standard deviation across seeds, sqrt((sd^2 + sd'^2) / 2);
     *                infinite where both sides have no spread but different means
     * @param n       seeds with the metric here / there
     * @param chance95 the 95th percentile of the largest {@code seedSds} over as many grid points, with as many
     *                 seeds, when both folders' runs come from one normal distribution: above it, the folders
     *                 disagree by more than their seeds explain
     */
    public record MeanDrift(String metric, String gridPoint, double mean, double otherMean, double relDiff,
                            double seedSds, String n, double chance95) {
    }

    /** Draws of the null distribution per metric; fixed seed, so a report is the same every time it is written. */
    public static final int CHANCE_DRAWS = 4000;
    private static final long CHANCE_SEED = 20261127L;

    public static List<VerdictMatch> verdicts(List<ClaimResult> mine, List<ClaimResult> theirs) {
        Map<String, ClaimResult> byId = new LinkedHashMap<>();
        for (ClaimResult c : theirs) byId.put(c.id(), c);
        List<VerdictMatch> out = new ArrayList<>();
        for (ClaimResult c : mine) {
            ClaimResult o = byId.get(c.id());
            out.add(new VerdictMatch(c.id(), c.verdict().name(), o == null ? null : o.verdict().name()));
        }
        return out;
    }

    /** Per model metric, the grid point (present on both sides with two or more seeds each) where it drifts most. */
    public static List<MeanDrift> means(Grid mine, StudyResults other) {
        Map<String, Grid.Point> theirs = new LinkedHashMap<>();
        for (Grid.Point p : new Grid(other.runs()).points) theirs.put(p.label(), p);
        TreeSet<String> metrics = new TreeSet<>();
        for (Grid.Point p : mine.points) p.ok().forEach(r -> metrics.addAll(r.metrics().model().keySet()));
        List<MeanDrift> out = new ArrayList<>();
        // metrics usually share their seed counts, and so their chance level: simulated once per distinct layout
        Map<String, Double> chance = new java.util.HashMap<>();
        for (String metric : MetricNames.ordered(metrics, MetricNames.MODEL_ORDER)) {
            MeanDrift worst = null;
            List<int[]> sizes = new ArrayList<>();
            StringBuilder layout = new StringBuilder();
            for (Grid.Point p : mine.points) {
                Grid.Point o = theirs.get(p.label());
                if (o == null) continue;
                double[] a = values(p.ok(), metric), b = values(o.ok(), metric);
                if (a.length < 2 || b.length < 2) continue;
                sizes.add(new int[]{a.length, b.length});
                layout.append(a.length).append('/').append(b.length).append(' ');
                MeanDrift d = drift(metric, p.label(), a, b);
                if (worst == null || d.seedSds() > worst.seedSds()) worst = d;
            }
            if (worst != null) {
                out.add(new MeanDrift(worst.metric(), worst.gridPoint(), worst.mean(), worst.otherMean(),
                        worst.relDiff(), worst.seedSds(), worst.n(), chance.computeIfAbsent(layout.toString(), k -> chance95(sizes))));
            }
        }
        return out;
    }

    /**
     * The 95th percentile of max over grid points of {@link #drift}'s seed SDs when every value is an independent
     * standard normal draw ({@code sizes}: seeds here and there per grid point), by simulation. The statistic is
     * scale-free, so one normal stands for any.
     */
    public static double chance95(List<int[]> sizes) {
        java.util.Random rnd = new java.util.Random(CHANCE_SEED);
        double[] max = new double[CHANCE_DRAWS];
        for (int i = 0; i < CHANCE_DRAWS; i++) {
            for (int[] n : sizes) {
                double[] a = normals(rnd, n[0]), b = normals(rnd, n[1]);
                max[i] = Math.max(max[i], drift("", "", a, b).seedSds());
            }
        }
        java.util.Arrays.sort(max);
        return max[(int) Math.ceil(0.95 * CHANCE_DRAWS) - 1];
    }

    private static double[] normals(java.util.Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
        return v;
    }

    public static MeanDrift drift(String metric, String point, double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), diff = Math.abs(ma - mb);
        double pooled = Math.sqrt((variance(a, ma) + variance(b, mb)) / 2);
        double sds = diff == 0 ? 0 : pooled == 0 ? Double.POSITIVE_INFINITY : diff / pooled;
        double rel = diff == 0 ? 0 : diff / Math.abs(ma);
        return new MeanDrift(metric, point, ma, mb, rel, sds, a.length + "/" + b.length, Double.NaN);
    }

    private static double[] values(List<RunResult> runs, String metric) {
        return runs.stream().map(r -> r.metrics().model().get(metric)).filter(v -> v != null && Double.isFinite(v))
                .mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Sample variance (n - 1). */
    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) s += (x - mean) * (x - mean);
        return s / (v.length - 1);
    }
}
