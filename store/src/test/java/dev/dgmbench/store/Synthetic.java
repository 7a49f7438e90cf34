package dev.dgmbench.store;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Synthetic result folders written with ResultFolder.commit: a few runs, a few metrics, samples and traces. */
final class Synthetic {
    static final double[] BETAS = {0.2, 0.5, 1.0, 2.0};
    static final String[] SAMPLERS = {"prior", "langevin", "mala", "sir"};

    private Synthetic() {
    }

    static String specDigest(String study) {
        return Digests.sha256("spec of " + study);
    }

    static String runId(int i) {
        return "beta=" + BETAS[i % BETAS.length] + "_seed=" + (i / BETAS.length + 1);
    }

    static StudyInfo info(String study, int runs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) ids.add(runId(i));
        String spec = "name: " + study + "\ngrid:\n  model.beta: [0.2, 0.5, 1.0, 2.0]\nseeds: " + runs / 4 + "\n";
        return new StudyInfo(study, "synthetic study for the store tests", "specs/" + study + ".yaml", spec,
                specDigest(study), ids, "dgmbench run specs/" + study + ".yaml");
    }

    /** Run {@code i} of a study; run 3 failed. Numbers depend on the commit and backend. */
    static RunResult run(String study, int i, String commit, String backend, String host, boolean failed) {
        Random rnd = new Random(31L * i + (commit + backend).hashCode());
        double beta = BETAS[i % BETAS.length];
        long seed = i / BETAS.length + 1;
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("model.beta", beta);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", Map.of("beta", beta, "latent", 50, "layers", List.of(512, 256)));
        config.put("train", Map.of("epochs", 20, "lr", 1.0E-3, "batch", 128));
        config.put("big", 1.0E20);
        config.put("seed", seed);
        RunInfo info = new RunInfo(runId(i), study, specDigest(study), grid, seed, backend,
                failed ? RunStatus.FAILED : RunStatus.OK, failed ? "java.lang.OutOfMemoryError: synthetic" : null,
                config, Instant.parse("2025-01-02T10:00:00Z").plusSeconds(60L * i).toString(),
                Instant.parse("2025-01-02T10:00:30.123456Z").plusSeconds(60L * i).toString());
        Map<String, Double> model = new TreeMap<>();
        Map<String, Map<String, Double>> samplers = new TreeMap<>();
        if (failed) {
            model.put("nll", Double.NaN);
        } else {
            double nll = 90 + 10 * beta + rnd.nextGaussian();
            model.put("nll", nll);
            model.put("nll_nce", nll - 1.5 + 0.1 * rnd.nextGaussian());
            model.put("re", 60 + rnd.nextDouble());
            model.put("kl", 30 / beta + rnd.nextDouble());
            model.put("elbo", -nll - 2);
            model.put("bpd", nll / (784 * Math.log(2)));
            model.put("nce_accuracy", 0.5 + 0.4 * rnd.nextDouble());
            if (i == 0) { // numbers that a lossy round trip would change
                model.put("tiny", 4.9E-324);
                model.put("negzero", -0.0);
                model.put("huge", 1.7976931348623157E308);
            }
            for (String s : SAMPLERS) {
                samplers.put(s, Map.of("frechet", 20 + 5 * rnd.nextDouble(), "pixel_entropy", 3 + rnd.nextDouble()));
            }
        }
        List<EpochRecord> history = new ArrayList<>();
        for (int e = 1; e <= 20; e++) {
            double l = 200.0 / e + rnd.nextDouble();
            history.add(new EpochRecord(e, l, l * 0.7, l * 0.3, l + 1, l * 0.7 + 1, l * 0.3, 1.5 + rnd.nextDouble()));
        }
        Map<String, Double> timings = Map.of("train_seconds", 30 + rnd.nextDouble(), "nll_seconds", 4.5,
                "langevin_steps_per_second", 1234.5);
        Map<String, String> provenance = new TreeMap<>(Map.of("backend", backend, "build", "linux-x86_64-avx2",
                "commit", commit, "host", host, "branch", "main", "java", "17.0.15", "threads", "1"));
        Map<String, int[][]> sets = new TreeMap<>();
        for (String set : List.of("real", "reconstruction", "prior", "langevin")) {
            int[][] images = new int[16][28 * 28];
            for (int[] img : images) for (int p = 0; p < img.length; p++) img[p] = rnd.nextInt(256);
            sets.put(set, images);
        }
        SampleSets samples = new SampleSets(28, 28, 256, sets);
        Map<String, double[]> traces = new TreeMap<>();
        double[] energy = new double[200];
        for (int t = 0; t < energy.length; t++) energy[t] = -100 + 50.0 / (t + 1) + rnd.nextGaussian();
        traces.put("langevin_energy", energy);
        RunMetrics metrics = new RunMetrics(model, samplers);
        return new RunResult(info, metrics, history, timings, provenance, samples, traces, Digests.ofMetrics(metrics));
    }

    static List<RunResult> runs(String study, int n, String commit, String backend, String host) {
        List<RunResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(run(study, i, commit, backend, host, i == 3));
        return out;
    }

    static List<ClaimResult> claims() {
        ClaimResult.GroupEvidence a = new ClaimResult.GroupEvidence("model.beta=2.0", 3, 110, 1, 108, 112,
                new double[]{109, 110, 111}, new long[]{1, 2, 3});
        ClaimResult.GroupEvidence b = new ClaimResult.GroupEvidence("model.beta=0.2", 3, 92, 1, 90, 94,
                new double[]{91, 92, 93}, new long[]{1, 2, 3});
        return List.of(
                new ClaimResult("nll-grows-with-beta", "NLL grows with beta", "nll", "A > B", "welch", 0.05, 0.5,
                        a, b, 0.001, 0.999, 12.5, "hedges_g", ClaimResult.Verdict.SUPPORTED, null, null),
                new ClaimResult("kl-shrinks-with-beta", "KL shrinks with beta", "kl", "A < B", "mann-whitney", 0.05, 0,
                        a, b, 0.04, 0.96, -0.8, "cliffs_delta", ClaimResult.Verdict.INCONCLUSIVE,
                        ClaimResult.Verdict.SUPPORTED, "1 failed run left out", "holm", 2, 0.08, 0.96,
                        List.of("posterior collapse in 2 of 3 runs of model.beta=2.0")));
    }

    /** Writes a study folder holding {@code runs} (and claims, if given). */
    static Path write(Path folder, StudyInfo info, List<RunResult> runs, List<ClaimResult> claims) {
        StudyResults.writeStudyInfo(folder, info);
        for (RunResult r : runs) ResultFolder.commit(folder.resolve(StudyResults.RUNS), r, null);
        if (claims != null) StudyResults.writeClaims(folder, claims);
        return folder;
    }

    /** A whole study folder of {@code n} runs with claims. */
    static Path study(Path folder, String study, int n, String commit, String backend) {
        return write(folder, info(study, n), runs(study, n, commit, backend, "ci-1"), claims());
    }
}
