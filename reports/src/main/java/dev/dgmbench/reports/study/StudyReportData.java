package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.results.ClaimResult;

import java.util.List;
import java.util.Map;

/** Everything in report.json: the numbers behind the study report's tables, computed by {@link StudyReport}. */
public record StudyReportData(String study, String description, String specFile, String specDigest, String rerun,
                              int planned, int ok, int failed, List<String> gridKeys, List<Long> seeds,
                              Map<String, List<String>> provenance, List<PointStats> gridPoints, List<ClaimResult> claims,
                              List<Failure> failures, List<RunDigest> runs, List<RerunCheck> reproducibility) {
    /**
     * Statistics of one grid point over its OK seeds.
     *
     * @param model    model metric -> estimate over seeds
     * @param samplers sampler -> metric -> estimate over seeds
     * @param timings  timing -> estimate over seeds
     */
    public record PointStats(String label, Map<String, Object> gridPoint, List<String> runIds, List<Long> seeds,
                             int failed, Map<String, Estimate> model, Map<String, Map<String, Estimate>> samplers,
                             Map<String, Estimate> timings) {
    }

    /** A run that did not finish: FAILED with its reason, or planned in study.json but without a folder. */
    public record Failure(String runId, String gridPoint, Long seed, String reason) {
    }

    public record RunDigest(String runId, String gridPoint, long seed, String status, String backend, String digest) {
    }

    /**
     * One other folder of the same spec checked against this one.
     *
     * @param sameSpec  whether its spec digest equals this study's
     * @param compared  runs present (and OK) in both
     * @param identical of those, how many have the same metrics digest
     * @param missing   run ids of this study that the other folder lacks or that failed in one of them
     * @param verdicts  each claim's verdict here and there
     * @param means     per model metric, the grid point whose means over seeds differ most (in seed SDs)
     */
    public record RerunCheck(String folder, String label, boolean sameSpec, int compared, int identical,
                             List<String> missing, List<RunMatch> runs, String worstMetric, String worstRunId,
                             double worstAbsDiff, double worstRelDiff, List<FolderAgreement.VerdictMatch> verdicts,
                             List<FolderAgreement.MeanDrift> means) {
    }

    /** One run id in both folders; when digests differ, the metric with the largest relative difference. */
    public record RunMatch(String runId, boolean identical, String digest, String otherDigest, String largestMetric,
                           double largestAbsDiff, double largestRelDiff) {
    }
}
