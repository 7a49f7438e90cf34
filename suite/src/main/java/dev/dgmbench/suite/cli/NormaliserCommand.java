package dev.dgmbench.suite.cli;

import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.suite.pipeline.NormaliserRecheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "normaliser", mixinStandardHelpOptions = true,
        description = {"Check the NCE normaliser of a study's finished runs without a rerun: estimate log Z again from"
                + " each run's saved classifier by annealed importance sampling, print it beside the recorded"
                + " estimate with both ESS, and the NCE gain (nll - nll_nce) under each; writes FOLDER/normaliser.csv."})
class NormaliserCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FOLDER", description = "a study output folder")
    Path folder;

    @Option(names = "--chains", description = "annealing chains (default: ${DEFAULT-VALUE})")
    int chains = AnnealedNormaliser.CHAINS;

    @Option(names = "--temperatures", description = "temperatures from N(0, I) to the tilted prior (default: ${DEFAULT-VALUE})")
    int temperatures = AnnealedNormaliser.TEMPERATURES;

    @Override
    public Integer call() {
        if (chains < 2) throw new BadInputException("--chains " + chains + ": allowed: at least 2");
        if (temperatures < 1) throw new BadInputException("--temperatures " + temperatures + ": allowed: at least 1");
        List<NormaliserRecheck.Row> rows = NormaliserRecheck.of(folder, chains, temperatures);
        System.out.printf(Locale.ROOT, "%-32s %24s %24s %9s %9s%n", "run", "log Z recorded (ESS)",
                "log Z annealed (ESS)", "gain rec", "gain ann");
        for (NormaliserRecheck.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-32s %8.3f ± %.3f (%6.0f) %8.3f ± %.3f (%6.0f) %9.2f %9.2f%s%n", r.runId(),
                    r.recordedLogZ(), r.recordedSe(), r.recordedEss(), r.annealedLogZ(), r.annealedSe(), r.annealedEss(),
                    r.recordedGain(), r.annealedGain(), r.annealedReliable() ? "" : String.format(Locale.ROOT,
                    "  (annealed unreliable: ESS below %.0f or se above %s)", NcePrior.ESS_MIN, NcePrior.LOG_Z_SE_MAX));
        }
        try {
            Path csv = AtomicFiles.writeString(folder.resolve("normaliser.csv"), NormaliserRecheck.csv(rows));
            System.out.println("wrote " + csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }
}
