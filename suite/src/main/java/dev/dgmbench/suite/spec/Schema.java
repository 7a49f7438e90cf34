package dev.dgmbench.suite.spec;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.models.data.DigitsDataset;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.stats.Correction;
import dev.dgmbench.suite.claims.ClaimSpec;
import dev.dgmbench.suite.spec.Field.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shape of a study spec, in one place: every key, its type, range, default and meaning. The loader binds YAML
 * against it, {@link SpecRecords} maps it onto the {@link StudySpec} records (a test checks that they agree) and
 * {@link SpecDocs} writes docs/spec.md's field tables from it.
 */
final class Schema {
    static final int NAME_MAX = 100;
    /** Names become folder names (output folder, run ids): short, and no character a file system treats specially. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    static final String NAME_TEXT = "a name of at most " + NAME_MAX + " letters, digits, '.', '_' or '-' (starting"
            + " with a letter or digit)";
    /** Default IDX split: the usual 50000 / 10000 training / validation images and 10000 test images. */
    static final int IDX_TRAIN = 50_000, IDX_VALIDATION = 10_000, IDX_TEST = 10_000;
    /** Grey levels of IDX files (bytes). */
    static final int IDX_LEVELS = 256;
    static final int KID_SUBSET_SIZE = 100;

    static Field intf(String n) { return new Field(n, Type.INT); }
    static Field numf(String n) { return new Field(n, Type.NUM); }
    static Field strf(String n) { return new Field(n, Type.STR); }
    static Field boolf(String n) { return new Field(n, Type.BOOL); }
    static Field enumf(String n, String... choices) { Field f = new Field(n, Type.ENUM); List<String> c = List.of(choices); f.choices = () -> c; return f; }
    /** An enum field whose choices are found when a spec is bound. */
    static Field enumf(String n, java.util.function.Supplier<List<String>> choices) { Field f = new Field(n, Type.ENUM); f.choices = choices; return f; }
    /** An enum field whose choices are the constants of {@code type}, lower-case: the record's enum is the list. */
    static <E extends Enum<E>> Field enumf(String n, Class<E> type) {
        return enumf(n, Arrays.stream(type.getEnumConstants()).map(SpecRecords::spelled).toArray(String[]::new));
    }

    static Field custom(String n) { return new Field(n, Type.CUSTOM); }
    static Field section(String n, Field... children) { Field f = new Field(n, Type.SECTION); f.children = List.of(children); return f; }

    static Field intListf(String n) {
        Field f = new Field(n, Type.INT_LIST);
        f.min = 1;
        return f;
    }

    /** The samplers section: the fields every sampler shares, then each sampler's own from {@link SamplerCatalogue}. */
    private static Field samplers(Field... shared) {
        List<Field> children = new ArrayList<>(List.of(shared));
        for (SamplerCatalogue.Sampler<?> s : SamplerCatalogue.ALL) children.add(s.schema().get());
        return section("samplers", children.toArray(Field[]::new));
    }

