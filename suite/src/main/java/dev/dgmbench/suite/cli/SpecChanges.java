package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.spec.Overrides;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line's changes to a spec ({@code --set}, {@code --grid}, {@code --seeds}), shared by the commands
 * that load one; the schema checks them with the file ({@link Overrides}).
 */
final class SpecChanges {
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = {"change one field of the spec, in YAML syntax"
            + " (repeatable): --set training.max_epochs=5, --set prior.nce.hidden=[64,64]; values separated by commas"
            + " sweep it in the grid: --set model.beta=0.2,1.0; one value for a gridded field takes it out of the grid"})
    List<String> sets = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "PATH=V1,V2", description = "sweep a field in the grid (repeatable), even"
            + " over one value: --grid model.latent=8,16")
    List<String> grids = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "LIST", description = "the seeds instead of the spec's: 1-3, 1,2,5 or 1-3,7")
    String seeds;

    Overrides overrides() {
        return Overrides.of(sets, grids, seeds);
    }

    StudySpec load(String spec, boolean checkFiles) {
        return SpecLoader.loadArgument(spec, checkFiles, overrides());
    }
}
