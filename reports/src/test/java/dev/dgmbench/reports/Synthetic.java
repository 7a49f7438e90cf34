package dev.dgmbench.reports;

import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.results.ClaimResult;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Synthetic result folders with known numbers: 2 betas x 2 latent sizes x 3 seeds, 4 samplers, 8x8 sample sets
 * with 17 grey levels, and one FAILED run (beta=1.0, latent=50, seed=3).
 */
public final class Synthetic {
    public static final double[] BETAS = {0.2, 1.0};
    public static final int[] LATENTS = {10, 50};
    public static final long[] SEEDS = {1, 2, 3};
    public static final List<String> SAMPLERS = List.of("prior", "langevin", "mala", "sir");
    public static final String FAILED_RUN = runId(1.0, 50, 3);
    public static final String FAILURE = "loss became NaN at epoch 4 (learning rate 0.05 too high?)";
    public static final String SPEC = """
            name: beta-vae-digits
            description: beta-VAE on 8x8 digits, NCE prior, Langevin samplers
            grid:
              model.beta: [0.2, 1.0]
              model.latent: [10, 50]
            seeds: [1, 2, 3]
            claims:
              - id: kl-decreases-with-beta
                text: KL shrinks as beta grows
            """;

    private Synthetic() {
    }

    public static String runId(double beta, int latent, long seed) {
        return "beta=" + beta + "_latent=" + latent + "_seed=" + seed;
    }

    public static String label(double beta, int latent) {
        return "beta=" + beta + ", latent=" + latent;
    }

    public static StudyInfo info() {
        List<String> ids = new ArrayList<>();
        for (double b : BETAS) for (int l : LATENTS) for (long s : SEEDS) ids.add(runId(b, l, s));
        return new StudyInfo("beta-vae-digits", "beta-VAE on 8x8 digits with an NCE prior and Langevin samplers",
                "specs/beta-vae-digits.yaml", SPEC, "5pec" + "0".repeat(60), ids,
                "java -jar dgmbench.jar run specs/beta-vae-digits.yaml --out results/beta-vae-digits");
    }

    /** Writes the whole study into {@code folder} and returns it. */
    public static Path study(Path folder) {
        StudyResults.writeStudyInfo(folder, info());
        for (double b : BETAS) for (int l : LATENTS) for (long s : SEEDS) ResultFolder.commit(folder.resolve(StudyResults.RUNS), run(b, l, s), null);
        StudyResults.writeClaims(folder, claims(StudyResults.read(folder)));
        return folder;
    }

