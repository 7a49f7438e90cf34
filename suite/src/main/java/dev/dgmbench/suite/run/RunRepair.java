package dev.dgmbench.suite.run;

import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.ResultValidation;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.suite.plan.PlannedRun;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;

/**
 * What a rerun finds in {@code runs/}: published folders that are damaged are moved aside to
 * {@code runs/.damaged/<id>-<time>} (kept, never read as results) so the run is done again, and a run counts as
 * finished only when its folder is sound and was made with the same resolved configuration.
 */
final class RunRepair {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RunRepair() {
    }

    /**
     * InputChecks the published folders of {@code planned} (the full plan: other shards' runs are judged with ours) and
     * moves the damaged ones aside, saying so on {@code warnings}; returns how many were moved.
     */
    static int moveAsideDamaged(Path runsDir, Collection<String> planned, Set<String> thisShard, PrintStream warnings) {
        int moved = 0;
        for (String id : planned) {
            Path dir = runsDir.resolve(id);
            if (!Files.exists(dir.resolve(ResultFolder.DIGEST))) continue;
            var problem = ResultValidation.problem(dir);
            if (problem.isEmpty()) continue;
            Path aside = moveAside(runsDir, dir);
            warnings.println("warning: " + problem.get() + "; the run's folder is moved aside to " + aside
                    + (thisShard.contains(id) ? " and the run is done again"
                    : "; it belongs to another shard: run that shard again to redo it"));
            moved++;
        }
        return moved;
    }

    /** A published run counts as done only if it was made with the same resolved configuration. */
    static boolean finishedWithSameConfig(Path runDir, PlannedRun planned) {
        if (!Files.exists(runDir.resolve(ResultFolder.DIGEST))) return false;
        try {
            RunInfo info = CanonicalJson.read(runDir.resolve(ResultFolder.RUN), RunInfo.class);
            return CanonicalJson.canonical(info.config()).equals(CanonicalJson.canonical(planned.configMap()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Path moveAside(Path runsDir, Path dir) {
        Path damaged = runsDir.resolve(ResultFolder.DAMAGED);
        String base = dir.getFileName() + "-" + STAMP.format(Instant.now());
        try {
            Files.createDirectories(damaged);
            Path target = damaged.resolve(base);
            for (int i = 2; Files.exists(target); i++) target = damaged.resolve(base + "-" + i);
            Files.move(dir, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged " + dir + " aside: " + e.getMessage(), e);
        }
    }
}