    /** The whole spec. Defaults marked null are computed from other fields (see {@link CrossChecks}). */
    static final Field ROOT = section("",
            strf("name").required().pattern(NAME_PATTERN, NAME_TEXT).maxLength(NAME_MAX)
                    .type("name (at most " + NAME_MAX + " letters, digits, `.`, `_`, `-`)")
                    .doc("the study's name; also the default output folder"),
            strf("description").def("").doc("free text, shown in reports"),
            section("dataset",
                    enumf("name", StudySpec.DatasetName.class).def("digits").doc("`digits`: the embedded 8x8 digits ("
                            + DigitsDataset.COUNT + " images, grey levels 0.." + (DigitsDataset.LEVELS - 1) + ", "
                            + DigitsDataset.CLASSES + " classes). `idx`: MNIST-style IDX files (labels 0..9)"),
                    section("idx",
                            strf("train_images").required().type("path")
                                    .doc("IDX image file (magic 0x803, `.gz` or plain)"),
                            strf("train_labels").required().type("path")
                                    .doc("IDX label file (magic 0x801) with as many labels as images, each 0..9"),
                            strf("test_images").type("path")
                                    .doc("optional test image file; with `test_labels` or not at all"),
                            strf("test_labels").type("path").doc("optional test label file"))
                            .optional().defaults("required for `idx`, not allowed for `digits`").doc("the IDX files"),
                    intf("levels").range(2, 256).type("integer, 2..256 (digits: 2.." + DigitsDataset.LEVELS + ")")
                            .defaults(DigitsDataset.LEVELS + " for digits, " + IDX_LEVELS + " for idx")
                            .doc("grey levels after quantisation: a source value `v` of `N` native levels ("
                                    + DigitsDataset.LEVELS + " for digits, 256 for IDX bytes) becomes"
                                    + " `floor(v * levels / N)`; e.g. 10 levels of IDX bytes: 0..25 -> 0, 26..51 -> 1,"
                                    + " ..., 231..255 -> 9"),
                    section("split",
                            intf("train").min(1).defaults(DigitsDataset.TRAIN + " (digits), " + IDX_TRAIN + " (idx)")
                                    .doc("training images"),
                            intf("validation").min(1)
                                    .defaults(DigitsDataset.VALIDATION + " (digits), " + IDX_VALIDATION + " (idx)")
                                    .doc("validation images (early stopping)"),
                            intf("test").min(1).defaults(DigitsDataset.TEST + " (digits), " + IDX_TEST + " (idx)")
                                    .doc("test images (NLL, KL, sample metrics)"))
                            .doc("sizes of the three parts")).doc("the images"),
            section("model",
                    intf("hidden").min(1).def(256).grid().doc("width of the hidden layers of encoder and decoder"),
                    intf("latent").min(1).def(50).grid().doc("latent dimensions"),
                    enumf("likelihood", StudySpec.Likelihood.class).def("categorical").grid()
                            .doc("`categorical`: a distribution over `dataset.levels` levels per pixel; `bernoulli`"
                                    + " needs `dataset.levels: 2`"),
                    numf("beta").atLeast(0).def(1.0).grid().doc("weight of the KL term in the training loss"
                            + " `re + beta * kl`"),
                    enumf("engine", Engines::available).def(Engines.DEFAULT).grid()
                            .type("an engine's name: any that `Engines.available()` finds").doc("how every model pass of a run"
                            + " executes (VAE training and evaluation, NLL, NCE classifier, sampler gradients, decoding)."
                            + " The default build has `fused`: one BLAS product (ND4J) per layer and direction with SIMD"
                            + " elementwise loops, the fastest on a CPU; `java`: the same kernels with pure-Java products,"
                            + " no native library; `samediff`: the SameDiff graphs op by op, the reference; `cuda`: NVIDIA"
                            + " GPUs, the engine of `--backend cuda` (there it replaces the default). Each engine declares"
                            + " the backends it runs on. Same model, same random numbers; the bits differ (rounding), each"
                            + " engine is bit-reproducible. The evaluator network of the sample metrics always runs on"
                            + " `" + EvaluatorNetwork.ENGINE + "`, so every engine's samples are judged alike. Gridding it (`model.engine: [fused,"
                            + " samediff]`) compares engines in one study. See [architecture.md](architecture.md)."),
                    enumf("init", StudySpec.Init.class).def("pytorch").grid().doc("initial weights of the VAE and of"
                            + " the NCE classifier. `pytorch`: PyTorch's `nn.Linear` default, weights and biases"
                            + " `U(-1 / sqrt(fan_in), 1 / sqrt(fan_in))`, what most published VAE code uses; `glorot`:"
                            + " Glorot-uniform weights `U(-sqrt(6 / (fan_in + fan_out)), +)`, zero biases (the default"
                            + " before issue 23). Drawn layer by layer from the run seed (see [validity.md](validity.md))"))
                    .doc("the beta-VAE"),
            section("training",
                    enumf("optimizer", StudySpec.Optimizer.class).def("adam").grid().doc("optimiser"),
                    numf("learning_rate").above(0).def(1.0e-3).grid().doc("learning rate"),
                    intf("batch_size").min(1).def(64).grid().doc("images per step"),
                    intf("max_epochs").min(1).def(300).grid().doc("upper bound on epochs"),
                    intf("patience").min(1).def(20).grid().doc("stop after this many epochs without a lower validation"
                            + " loss; the best weights are kept"))
                    .doc("how the VAE is trained"),
            custom("grid").type("mapping").defaults("none (one grid point)")
                    .doc("fields to vary; every combination runs"),
            custom("seeds").type("list of distinct integers >= 0").defaults("`[1]`")
                    .doc("each grid point runs once per seed"),
            section("prior",
                    section("nce",
                            boolf("enabled").def(true).doc("false: no NCE prior (then only the `prior` sampler and no"
                                    + " NCE metrics are allowed)"),
                            intListf("hidden").def(List.of(256, 256)).doc("hidden layer widths of the classifier"),
                            numf("learning_rate").above(0).def(1.0e-3).grid().doc("Adam learning rate"),
                            intf("batch_size").min(1).def(128).grid().doc("examples per step"),
                            intf("max_epochs").min(1).def(50).grid().doc("upper bound on epochs"),
                            intf("patience").min(1).def(5).grid().doc("early stopping patience on the held-out"
                                    + " codes: those of the validation split (posterior means) against as many N(0, I)"
                                    + " draws"),
                            enumf("normaliser", StudySpec.Normaliser.class).defaults("`smc`")
                                    .doc("how `Z = E_N(0,I)[e^f]` is estimated. `smc`: a sequential Monte Carlo"
                                    + " sampler in 8 independent replicates of 128 particles, each from N(0, I) through"
                                    + " tempered priors `p e^(t f)` (see `temperatures`) by MALA steps, resampled"
                                    + " whenever a replicate's ESS falls below half its particles; the error is the"
                                    + " replicates' spread, and its final particles are SIR's pool"
                                    + " (`samplers.sir.proposal: smc`)."
                                    + " `annealed`: annealing without resampling (annealed importance sampling, 1,024"
                                    + " chains on the fixed schedule), whose weights degenerate where chains lose the"
                                    + " target; `importance`: 20,000 draws of the defensive aggregate-posterior"
                                    + " mixture (`(1/2) q + (1/2) N(0, I)`), which miss mass where the classifier's"
                                    + " `e^f` lies beyond the codes (seed-fashion10 at small beta, see"
                                    + " [validity.md](validity.md))"),
                            intf("temperatures").min(1).keyword(SpecRecords.AUTO, 0).defaults("`auto`")
                                    .doc("the tempering schedule of `smc` and `annealed`. `auto` (smc): each next"
                                    + " temperature is the largest that keeps every replicate's conditional ESS at"
                                    + " 0.99 of its particles, followed by 5 MALA steps, at most 1,000 temperatures"
                                    + " (12-47 on seed-digits' classifiers, 32-80 on seed-fashion10's); `auto` with"
                                    + " `annealed` is 1,000. An integer `K`: the fixed schedule `t = (k/K)^4`, one MALA"
                                    + " step per temperature (K classifier passes per particle). Runs record how many"
                                    + " temperatures they walked (`normaliser_temperatures` in `timings.json`)"))
                            .doc("an energy-based prior over the latent space learned by noise-contrastive"
                                    + " estimation: a classifier of codes of the training images (posterior means)"
                                    + " against N(0, I) draws; its logit is the negative energy correction of the"
                                    + " N(0, I) prior"))
                    .doc("the NCE energy-based prior"),
            samplers(
                    intf("samples").min(1).def(512).grid().doc("codes (and images) per sampler"),
                    enumf("decode", StudySpec.Decode.class).def("mode").grid().doc("image of a code: the most probable level"
                            + " of each pixel, or a draw from the decoder's distribution"))
                    .defaults("only `prior` enabled").doc("which samplers draw images, and how"),
            section("metrics",
                    section("nll",
                            intf("importance_samples").min(1).def(1000).doc("K, codes per test image"),
                            intf("batch_size").min(1).def(100).doc("test images per importance-sampling pass (memory:"
                                    + " batch_size x importance_samples decoder rows)"))
                            .doc("importance-sampled NLL"),
                    section("sample_quality",
                            intf("real_samples").min(1).type("integer, 1..`dataset.split.test`")
                                    .defaults("`dataset.split.test`")
                                    .doc("test images compared with each sampler's images"),
                            intf("kid_subsets").min(1).def(100).doc("subsets averaged by KID"),
                            intf("kid_subset_size").min(2).type("integer >= 2, at most the smaller set")
                                    .defaults("min(" + KID_SUBSET_SIZE + ", `samplers.samples`, `real_samples`)")
                                    .doc("images per KID subset"),
                            intf("precision_recall_k").min(1).def(3).type("integer >= 1, below the smaller set")
                                    .doc("k of the k-NN manifolds of precision and recall"),
                            intf("density_coverage_k").min(1).def(5).type("integer >= 1, below the smaller set")
                                    .doc("k of density and coverage"))
                            .doc("sample metrics"),
                    section("evaluator",
                            intf("hidden").min(1).def(256).doc("width of its two hidden layers"),
                            intf("epochs").min(1).def(50).doc("training epochs"),
                            intf("seed").min(0).def(0).doc("its seed"))
                            .doc("the classifier whose features and class probabilities the sample metrics use;"
                                    + " trained once per study on the training split with its own seed, so all runs"
                                    + " are measured with the same features"))
                    .doc("settings of the metrics"),
            custom("backends").type("list of backend names").defaults("`[cpu]`").doc("backends the study is meant"
                    + " for: " + Backends.names().stream().map(b -> "`" + b + "`").collect(Collectors.joining(", "))
                    + " (the list of `Backends.names()`); the CLI picks the one to use. Not part of the spec digest"
                    + " and not part of run ids"),
            custom("claims").type("list of claims").defaults("`[]`").doc("statements to check against the results,"
                    + " see [Claims](#claims)"),
            enumf("claims_correction", Arrays.stream(Correction.values()).map(Correction::spec).toArray(String[]::new))
                    .def(Correction.HOLM.spec()).doc("multiplicity correction of the claims' p-values, judged as one"
                    + " family (every evaluated claim and `per` slice): `holm` (family-wise error rate),"
                    + " `benjamini-hochberg` (false discovery rate) or `none`; verdicts use the adjusted p, reports show"
                    + " raw and adjusted (see [validity.md](validity.md#multiplicity)). Not part of the spec digest"),
            section("reference",
                    strf("file").required().type("path").doc("a CSV of another implementation's results (relative"
                            + " to the spec's folder, else a reference shipped in the jar next to the shipped specs), see"
                            + " [Reproduction](#reproduction-against-a-reference)"),
                    numf("margin").above(0).required().doc("equivalence margin in the metric's unit: a cell"
                            + " reproduces the reference when the difference of the means is shown to lie within"
                            + " plus or minus the margin"),
                    numf("margin_sd").atLeast(0).def(0.0).doc("widen the margin to this many pooled seed standard"
                            + " deviations of the cell where that is larger"),
                    numf("alpha").openInterval(0, 1).def(0.05).doc("level of each of the two one-sided tests"),
                    enumf("expect", "reproduced", "none").def("none").doc("`reproduced`: `verify` fails (exit 1)"
                            + " when a cell is not reproduced"))
                    .optional().doc("judge whether the study reproduces another implementation, per grid cell"
                            + " and metric (listed with the claims)"),
            strf("output").type("path").defaults("`results/<name>`").doc("output folder: a relative path without"
                    + " `..` (resolved against the working directory of the command) or an absolute path; the runner"
                    + " writes nothing outside it. Not part of the spec digest"));

