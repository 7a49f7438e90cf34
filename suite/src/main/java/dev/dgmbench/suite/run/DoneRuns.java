package dev.dgmbench.suite.run;

import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.StudyPlan;

import java.nio.file.Path;
import java.util.List;

/** The runs of a plan already finished in an output folder, as a rerun would find them (same configuration). */
public final class DoneRuns {
    private DoneRuns() {
    }

    public static List<PlannedRun> in(Path folder, StudyPlan plan) {
        Path runs = folder.resolve(StudyResults.RUNS);
        return plan.runs().stream().filter(r -> RunRepair.finishedWithSameConfig(runs.resolve(r.runId()), r)).toList();
    }
}
