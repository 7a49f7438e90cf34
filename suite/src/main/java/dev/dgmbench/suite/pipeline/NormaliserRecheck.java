package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.TemperatureSchedule;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.plan.ResolvedRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NCE normaliser of finished runs estimated again, from their saved classifiers ({@code model/nce.bin}), by
 * another estimator (annealed importance sampling, or the SMC sampler on another schedule), with the run's seed: a
 * check of the recorded log Z that needs no rerun. {@code nll_nce} moves by exactly
 * the change of log Z (it is {@code -mean log((1/K) sum_k w_k e^f_k) + log Z}), so the row also gives the NCE gain
 * ({@code nll - nll_nce}) under the annealed estimate.
 */
public final class NormaliserRecheck {
    private NormaliserRecheck() {
    }

    /** How the recheck estimates Z from a run's classifier and seed. */
    @FunctionalInterface
    public interface Estimator {
        NcePrior estimate(RatioClassifier classifier, long seed);
    }

    /**
     * One run: the recorded estimate and the recheck's.
     *
     * @param recheckNllNce the recorded {@code nll_nce} moved by the change of log Z
     */
    public record Row(String runId, Map<String, Object> gridPoint, long seed, double recordedLogZ, double recordedSe,
                      double recordedEss, double recheckLogZ, double recheckSe, double recheckEss, double nll,
                      double recordedNllNce, double recheckNllNce) {
        public double recordedGain() {
            return nll - recordedNllNce;
        }

        public double recheckGain() {
            return nll - recheckNllNce;
        }

        public boolean recheckReliable() {
            return NcePrior.reliable(recheckEss, recheckSe);
        }
    }

    /** Annealed importance sampling with {@code chains} chains over {@code temperatures} temperatures. */
    public static Estimator annealed(int chains, int temperatures) {
        return (c, seed) -> AnnealedNormaliser.estimate(c, chains, temperatures, seed);
    }

    /** The SMC sampler (its replicates and particles) on {@code schedule}. */
    public static Estimator smc(TemperatureSchedule schedule) {
        return (c, seed) -> SmcNormaliser.estimate(c, SmcNormaliser.REPLICATES, SmcNormaliser.PARTICLES, schedule, seed).prior();
    }

    /** Every OK run of {@code folder} that has an NCE prior and its classifier, in the folder's order. */
    public static List<Row> of(Path folder, Estimator estimator) {
        StudyResults study = StudyResults.read(folder);
        List<Row> out = new ArrayList<>();
        for (RunResult r : study.runs()) {
            if (r.info().status() != RunStatus.OK || r.metrics().model().get("nce_log_z") == null) continue;
            Path runDir = folder.resolve(StudyResults.RUNS).resolve(r.info().runId());
            if (!Files.exists(ModelFiles.dir(runDir).resolve(ModelFiles.NCE))) continue;
            ResolvedRun config = ResolvedRun.from(r.info().config());
            RatioClassifier c = engineFor(RunSettings.engine(config)).ratioClassifier(ModelFiles.classifier(runDir, config));
            NcePrior annealed = estimator.estimate(c, r.info().seed());
            Map<String, Double> m = r.metrics().model();
            double logZ = m.get("nce_log_z");
            out.add(new Row(r.info().runId(), r.info().gridPoint(), r.info().seed(), logZ, m.getOrDefault("nce_log_z_se", Double.NaN),
                    m.getOrDefault("nce_log_z_ess", Double.NaN), annealed.logZ(), annealed.logZStdError(), annealed.ess(),
                    m.get("nll"), m.get("nll_nce"), m.get("nll_nce") + annealed.logZ() - logZ));
        }
        if (out.isEmpty()) {
            throw new BadInputException(folder + ": no finished run with an NCE prior and its saved classifier"
                    + " (runs/<id>/model/nce.bin); allowed: the output folder of a study with prior.nce enabled");
        }
        return out;
    }

    /**
     * The run's engine where this JVM can make it, so the recheck computes what a run with that normaliser would; else (an engine of its own class path, such as cuda) the default engine, whose products round apart.
     */
    private static Engine engineFor(String name) {
        return Engines.unavailable(name).isEmpty() && Engines.ownClasspath(name).isEmpty()
                ? Engines.create(name) : Engines.create(Engines.DEFAULT);
    }

    /** The rows as CSV, one per run; {@code method} names the recheck's estimator. */
    public static String csv(List<Row> rows, String method) {
        StringBuilder b = new StringBuilder("run_id,seed,recorded_log_z,recorded_log_z_se,recorded_log_z_ess,method,"
                + "recheck_log_z,recheck_log_z_se,recheck_log_z_ess,nll,recorded_nll_nce,recheck_nll_nce\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", r.runId(), r.seed(),
                    r.recordedLogZ(), r.recordedSe(), r.recordedEss(), method, r.recheckLogZ(), r.recheckSe(), r.recheckEss(),
                    r.nll(), r.recordedNllNce(), r.recheckNllNce()));
        }
        return b.toString();
    }
}
