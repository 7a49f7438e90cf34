package dev.dgmbench.suite.spec;

import dev.dgmbench.results.Digests;
import dev.dgmbench.results.Json;
import dev.dgmbench.suite.claims.ClaimSpec;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validated study spec with every default applied: plain data, built by {@link SpecLoader#load(Path)}.
 * See docs/spec.md for each field's meaning and default.
 *
 * @param grid     dotted field path (e.g. {@code model.beta}) to its values, in the order written; values are typed
 *                 like the field (Integer, Double, String)
 * @param seeds    distinct seeds, in the order written; each grid point runs once per seed
 * @param output   the output folder as written (relative to the working directory, or absolute)
 * @param specFile the file the spec was read from, or null; relative data paths are resolved against its folder
 */
public record StudySpec(String name, String description, Dataset dataset, Model model, Training training,
                        Map<String, List<Object>> grid, List<Long> seeds, Prior prior, Samplers samplers,
                        Metrics metrics, List<String> backends, List<ClaimSpec> claims, String output,
                        Path specFile) {

    /** The embedded digits set: 1797 images of 8x8 pixels with grey levels 0..16. */
    public static final int DIGITS_COUNT = 1797, DIGITS_SIDE = 8, DIGITS_LEVELS = 17;
    /** Grey levels of IDX files (bytes). */
    public static final int IDX_LEVELS = 256;

    public StudySpec {
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        seeds = List.copyOf(seeds);
        backends = List.copyOf(backends);
        claims = List.copyOf(claims);
    }

    /** The folder relative paths of the spec (IDX files) are resolved against. */
    public Path baseDir() {
        Path parent = specFile == null ? null : specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** A data path as written in the spec, resolved against the spec file's folder. */
    public Path resolvePath(String written) {
        return written == null ? null : baseDir().resolve(written).normalize();
    }

    /** The output folder: an absolute path as written, or a relative one resolved against {@code workDir}. */
    public Path outputFolder(Path workDir) {
        Path p = Path.of(output);
        return p.isAbsolute() ? p.normalize() : workDir.resolve(p).normalize();
    }

    /** Number of grid points (product of the grid's list lengths; 1 without a grid). */
    public int gridPoints() {
        int n = 1;
        for (List<Object> v : grid.values()) n *= v.size();
        return n;
    }

    /** The resolved spec as plain data (maps, lists, numbers, strings), in the order of docs/spec.md. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("dataset", dataset.toMap());
        m.put("model", model.toMap());
        m.put("training", training.toMap());
        Map<String, Object> g = new LinkedHashMap<>();
        grid.forEach((k, v) -> g.put(k, new ArrayList<>(v)));
        m.put("grid", g);
        m.put("seeds", new ArrayList<>(seeds));
        m.put("prior", prior.toMap());
        m.put("samplers", samplers.toMap());
        m.put("metrics", metrics.toMap());
        m.put("backends", new ArrayList<>(backends));
        List<Object> c = new ArrayList<>();
        for (ClaimSpec claim : claims) c.add(claim.toMap());
        m.put("claims", c);
        m.put("output", output);
        return m;
    }

    /** The resolved spec as YAML (every default written out); loading it gives the same spec. */
    public String toYaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(120);
        o.setSplitLines(false);
        return new Yaml(o).dump(toMap());
    }

    /**
     * sha-256 of the canonical JSON (sorted keys) of the resolved spec without {@code output} and
     * {@code backends}: the same study gives the same digest wherever it runs and whichever defaults were
     * written out. Data paths enter as written.
     */
    public String canonicalDigest() {
        Map<String, Object> m = toMap();
        m.remove("output");
        m.remove("backends");
        return Digests.sha256(Json.canonical(m));
    }

    // ----- sections -------------------------------------------------------------------------------------------

    public enum DatasetName { DIGITS, IDX }

    public enum Likelihood { CATEGORICAL, BERNOULLI }

    public enum Optimizer { ADAM, ADAMAX }

    public enum Decode { MODE, SAMPLE }

    /** The models module's {@link dev.dgmbench.models.nn.Engine}, as spelled in specs. */
    public enum Engine { FUSED, SAMEDIFF, JAVA, CUDA }

    static String yaml(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, Object v) {
        return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
    }

    /**
     * @param idx    the IDX files (only for {@code name: idx}, else null)
     * @param levels grey levels after quantisation {@code floor(v * levels / native)}
     * @param split  consecutive train / validation / test sizes (see docs/spec.md for IDX)
     */
    public record Dataset(DatasetName name, Idx idx, int levels, Split split) {
        /** Grey levels of the source data (17 for digits, 256 for IDX). */
        public int nativeLevels() {
            return name == DatasetName.DIGITS ? DIGITS_LEVELS : IDX_LEVELS;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", yaml(name));
            if (idx != null) m.put("idx", idx.toMap());
            m.put("levels", levels);
            m.put("split", split.toMap());
            return m;
        }

        public static Dataset from(Map<String, Object> m) {
            return new Dataset(parse(DatasetName.class, m.get("name")), m.get("idx") == null ? null : Idx.from(map(m, "idx")),
                    i(m, "levels"), Split.from(map(m, "split")));
        }
    }

    /** IDX file paths as written (resolve with {@link StudySpec#resolvePath}); the test files are optional. */
    public record Idx(String trainImages, String trainLabels, String testImages, String testLabels) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("train_images", trainImages);
            m.put("train_labels", trainLabels);
            if (testImages != null) m.put("test_images", testImages);
            if (testLabels != null) m.put("test_labels", testLabels);
            return m;
        }

        public static Idx from(Map<String, Object> m) {
            return new Idx((String) m.get("train_images"), (String) m.get("train_labels"),
                    (String) m.get("test_images"), (String) m.get("test_labels"));
        }
    }

    public record Split(int train, int validation, int test) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("train", train);
            m.put("validation", validation);
            m.put("test", test);
            return m;
        }

        public static Split from(Map<String, Object> m) {
            return new Split(i(m, "train"), i(m, "validation"), i(m, "test"));
        }
    }

    /** @param engine how every model of the run executes: training, NLL, NCE classifier, sampler gradients */
    public record Model(int hidden, int latent, Likelihood likelihood, double beta, Engine engine) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hidden", hidden);
            m.put("latent", latent);
            m.put("likelihood", yaml(likelihood));
            m.put("beta", beta);
            m.put("engine", yaml(engine));
            return m;
        }

        public static Model from(Map<String, Object> m) {
            return new Model(i(m, "hidden"), i(m, "latent"), parse(Likelihood.class, m.get("likelihood")), d(m, "beta"),
                    parse(Engine.class, m.get("engine")));
        }
    }

    public record Training(Optimizer optimizer, double learningRate, int batchSize, int maxEpochs, int patience) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("optimizer", yaml(optimizer));
            m.put("learning_rate", learningRate);
            m.put("batch_size", batchSize);
            m.put("max_epochs", maxEpochs);
            m.put("patience", patience);
            return m;
        }

        public static Training from(Map<String, Object> m) {
            return new Training(parse(Optimizer.class, m.get("optimizer")), d(m, "learning_rate"), i(m, "batch_size"),
                    i(m, "max_epochs"), i(m, "patience"));
        }
    }

    public record Prior(Nce nce) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nce", nce.toMap());
            return m;
        }

        public static Prior from(Map<String, Object> m) {
            return new Prior(Nce.from(map(m, "nce")));
        }
    }

    /**
     * The NCE energy-based prior: an MLP classifier of aggregate-posterior codes against N(0, I) noise.
     *
     * @param enabled            false: no NCE prior (then only the {@code prior} sampler is possible)
     * @param hidden             hidden layer widths of the classifier
     * @param validationFraction share of the codes held out for early stopping
     */
    public record Nce(boolean enabled, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs,
                      int patience, double validationFraction) {
        public Nce {
            hidden = List.copyOf(hidden);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enabled", enabled);
            m.put("hidden", new ArrayList<>(hidden));
            m.put("learning_rate", learningRate);
            m.put("batch_size", batchSize);
            m.put("max_epochs", maxEpochs);
            m.put("patience", patience);
            m.put("validation_fraction", validationFraction);
            return m;
        }

        @SuppressWarnings("unchecked")
        public static Nce from(Map<String, Object> m) {
            List<Integer> h = new ArrayList<>();
            for (Object o : (List<Object>) m.get("hidden")) h.add(((Number) o).intValue());
            return new Nce((Boolean) m.get("enabled"), h, d(m, "learning_rate"), i(m, "batch_size"),
                    i(m, "max_epochs"), i(m, "patience"), d(m, "validation_fraction"));
        }
    }

    /**
     * Which samplers run, and their settings; a null sampler is not enabled.
     *
     * @param samples how many latent codes each sampler draws (and decodes into images)
     * @param decode  how a code becomes an image: the most probable level per pixel, or a draw
     */
    public record Samplers(int samples, Decode decode, PriorSampler prior, Langevin langevin, Mala mala, Sir sir) {
        /** Every sampler name, in report order. */
        public static final List<String> NAMES = List.of("prior", "langevin", "mala", "sir");

        /** Names of the enabled samplers, in the order of {@link #NAMES}. */
        public List<String> enabled() {
            List<String> out = new ArrayList<>();
            if (prior != null) out.add("prior");
            if (langevin != null) out.add("langevin");
            if (mala != null) out.add("mala");
            if (sir != null) out.add("sir");
            return out;
        }

        public boolean isEnabled(String sampler) {
            return enabled().contains(sampler);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", samples);
            m.put("decode", yaml(decode));
            if (prior != null) m.put("prior", new LinkedHashMap<>());
            if (langevin != null) m.put("langevin", langevin.toMap());
            if (mala != null) m.put("mala", mala.toMap());
            if (sir != null) m.put("sir", sir.toMap());
            return m;
        }

        public static Samplers from(Map<String, Object> m) {
            return new Samplers(i(m, "samples"), parse(Decode.class, m.get("decode")),
                    m.get("prior") == null ? null : new PriorSampler(),
                    m.get("langevin") == null ? null : Langevin.from(map(m, "langevin")),
                    m.get("mala") == null ? null : Mala.from(map(m, "mala")),
                    m.get("sir") == null ? null : Sir.from(map(m, "sir")));
        }
    }

    /** Plain ancestral sampling from the VAE's N(0, I) prior; no settings. */
    public record PriorSampler() {
    }

    /**
     * Unadjusted Langevin dynamics on the NCE prior's energy, started from N(0, I):
     * {@code z <- z - step_size * grad E(z) + noise_scale * sqrt(2 * step_size) * N(0, I)}.
     */
    public record Langevin(int steps, double stepSize, double noiseScale) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("step_size", stepSize);
            m.put("noise_scale", noiseScale);
            return m;
        }

        public static Langevin from(Map<String, Object> m) {
            return new Langevin(i(m, "steps"), d(m, "step_size"), d(m, "noise_scale"));
        }
    }

    /** Metropolis-adjusted Langevin on the NCE prior's energy. */
    public record Mala(int steps, double stepSize) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("step_size", stepSize);
            return m;
        }

        public static Mala from(Map<String, Object> m) {
            return new Mala(i(m, "steps"), d(m, "step_size"));
        }
    }

    /** Sampling-importance-resampling: a pool of {@code proposals} N(0, I) codes resampled by NCE weights. */
    public record Sir(int proposals) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("proposals", proposals);
            return m;
        }

        public static Sir from(Map<String, Object> m) {
            return new Sir(i(m, "proposals"));
        }
    }

    public record Metrics(Nll nll, SampleQuality sampleQuality, Evaluator evaluator) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nll", nll.toMap());
            m.put("sample_quality", sampleQuality.toMap());
            m.put("evaluator", evaluator.toMap());
            return m;
        }

        public static Metrics from(Map<String, Object> m) {
            return new Metrics(Nll.from(map(m, "nll")), SampleQuality.from(map(m, "sample_quality")),
                    Evaluator.from(map(m, "evaluator")));
        }
    }

    /** Importance-sampled test NLL with {@code importanceSamples} (K) codes per image, {@code batchSize} images at a time. */
    public record Nll(int importanceSamples, int batchSize) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("importance_samples", importanceSamples);
            m.put("batch_size", batchSize);
            return m;
        }

        public static Nll from(Map<String, Object> m) {
            return new Nll(i(m, "importance_samples"), i(m, "batch_size"));
        }
    }

    /**
     * @param realSamples test images compared with each sampler's images
     */
    public record SampleQuality(int realSamples, int kidSubsets, int kidSubsetSize, int precisionRecallK,
                                int densityCoverageK) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("real_samples", realSamples);
            m.put("kid_subsets", kidSubsets);
            m.put("kid_subset_size", kidSubsetSize);
            m.put("precision_recall_k", precisionRecallK);
            m.put("density_coverage_k", densityCoverageK);
            return m;
        }

        public static SampleQuality from(Map<String, Object> m) {
            return new SampleQuality(i(m, "real_samples"), i(m, "kid_subsets"), i(m, "kid_subset_size"),
                    i(m, "precision_recall_k"), i(m, "density_coverage_k"));
        }
    }

    /** The classifier whose features and class probabilities the sample metrics use; one per study (fixed seed). */
    public record Evaluator(int hidden, int epochs, long seed) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hidden", hidden);
            m.put("epochs", epochs);
            m.put("seed", seed);
            return m;
        }

        public static Evaluator from(Map<String, Object> m) {
            return new Evaluator(i(m, "hidden"), i(m, "epochs"), ((Number) m.get("seed")).longValue());
        }
    }

    // ----- map helpers ----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
    }

    static int i(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