    /** One claim (an item of {@code claims}). */
    static final Field CLAIM = section("claims[]",
            strf("id").required().pattern(NAME_PATTERN, NAME_TEXT).maxLength(NAME_MAX).type("name")
                    .doc("unique; results of a claim with `per` are `id[key=value,...]`"),
            strf("text").defaults("generated").doc("the claim in the study's words"),
            enumf("metric", Stream.concat(ClaimSpec.MODEL_METRICS.stream(), ClaimSpec.SAMPLER_METRICS.stream())
                    .toArray(String[]::new)).required().type("a model or sampler metric (above)")
                    .doc("the number compared"),
            enumf("sampler", SamplerCatalogue.names().toArray(String[]::new)).type("an enabled sampler")
                    .doc("for sampler metrics: the sampler both groups use"),
            custom("higher").type("selector").defaults("required").doc("the runs claimed to have the HIGHER metric"),
            custom("lower").type("selector").defaults("required").doc("the runs claimed to have the LOWER metric"),
            custom("per").type("list of grid keys or `sampler`").defaults("`[]`")
                    .doc("evaluate separately for each value (combination)"),
            enumf("test", ClaimSpec.TESTS.toArray(String[]::new)).def(ClaimSpec.DEFAULT_TEST).doc("the two-group test; under a rank test (`mann-whitney`, `wilcoxon-paired`) runs whose"
                    + " sampler failed its diagnostics (or whose NCE normaliser is unreliable, for `nll_nce`) enter at"
                    + " their least favourable values, so the verdict holds whatever theirs are; under a t test such"
                    + " runs make the claim INCONCLUSIVE ([validity.md](validity.md))"),
            numf("alpha").openInterval(0, 1).def(ClaimSpec.DEFAULT_ALPHA)
                    .doc("significance level of the one-sided test"),
            numf("min_effect").atLeast(0).def(0.0).doc("minimum \\|effect size\\| (Hedges' g for the t-tests,"
                    + " Cliff's delta for the rank tests) for SUPPORTED or REFUTED"),
            enumf("expect", "supported", "refuted", "inconclusive").doc("the verdict CI asserts; without it the claim"
                    + " is checked and reported, and the JUnit report has no failure for it"));

    /** Fields that a grid may vary, by dotted path, in schema order. */
    static final Map<String, Field> GRIDDABLE = collect(true);
    /** Every field by dotted path, in schema order. */
    static final Map<String, Field> ALL = collect(false);

    private static Map<String, Field> collect(boolean griddableOnly) {
        Map<String, Field> out = new LinkedHashMap<>();
        walk(ROOT, "", (path, f) -> {
            if (!griddableOnly || f.griddable) out.put(path, f);
        });
        return out;
    }

    interface Visitor {
        void visit(String path, Field f);
    }

    /** Visits every field below {@code f} depth first, in schema order. */
    static void walk(Field f, String prefix, Visitor v) {
        for (Field c : f.children) {
            String path = prefix.isEmpty() ? c.name : prefix + "." + c.name;
            v.visit(path, c);
            if (c.type == Type.SECTION) walk(c, path, v);
        }
    }

    /** Every field path of the schema. */
    static List<String> allPaths() {
        return new ArrayList<>(ALL.keySet());
    }

    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private Schema() {
    }
}
