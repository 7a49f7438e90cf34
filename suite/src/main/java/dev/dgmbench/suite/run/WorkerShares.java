package dev.dgmbench.suite.run;

import dev.dgmbench.suite.plan.PlannedRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the runs a study still has to do are split over its worker JVMs before they start, where they do not take runs
 * as they become free ({@link RunQueue}): one worker, or an engine that trains stacked groups.
 */
final class WorkerShares {
    private WorkerShares() {
    }

    /**
     * At most {@code workers} non-empty shares of run ids. Run by run round robin, or, for an engine that trains
     * stacked groups, whole groups round robin: the runs of one group then train together in one worker whatever the
     * worker count, and on a GPU, where a member's bits depend on its group, so do the results.
     */
    static List<List<String>> split(List<PlannedRun> todo, int workers, boolean wholeGroups) {
        List<List<String>> units = new ArrayList<>();
        if (wholeGroups) {
            Map<String, List<String>> byGroup = new LinkedHashMap<>();
            for (PlannedRun r : todo) byGroup.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r.runId());
            units.addAll(byGroup.values());
        } else {
            for (PlannedRun r : todo) units.add(List.of(r.runId()));
        }
        int n = Math.max(1, Math.min(workers, units.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) shares.add(new ArrayList<>());
        for (int i = 0; i < units.size(); i++) shares.get(i % n).addAll(units.get(i));
        return shares;
    }
}