    public static RunResult run(double beta, int latent, long seed) {
        String id = runId(beta, latent, seed);
        Map<String, Object> grid = new TreeMap<>(Map.of("model.beta", beta, "model.latent", latent));
        Random rnd = new Random(seed * 7919 + latent * 31L + Math.round(beta * 1000));
        Map<String, String> prov = new TreeMap<>(Map.of("backend", "cpu-avx2", "classifier", "linux-x86_64-avx2",
                "threads", "1", "cpu", "Synthetic CPU @ 2.0GHz", "os", "Linux 6.1 amd64", "java", "17.0.15",
                "nd4j", "1.0.0-M2.1", "commit", "abc1234"));
        if (id.equals(FAILED_RUN)) {
            RunInfo info = new RunInfo(id, "beta-vae-digits", info().specDigest(), grid, seed, "cpu-avx2", RunStatus.FAILED,
                    FAILURE, Map.of("model", Map.of("beta", beta, "latent", latent)), "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z");
            List<EpochRecord> h = new ArrayList<>();
            for (int e = 1; e <= 3; e++) h.add(new EpochRecord(e, 80 - e, 60, 20, 81 - e, 61, 20, 2.0));
            return new RunResult(info, new RunMetrics(Map.of(), Map.of()), h, Map.of("train_seconds", 6.0), prov, null, Map.of(), null);
        }
        double re = 30 + 8 * beta + 0.5 * rnd.nextGaussian();
        double kl = 12 / (beta + 0.5) + 0.02 * latent + 0.3 * rnd.nextGaussian();
        double nll = re + kl - 1.5 + 0.2 * rnd.nextGaussian();
        Map<String, Double> model = new TreeMap<>();
        model.put("re", re);
        model.put("kl", kl);
        model.put("elbo", -(re + kl));
        model.put("loss", re + beta * kl);
        model.put("nll", nll);
        model.put("nll_nce", nll - 0.8 + 0.1 * rnd.nextGaussian());
        model.put("bpd", nll / (64 * Math.log(2)));
        model.put("nce_accuracy", 0.7 + 0.02 * rnd.nextGaussian());
        Map<String, Map<String, Double>> samplers = new TreeMap<>();
        for (int i = 0; i < SAMPLERS.size(); i++) {
            double q = 1.0 - 0.15 * i; // later samplers are better
            Map<String, Double> m = new TreeMap<>();
            m.put("frechet", 40 * q * (1 + beta) + rnd.nextGaussian());
            m.put("kid", 0.05 * q + 0.002 * rnd.nextGaussian());
            m.put("precision", 0.5 + 0.1 * i + 0.02 * rnd.nextGaussian());
            m.put("recall", 0.6 - 0.05 * i + 0.02 * rnd.nextGaussian());
            m.put("density", 0.8 + 0.05 * i + 0.03 * rnd.nextGaussian());
            m.put("coverage", 0.55 + 0.05 * i + 0.02 * rnd.nextGaussian());
            m.put("pixel_entropy", 2.1 + 0.1 * rnd.nextGaussian());
            m.put("class_tv", 0.3 * q + 0.02 * rnd.nextGaussian());
            samplers.put(SAMPLERS.get(i), m);
        }
        RunMetrics metrics = new RunMetrics(model, samplers);
        List<EpochRecord> history = new ArrayList<>();
        double loss = re + beta * kl;
        for (int e = 1; e <= 6; e++) {
            double f = 1 + 1.2 * Math.exp(-e / 1.6);
            history.add(new EpochRecord(e, loss * f + 0.3 * rnd.nextGaussian(), re * f, kl, loss * (f + 0.03) + 0.3 * rnd.nextGaussian(), re * f, kl, 2 + 0.1 * rnd.nextGaussian()));
        }
        Map<String, Double> timings = new TreeMap<>();
        timings.put("train_seconds", 12 + 0.1 * latent + 0.3 * rnd.nextGaussian());
        timings.put("epoch_seconds", timings.get("train_seconds") / 6);
        timings.put("nll_seconds", 3.2 + 0.1 * rnd.nextGaussian());
        timings.put("langevin_steps_per_second", 850 + 20 * rnd.nextGaussian());
        Map<String, double[]> traces = new TreeMap<>();
        traces.put("langevin_energy", trace(rnd, 200, 40 + 10 * beta, 35));
        traces.put("mala_energy", trace(rnd, 200, 38 + 10 * beta, 25));
        RunInfo info = new RunInfo(id, "beta-vae-digits", info().specDigest(), grid, seed, "cpu-avx2", RunStatus.OK, null,
                Map.of("model", Map.of("beta", beta, "latent", latent)), "2025-01-01T00:00:00Z", "2025-01-01T00:02:00Z");
        return new RunResult(info, metrics, history, timings, prov, samples(rnd, beta), traces, null);
    }

