package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.FolderAgreement;

import java.util.List;

/** Everything in compare.json: the numbers behind the comparison's tables, computed by {@link ComparisonReport}. */
public record ComparisonData(List<String> labels, List<String> folders, CompareThresholds thresholds, double alpha,
                             List<MetricDiff> metrics, List<Drift> drift, List<DigestCheck> digests, List<SpeedRow> speed,
                             List<SpeedSummary> speedSummary, List<ConditionWarning> conditions, List<Agreement> agreement,
                             JmhComparison jmh, List<Regression> regressions) {
    /**
     * One metric at one grid point, candidate against baseline.
     *
     * @param pairs  seeds where both runs are OK and have the metric
     * @param diff   candidate mean minus baseline mean (over the paired seeds)
     * @param pValue two-sided paired t-test p-value; NaN (n/a) with fewer than 2 pairs; 1 when all pairs are equal
     */
    public record MetricDiff(String candidate, String metric, String gridPoint, int pairs, double baselineMean,
                             double candidateMean, double diff, double relDiff, double pValue, boolean significant) {
    }

    /** The largest absolute and relative difference of one metric over all matched runs, and where. */
    public record Drift(String candidate, String metric, int runs, double maxAbsDiff, String maxAbsRun,
                        double maxRelDiff, String maxRelRun) {
    }

    /**
     * @param compared        run ids OK in both
     * @param identical       of those, with equal metrics digests
     * @param differing       run ids with different digests
     * @param onlyInBaseline  run ids the candidate lacks
     * @param onlyInCandidate run ids the baseline lacks
     * @param newlyFailed     run ids OK in the baseline but FAILED in the candidate
     */
    public record DigestCheck(String candidate, int compared, int identical, List<String> differing,
                              List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> newlyFailed) {
        public boolean allIdentical() {
            return compared > 0 && identical == compared && onlyInBaseline.isEmpty() && onlyInCandidate.isEmpty();
        }
    }

    /** One timing at one grid point: means over OK seeds and the candidate's speed-up ({@code > 1}: faster). */
    public record SpeedRow(String candidate, String timing, String gridPoint, int baselineN, int candidateN,
                           double baseline, double value, double speedup) {
    }

    /**
     * One timing's speed ratio over the matched runs.
     *
     * @param runs          runs paired by id (warm-up runs left out)
     * @param speedup       geometric mean of the per-run ratios ({@code > 1}: the candidate is faster)
     * @param ciLow         95% t interval of the ratio (exp of the mean log ratio's; NaN with fewer than 2 runs)
     * @param pValue        two-sided paired t-test on log times (NaN with fewer than 2 runs)
     * @param baselineMean  the timing's mean over the baseline's compared runs (seconds, or per second for rates)
     * @param pAdjusted     {@code pValue} Holm-adjusted over the candidate's timings
     * @param significant   {@code pAdjusted < alpha}: only then can a slowdown be a regression
     * @param warmupLeftOut runs left out because they were the first in their worker JVM
     */
    public record SpeedSummary(String candidate, String timing, int runs, double baselineMean, double speedup,
                               double ciLow, double ciHigh, double pValue, double pAdjusted, boolean significant,
                               int warmupLeftOut, String sentence) {
        /** The slowdown factor's whole 95% interval lies beyond {@code factor} (and so does the ratio). */
        public boolean slowerBeyond(double factor) {
            return speedup > 0 && 1 / speedup > factor && Double.isFinite(ciHigh) && 1 / ciHigh > factor;
        }
    }

    /**
     * Whether a candidate draws the baseline's conclusions: the claims' verdicts, and per model metric the grid
     * point whose means over seeds differ most, in seed SDs, against its 95% chance level ({@link FolderAgreement}).
     */
    public record Agreement(String candidate, List<FolderAgreement.VerdictMatch> verdicts,
                            List<FolderAgreement.MeanDrift> means) {
        /** The model metrics whose largest grid-point difference is beyond its chance level. */
        public List<FolderAgreement.MeanDrift> beyondChance() {
            return means.stream().filter(m -> m.seedSds() > m.chance95()).toList();
        }
    }

    /** Conditions that differ between the baseline and a candidate (workers, host, load), from provenance. */
    public record ConditionWarning(String candidate, String warning) {
    }
}
