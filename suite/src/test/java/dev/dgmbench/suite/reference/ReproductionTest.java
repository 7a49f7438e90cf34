package dev.dgmbench.suite.reference;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.Verdict;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.suite.spec.ReferenceTable;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ReproductionTest {
    static final double[] NLL = {684.1, 685.9, 683.2, 686.0, 682.8};
    static final Map<String, List<Object>> GRID = Map.of("model.beta", List.of(0.2, 1.0));

    static List<RunResult> runs() {
        List<RunResult> out = new ArrayList<>();
        for (int s = 0; s < NLL.length; s++) {
            for (double beta : new double[]{0.2, 1.0}) {
                Map<String, Object> gp = new LinkedHashMap<>(Map.of("model.beta", beta));
                RunInfo info = new RunInfo("beta=" + beta + "_seed=" + (s + 1), "t", "d", gp, s + 1, "cpu", RunStatus.OK,
                        null, Map.of(), "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z");
                out.add(new RunResult(info, new RunMetrics(Map.of("nll", NLL[s] - (beta == 1.0 ? 40 : 0)), Map.of()),
                        List.of(), Map.of(), Map.of(), null, Map.of(), "x"));
            }
        }
        return out;
    }

    static String csv(double shiftAtBeta02) {
        StringBuilder b = new StringBuilder("model.beta,seed,metric,value\n");
        for (int s = 0; s < NLL.length; s++) {
            b.append("0.2,").append(s + 1).append(",nll,").append(NLL[s] + shiftAtBeta02).append('\n');
            b.append("1.0,").append(s + 1).append(",nll,").append(NLL[s] - 40).append('\n');
        }
        return b.toString();
    }

    static List<ClaimResult> judge(String csv, double margin, double marginSd) {
        StudySpec.Reference ref = new StudySpec.Reference("ref.csv", margin, marginSd, 0.05, "reproduced");
        return Reproduction.evaluate(ref, ReferenceTable.parse(csv, "refs/ref.csv", GRID), runs());
    }

    @Test
    void theIdenticalReferenceIsReproducedAndAFiveNatShiftIsNot() {
        List<ClaimResult> same = judge(csv(0), 2, 0);
        assertEquals(List.of(Verdict.SUPPORTED, Verdict.SUPPORTED), same.stream().map(ClaimResult::verdict).toList());
        assertEquals("reproduces-ref:nll[model.beta=0.2]", same.get(0).id());
        assertEquals(0.0, same.get(0).effectSize(), 1e-9);
        assertEquals(Verdict.SUPPORTED, same.get(0).expected());
        List<ClaimResult> shifted = judge(csv(5), 2, 0);
        assertEquals(Verdict.REFUTED, shifted.get(0).verdict(), shifted.get(0).note());
        assertTrue(shifted.get(0).note().startsWith("not reproduced: the difference exceeds the margin; difference -5"),
                shifted.get(0).note());
        assertEquals(Verdict.SUPPORTED, shifted.get(1).verdict(), "the other cell is untouched");
    }

    @Test
    void theMarginWidensToPooledSeedSds() {
        // seed sd of NLL is 1.49: 2 x that = 2.98 nats; a 5-nat shift is still beyond, a 1-nat one within
        ClaimResult r = judge(csv(1), 0.5, 2).get(0);
        assertEquals(2 * 1.491643389017626, r.minEffect(), 1e-9);
        assertNotEquals(Verdict.REFUTED, r.verdict());
        assertTrue(r.text().contains("within ±2.983 nats"), r.text());
    }

    @Test
    void summaryReferencesAndTooFewValues() {
        // the suite's cell summarised exactly: mean 684.4, sd 1.492, n 5
        List<ClaimResult> r = judge("model.beta,metric,mean,sd,n\n0.2,nll,684.4,1.491643389017626,5\n1.0,nll,644.4,1,1\n", 2, 0);
        assertEquals(Verdict.SUPPORTED, r.get(0).verdict());
        assertEquals(5, r.get(0).b().n());
        assertEquals(Verdict.NOT_EVALUATED, r.get(1).verdict());
        assertTrue(r.get(1).note().contains("the reference 1"), r.get(1).note());
    }

    @Test
    void aCellWithPlannedRunsNotDoneIsNotJudged() {
        // the plan has a sixth seed at beta 0.2 that is not done (a run with --only): that cell waits, the other is judged
        Map<String, Map<String, Object>> planned = new LinkedHashMap<>();
        for (RunResult r : runs()) planned.put(r.info().runId(), r.info().gridPoint());
        planned.put("beta=0.2_seed=6", Map.of("model.beta", 0.2));
        StudySpec.Reference ref = new StudySpec.Reference("ref.csv", 2, 0, 0.05, "reproduced");
        List<ClaimResult> r = Reproduction.evaluate(ref, ReferenceTable.parse(csv(0), "refs/ref.csv", GRID), planned, runs());
        assertEquals(Verdict.NOT_EVALUATED, r.get(0).verdict());
        assertTrue(r.get(0).note().startsWith("not judged: 1 of the 6 runs of its cell are not done"), r.get(0).note());
        assertEquals(5, r.get(0).a().n(), "the evidence so far is kept");
        assertEquals(Verdict.SUPPORTED, r.get(1).verdict(), "the complete cell is judged as without a plan");
    }
}
