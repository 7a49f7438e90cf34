package dev.dgmbench.reports.analysis;

import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.Synthetic;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.StudyResults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderAgreementTest {
    @TempDir
    Path tmp;

    @Test
    void driftIsTheMeansDifferenceInPooledSeedDeviations() {
        // means 2 and 3, sample variances 1 and 1: pooled sd 1, so 1 seed SD; relative to 2: 50%
        FolderAgreement.MeanDrift d = FolderAgreement.drift("nll", "p", new double[]{1, 2, 3}, new double[]{2, 3, 4});
        assertEquals(2, d.mean(), 0);
        assertEquals(3, d.otherMean(), 0);
        assertEquals(1, d.seedSds(), 1e-15);
        assertEquals(0.5, d.relDiff(), 1e-15);
        assertEquals("3/3", d.n());
        // variances 1 and 4: pooled sqrt(2.5); difference 10
        assertEquals(10 / Math.sqrt(2.5), FolderAgreement.drift("kl", "p", new double[]{0, 1, 2}, new double[]{9, 11, 13}).seedSds(), 1e-12);
        assertEquals(0, FolderAgreement.drift("kl", "p", new double[]{5, 5}, new double[]{5, 5}).seedSds());
        assertEquals(Double.POSITIVE_INFINITY, FolderAgreement.drift("kl", "p", new double[]{1, 1}, new double[]{2, 2}).seedSds());
    }

    /**
     * One grid point, 5 seeds a side: seedSds = |t| sqrt(2/5) with t Student's on 8 degrees of freedom, whose
     * 97.5% quantile is 2.306004 (tables); 4,000 draws put the simulated 95th percentile within a few percent.
     * Eight such points: the largest of 8 independent |t| sqrt(2/5), whose 95th percentile solves
     * P(|t_8| < x)^8 = 0.95, i.e. the (1 + 0.95^(1/8)) / 2 = 0.996805 quantile of t_8, 3.6611 (scipy.stats.t.ppf).
     */
    @Test
    void chanceLevelIsTheNullsPercentile() {
        double scale = Math.sqrt(2.0 / 5);
        assertEquals(2.306004 * scale, FolderAgreement.chance95(List.of(new int[]{5, 5})), 0.06);
        List<int[]> eight = java.util.Collections.nCopies(8, new int[]{5, 5});
        assertEquals(3.6611 * scale, FolderAgreement.chance95(eight), 0.1);
        assertEquals(FolderAgreement.chance95(eight), FolderAgreement.chance95(eight), 0, "fixed seed: the same every time");
    }

    @Test
    void verdictsAreMatchedByClaimId() {
        List<ClaimResult> mine = Synthetic.claims(StudyResults.read(Synthetic.study(tmp.resolve("s"))));
        List<ClaimResult> theirs = List.of(withVerdict(mine.get(0), ClaimResult.Verdict.REFUTED));
        List<FolderAgreement.VerdictMatch> m = FolderAgreement.verdicts(mine, theirs);
        assertEquals(2, m.size());
        assertEquals("REFUTED", m.get(0).otherVerdict());
        assertNull(m.get(1).otherVerdict(), "a claim the other folder lacks");
        assertEquals("0 of 2 claim verdicts agree; differ: " + mine.get(0).id() + " (SUPPORTED here, REFUTED there), "
                + mine.get(1).id() + " (INCONCLUSIVE here, not judged there)", AgreementText.claimsAgreement(m));
        assertEquals("2 of 2 claim verdicts agree", AgreementText.claimsAgreement(FolderAgreement.verdicts(mine, mine)));
        assertNull(AgreementText.claimsAgreement(List.of()));
    }

    /** Another backend's folder: every run's NLL 0.5 higher, one claim judged otherwise; the report says both. */
    @Test
    void theReportComparesVerdictsAndGridPointMeans() throws Exception {
        Path study = Synthetic.study(tmp.resolve("study"));
        Path other = Synthetic.copy(study, tmp.resolve("other"), r -> {
            Map<String, Double> model = new TreeMap<>(r.metrics().model());
            model.computeIfPresent("nll", (k, v) -> v + 0.5);
            return Synthetic.withMetrics(r, new RunMetrics(model, r.metrics().samplers()));
        });
        List<ClaimResult> claims = new ArrayList<>(StudyResults.read(study).claims());
        claims.set(1, withVerdict(claims.get(1), ClaimResult.Verdict.SUPPORTED));
        StudyResults.writeClaims(other, claims);
        Reports.writeStudyReport(study, tmp.resolve("report"), List.of(other));
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("Claims: 1 of 2 claim verdicts agree; differ: " + claims.get(1).id()
                + " (INCONCLUSIVE here, SUPPORTED there)."), md);

        // the NLL row: at every grid point the difference is 0.5; the largest in seed SDs is where the spread is least
        StudyResults s = StudyResults.read(study);
        double best = 0;
        String where = null;
        for (Grid.Point p : new Grid(s.runs()).points) {
            double[] v = p.ok().stream().mapToDouble(r -> r.metrics().model().get("nll")).toArray();
            double mean = java.util.Arrays.stream(v).average().orElseThrow(), ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            double sds = 0.5 / Math.sqrt(ss / (v.length - 1));
            if (sds > best) {
                best = sds;
                where = p.label();
            }
        }
        String row = md.lines().filter(l -> l.startsWith("| nll |")).findFirst().orElseThrow();
        assertTrue(row.startsWith("| nll | " + where + " |"), row);
        assertTrue(row.contains("| " + NumberFormats.num(best) + " |"), row + " vs " + best);
    }

    private static ClaimResult withVerdict(ClaimResult c, ClaimResult.Verdict v) {
        return new ClaimResult(c.id(), c.text(), c.metric(), c.direction(), c.test(), c.alpha(), c.minEffect(), c.a(), c.b(),
                c.pValue(), c.pOpposite(), c.effectSize(), c.effectName(), v, c.expected(), c.note());
    }
}
