package dev.dgmbench.suite.cli;

import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.TemperatureSchedule;
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
                + " each run's saved classifier (annealed importance sampling, or the SMC sampler on another schedule),"
                + " print it beside the recorded estimate with both ESS, and the NCE gain (nll - nll_nce) under each;"
                + " writes FOLDER/normaliser.csv."})
class NormaliserCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FOLDER", description = "a study output folder")
    Path folder;

    @Option(names = "--method", description = "annealed (annealed importance sampling) or smc (the SMC sampler;"
            + " the suite's default normaliser) (default: ${DEFAULT-VALUE})")
    String method = "annealed";

    @Option(names = "--chains", description = "annealing chains of annealed (default: ${DEFAULT-VALUE})")
    int chains = AnnealedNormaliser.CHAINS;

    @Option(names = "--temperatures", description = "temperatures from N(0, I) to the tilted prior: an integer (the fixed"
            + " schedule) or auto (smc: the adaptive schedule; annealed: 1000) (default: ${DEFAULT-VALUE})")
    String temperatures = "auto";

    @Override
    public Integer call() {
        if (chains < 2) throw new BadInputException("--chains " + chains + ": allowed: at least 2");
        Integer k = temperatures.equals("auto") ? null : parse(temperatures);
        NormaliserRecheck.Estimator estimator = switch (method) {
            case "annealed" -> NormaliserRecheck.annealed(chains, k == null ? AnnealedNormaliser.TEMPERATURES : k);
            case "smc" -> NormaliserRecheck.smc(k == null ? TemperatureSchedule.DEFAULT : new TemperatureSchedule.Fixed(k));
            default -> throw new BadInputException("--method " + method + ": allowed: annealed or smc");
        };
        List<NormaliserRecheck.Row> rows = NormaliserRecheck.of(folder, estimator);
        System.out.printf(Locale.ROOT, "%-32s %24s %24s %9s %9s%n", "run", "log Z recorded (ESS)",
                "log Z " + method + " (ESS)", "gain rec", "gain " + method);
        for (NormaliserRecheck.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-32s %8.3f ± %.3f (%6.0f) %8.3f ± %.3f (%6.0f) %9.2f %9.2f%s%n", r.runId(),
                    r.recordedLogZ(), r.recordedSe(), r.recordedEss(), r.recheckLogZ(), r.recheckSe(), r.recheckEss(),
                    r.recordedGain(), r.recheckGain(), r.recheckReliable() ? "" : String.format(Locale.ROOT,
                    "  (%s unreliable: ESS below %.0f or se above %s)", method, NcePrior.ESS_MIN, NcePrior.LOG_Z_SE_MAX));
        }
        try {
            Path csv = AtomicFiles.writeString(folder.resolve("normaliser.csv"), NormaliserRecheck.csv(rows, method));
            System.out.println("wrote " + csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }

    private static int parse(String temperatures) {
        try {
            int k = Integer.parseInt(temperatures);
            if (k >= 1) return k;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--temperatures " + temperatures + ": allowed: an integer >= 1 or auto");
    }
}