    private static double[] trace(Random rnd, int steps, double start, double tau) {
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) t[i] = 10 + start * Math.exp(-i / tau) + 0.8 * rnd.nextGaussian();
        return t;
    }

    // 8x8 bitmaps of the digits 0..9 ('#' = ink)
    private static final String[][] DIGITS = {
            {"..####..", ".##..##.", ".##..##.", ".##..##.", ".##..##.", ".##..##.", ".##..##.", "..####.."},
            {"...##...", "..###...", ".####...", "...##...", "...##...", "...##...", "...##...", ".######."},
            {"..####..", ".##..##.", ".....##.", "....##..", "...##...", "..##....", ".##.....", ".######."},
            {"..####..", ".##..##.", ".....##.", "...###..", ".....##.", ".....##.", ".##..##.", "..####.."},
            {"....##..", "...###..", "..#.##..", ".#..##..", ".######.", "....##..", "....##..", "....##.."},
            {".######.", ".##.....", ".#####..", ".....##.", ".....##.", ".....##.", ".##..##.", "..####.."},
            {"..####..", ".##.....", ".##.....", ".#####..", ".##..##.", ".##..##.", ".##..##.", "..####.."},
            {".######.", ".....##.", "....##..", "....##..", "...##...", "...##...", "..##....", "..##...."},
            {"..####..", ".##..##.", ".##..##.", "..####..", ".##..##.", ".##..##.", ".##..##.", "..####.."},
            {"..####..", ".##..##.", ".##..##.", "..#####.", ".....##.", ".....##.", "....##..", "..###..."}};

    private static SampleSets samples(Random rnd, double beta) {
        Map<String, int[][]> sets = new LinkedHashMap<>();
        sets.put("real", digits(rnd, 0.0, 0));
        sets.put("reconstruction", digits(rnd, 0.05 + 0.1 * beta, 0));
        double[] noise = {0.3, 0.15, 0.12, 0.2};
        for (int i = 0; i < SAMPLERS.size(); i++) sets.put(SAMPLERS.get(i), digits(rnd, noise[i] + 0.1 * beta, 1));
        return new SampleSets(8, 8, 17, sets);
    }

    private static int[][] digits(Random rnd, double noise, int offset) {
        int[][] out = new int[16][64];
        for (int n = 0; n < 16; n++) {
            String[] d = DIGITS[(n + offset) % 10];
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    double v = d[y].charAt(x) == '#' ? 16 : 0;
                    v += noise * 16 * rnd.nextGaussian();
                    out[n][y * 8 + x] = (int) Math.max(0, Math.min(16, Math.round(v)));
                }
            }
        }
        return out;
    }

    public static List<ClaimResult> claims(StudyResults s) {
        ClaimResult.GroupEvidence a = group(s, 0.2, 10, "kl"), b = group(s, 1.0, 10, "kl");
        ClaimResult.GroupEvidence c = group(s, 0.2, 50, "frechet"), d = group(s, 1.0, 50, "frechet");
        return List.of(
                new ClaimResult("kl-decreases-with-beta[model.latent=10]", "KL shrinks as beta grows", "kl", "A > B",
                        "welch", 0.05, 0.5, a, b, 0.0012, 0.9988, 3.1, "hedges_g", ClaimResult.Verdict.SUPPORTED,
                        ClaimResult.Verdict.SUPPORTED, null),
                new ClaimResult("frechet-grows-with-beta[model.latent=50]", "Samples get worse with larger beta | prior",
                        "prior.frechet", "A < B", "welch", 0.05, 0.5, c, d, 0.2, 0.8, -0.7, "hedges_g",
                        ClaimResult.Verdict.INCONCLUSIVE, ClaimResult.Verdict.SUPPORTED, "1 failed run left out"));
    }

    private static ClaimResult.GroupEvidence group(StudyResults s, double beta, int latent, String metric) {
        List<Double> v = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (RunResult r : s.runs()) {
            if (r.info().status() != RunStatus.OK) continue;
            if (!r.info().gridPoint().get("model.beta").equals(beta) || !r.info().gridPoint().get("model.latent").equals(latent)) continue;
            Double x = metric.equals("frechet") ? r.metrics().get("prior", metric) : r.metrics().get(null, metric);
            v.add(x);
            seeds.add(r.info().seed());
        }
        double[] vs = v.stream().mapToDouble(Double::doubleValue).toArray();
        Estimate e = Estimate.of(vs);
        return new ClaimResult.GroupEvidence("model.beta=" + beta + ", model.latent=" + latent, vs.length, e.mean(), e.sd(),
                e.ciLow(), e.ciHigh(), vs, seeds.stream().mapToLong(Long::longValue).toArray());
    }

    /** Copies a study folder run by run, changing each run (the digest is recomputed on commit). */
    public static Path copy(Path from, Path to, UnaryOperator<RunResult> change) {
        StudyResults s = StudyResults.read(from);
        StudyResults.writeStudyInfo(to, s.info());
        for (RunResult r : s.runs()) {
            RunResult c = change.apply(r);
            if (c != null) ResultFolder.commit(to.resolve(StudyResults.RUNS), c, null);
        }
        StudyResults.writeClaims(to, s.claims());
        return to;
    }

    public static RunResult withMetrics(RunResult r, RunMetrics m) {
        return new RunResult(r.info(), m, r.history(), r.timings(), r.provenance(), r.samples(), r.traces(), null);
    }

    /** Every metric multiplied by {@code factor}. */
    public static RunResult scaleMetrics(RunResult r, double factor) {
        Map<String, Double> model = new TreeMap<>();
        r.metrics().model().forEach((k, v) -> model.put(k, v * factor));
        Map<String, Map<String, Double>> samplers = new TreeMap<>();
        r.metrics().samplers().forEach((s, m) -> {
            Map<String, Double> x = new TreeMap<>();
            m.forEach((k, v) -> x.put(k, v * factor));
            samplers.put(s, x);
        });
        return withMetrics(r, new RunMetrics(model, samplers));
    }

    /** Timings {@code factor} times slower: seconds multiplied, rates divided. */
    public static RunResult slower(RunResult r, double factor) {
        Map<String, Double> t = new TreeMap<>();
        r.timings().forEach((k, v) -> t.put(k, k.endsWith("per_second") ? v / factor : v * factor));
        return new RunResult(r.info(), r.metrics(), r.history(), t, r.provenance(), r.samples(), r.traces(), null);
    }
}
