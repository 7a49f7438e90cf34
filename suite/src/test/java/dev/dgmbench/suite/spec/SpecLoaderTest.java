package dev.dgmbench.suite.spec;

import dev.dgmbench.models.prior.TemperatureSchedule;

import dev.dgmbench.models.data.IdxReader;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.suite.claims.ClaimSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SpecLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theSpecParametersHelpNamesEveryShippedSpec() {
        assertEquals("a spec file, or a shipped spec: " + String.join(", ", SpecLoader.SHIPPED), SpecLoader.SHIPPED_HELP);
    }

    @Test
    void quickLoads() {
        StudySpec s = SpecLoader.loadShipped("quick", true);
        assertEquals("quick", s.name());
        assertEquals(StudySpec.DatasetName.DIGITS, s.dataset().name());
        assertEquals(List.of(0.2, 1.0), s.grid().get("model.beta"));
        assertEquals(List.of(1L, 2L, 3L), s.seeds());
        assertEquals(List.of("prior", "langevin", "mala", "sir"), s.samplers().enabled());
        assertEquals(2, s.claims().size());
        ClaimSpec kl = s.claims().get(0);
        assertEquals("kl", kl.metric());
        assertEquals(1.0, kl.higher().get("model.beta"));
        assertEquals(ClaimResult.Verdict.REFUTED, kl.expect());
        ClaimSpec lang = s.claims().get(1);
        assertEquals(Map.of("sampler", "prior"), lang.higherSelector());
        assertEquals("wilcoxon-paired", lang.test());
        assertNull(lang.expect());
    }

    @Test
    void seedDigitsLoads() {
        StudySpec s = SpecLoader.loadShipped("seed-digits", true);
        assertEquals(List.of(0.2, 0.5, 0.8, 1.0), s.grid().get("model.beta"));
        assertEquals(List.of(50, 100), s.grid().get("model.latent"));
        assertEquals(5, s.seeds().size());
        assertEquals(8, s.gridPoints());
        assertEquals(1000, s.metrics().nll().importanceSamples());
        assertEquals(300, s.training().maxEpochs());
        assertEquals(20, s.training().patience());
        assertTrue(s.claims().stream().allMatch(c -> c.expect() == null), "the study's claims are checked, not asserted");
        ClaimSpec loss = s.claims().stream().filter(c -> c.id().equals("loss-lower-for-higher-beta")).findFirst().orElseThrow();
        assertEquals(1.0, loss.lower().get("model.beta"), "higher beta gives lower loss: beta 1.0 is the lower group");
        assertEquals(List.of("model.latent"), loss.per());
    }

    @Test
    void seedFashionLoadsWithoutTheData() {
        StudySpec s = SpecLoader.loadShipped("seed-fashion10", false);
        assertEquals(StudySpec.DatasetName.IDX, s.dataset().name());
        assertEquals(10, s.dataset().levels());
        assertEquals(new StudySpec.Split(10000, 2000, 2000), s.dataset().split());
        assertEquals("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", s.dataset().idx().testImages());
    }

    @Test
    void seedFashionLoadsWithTheData() {
        assumeTrue(Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed");
        StudySpec s = SpecLoader.loadShipped("seed-fashion10", true);
        assertEquals("seed-fashion10", s.name());
    }

    @Test
    void shippedSpecFilesLoadFromDisk() {
        // the same files through load(Path), as the CLI reads them
        for (String name : List.of("quick", "seed-digits")) {
            Path p = Path.of("src/main/resources/specs/" + name + ".yaml");
            assumeTrue(Files.exists(p));
            assertEquals(name, SpecLoader.load(p).name());
        }
    }

    @Test
    void defaultsApplyWhenFieldsAreAbsent() throws IOException {
        StudySpec s = SpecLoader.load(write("min.yaml", "name: min\n"));
        assertEquals("", s.description());
        assertEquals(new StudySpec.Dataset(StudySpec.DatasetName.DIGITS, null, 17, new StudySpec.Split(1000, 350, 447)), s.dataset());
        assertEquals(new StudySpec.Model(256, 50, StudySpec.Likelihood.CATEGORICAL, 1.0, "fused", StudySpec.Init.PYTORCH), s.model());
        assertEquals(new StudySpec.Training(StudySpec.Optimizer.ADAM, 1e-3, 64, 300, 20), s.training());
        assertTrue(s.grid().isEmpty());
        assertEquals(List.of(1L), s.seeds());
        assertEquals(new StudySpec.Nce(true, List.of(256, 256), 1e-3, 128, 50, 5, null, null), s.prior().nce());
        assertEquals(List.of("prior"), s.samplers().enabled());
        assertEquals(512, s.samplers().samples());
        assertEquals(StudySpec.Decode.MODE, s.samplers().decode());
        assertEquals(new StudySpec.Nll(1000, 100), s.metrics().nll());
        assertEquals(new StudySpec.SampleQuality(447, 100, 100, 3, 5), s.metrics().sampleQuality());
        assertEquals(new StudySpec.Evaluator(256, 50, 0), s.metrics().evaluator());
        assertEquals(List.of("cpu"), s.backends());
        assertTrue(s.claims().isEmpty());
        assertEquals("results/min", s.output());
    }

    @Test
    void samplerSettingsDefaultWhenTheSamplerIsEnabledEmpty() throws IOException {
        StudySpec s = SpecLoader.load(write("s.yaml", "name: s\nsamplers:\n  samples: 64\n  langevin:\n  sir: {}\n"));
        assertEquals(List.of("langevin", "sir"), s.samplers().enabled());
        assertEquals(new SamplerCatalogue.Langevin(100, 5000, 0.1, 1.0, 0, 0.574), s.samplers().of(SamplerCatalogue.LANGEVIN));
        assertEquals(new SamplerCatalogue.Sir(10000, SamplerCatalogue.SirProposal.SMC),
                s.samplers().of(SamplerCatalogue.SIR));
        assertEquals(64, s.metrics().sampleQuality().kidSubsetSize(), "KID subsets default to at most the sample count");
    }

    @Test
    void sirPoolsDefaultToTheNormalisersParticlesOrTheAggregatePosteriorAndSmcNeedsTheSmcNormaliser() throws IOException {
        String base = "name: s\nprior:\n  nce: {normaliser: %s}\nsamplers:\n  sir: {%s}\n";
        assertEquals(SamplerCatalogue.SirProposal.AGGREGATE_POSTERIOR, SpecLoader.load(write("a.yaml",
                String.format(base, "annealed", ""))).samplers().of(SamplerCatalogue.SIR).proposal());
        assertEquals(SamplerCatalogue.SirProposal.SMC, SpecLoader.load(write("b.yaml",
                String.format(base, "smc", ""))).samplers().of(SamplerCatalogue.SIR).proposal());
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(write("c.yaml",
                String.format(base, "importance", "proposal: smc"))));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:5: samplers.sir.proposal: smc resamples the particles of"
                + " prior.nce.normaliser: smc, but the normaliser is importance; allowed: aggregate-posterior or prior,"
                + " or prior.nce.normaliser: smc"), e.getMessage());
    }

    @Test
    void temperaturesAreAutoUnlessCountedAndOnlyForTheTemperingNormalisers() throws IOException {
        String base = "name: s\nprior:\n  nce: {%s}\n";
        StudySpec.Nce auto = SpecLoader.load(write("a.yaml", String.format(base, "temperatures: auto"))).prior().nce();
        assertNull(auto.temperatures(), "auto is the field's absence");
        assertEquals(TemperatureSchedule.DEFAULT, auto.smcSchedule());
        assertFalse(auto.toMap().containsKey("temperatures"), "auto is not written, so older specs keep their digest");
        StudySpec.Nce fixed = SpecLoader.load(write("b.yaml", String.format(base, "temperatures: 1000"))).prior().nce();
        assertEquals(new TemperatureSchedule.Fixed(1000), fixed.smcSchedule());
        assertEquals(1000, fixed.toMap().get("temperatures"));
        SpecException zero = assertThrows(SpecException.class, () -> SpecLoader.load(write("c.yaml",
                String.format(base, "temperatures: 0"))));
        assertTrue(zero.getMessage().contains("c.yaml:3: prior.nce.temperatures: 0 is out of range; allowed: an integer"
                + " >= 1 or auto"), zero.getMessage());
        SpecException importance = assertThrows(SpecException.class, () -> SpecLoader.load(write("d.yaml",
                String.format(base, "normaliser: importance, temperatures: 200"))));
        assertEquals(1, importance.errors().size(), importance.getMessage());
        assertTrue(importance.getMessage().contains("d.yaml:3: prior.nce.temperatures: is the schedule of the smc and"
                + " annealed normalisers, but the normaliser is importance"), importance.getMessage());
    }

    @Test
    void yamlRoundTripGivesTheSameSpec() throws IOException {
        for (String name : List.of("quick", "seed-digits", "seed-fashion10")) {
            StudySpec s = SpecLoader.loadShipped(name, false);
            StudySpec back = SpecLoader.load(write(name + "-resolved.yaml", s.toYaml()), false);
            assertEquals(s.toMap(), back.toMap(), name);
            assertEquals(s.canonicalDigest(), back.canonicalDigest(), name);
        }
    }

    @Test
    void digestIgnoresOutputBackendsAndWrittenDefaults() throws IOException {
        String base = "name: d\ngrid:\n  model.beta: [0.2, 1.0]\nseeds: [1, 2]\n";
        String d0 = SpecLoader.load(write("a.yaml", base)).canonicalDigest();
        String d1 = SpecLoader.load(write("b.yaml", base + "output: elsewhere/x\nbackends: [cpu-avx2]\n")).canonicalDigest();
        String d2 = SpecLoader.load(write("c.yaml", base + "model: {hidden: 256, beta: 1.0}\ntraining: {optimizer: adam}\n")).canonicalDigest();
        String d3 = SpecLoader.load(write("d.yaml", base + "model: {hidden: 128}\n")).canonicalDigest();
        assertEquals(d0, d1);
        assertEquals(d0, d2);
        assertNotEquals(d0, d3);
        assertEquals(64, d0.length());
    }

    @Test
    void integersSelectNumberGridValues() throws IOException {
        StudySpec s = SpecLoader.load(write("n.yaml", """
                name: n
                grid:
                  model.beta: [0.5, 1]
                seeds: [1, 2]
                claims:
                  - id: kl
                    metric: kl
                    lower: {model.beta: 0.5}
                    higher: {model.beta: 1}
                """));
        assertEquals(List.of(0.5, 1.0), s.grid().get("model.beta"), "grid values take the field's type");
        ClaimSpec c = s.claims().get(0);
        assertFalse(c.higherFirst());
        assertEquals("A < B", c.direction());
        assertEquals(Map.of("model.beta", 0.5), c.selectorA());
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnce() throws IOException {
        Path f = write("multi.yaml", """
                name: multi
                model: {hidden: 0, latent: -3, beta: -1}
                seeds: [1, 1]
                output: ../up
                """);
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(f));
        assertEquals(5, e.errors().size(), e.getMessage());
        assertTrue(e.errors().stream().allMatch(err -> err.file().equals(f.toString())));
        assertEquals(List.of(2, 2, 2, 3, 4), e.errors().stream().map(SpecError::line).toList());
    }

    @Test
    void anchorsAndAliasesAreData() throws IOException {
        StudySpec s = SpecLoader.load(write("alias.yaml", """
                name: alias
                grid:
                  model.latent: &latents [8, 16]
                  model.hidden: *latents
                """));
        assertEquals(List.of(8, 16), s.grid().get("model.hidden"));
    }

    @Test
    void idxFilesAreCheckedAgainstTheSplit(@TempDir Path data) throws IOException {
        writeIdx(data.resolve("train-images.gz"), IdxReader.IMAGES_MAGIC, 30, 4, 4);
        writeIdx(data.resolve("train-labels.gz"), IdxReader.LABELS_MAGIC, 30, 0, 0);
        writeIdx(data.resolve("test-images.gz"), IdxReader.IMAGES_MAGIC, 10, 4, 4);
        writeIdx(data.resolve("test-labels.gz"), IdxReader.LABELS_MAGIC, 9, 0, 0);
        Files.createDirectories(dir.resolve("specs"));
        String spec = """
                name: idx
                dataset:
                  name: idx
                  idx:
                    train_images: ../data/train-images.gz
                    train_labels: ../data/train-labels.gz
                  levels: 4
                  split: {train: 15, validation: 5, test: 8}
                samplers: {samples: 8}
                """;
        Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("train-images.gz", "train-labels.gz", "test-images.gz", "test-labels.gz")) {
            Files.copy(data.resolve(f), dir.resolve("data").resolve(f));
        }
        StudySpec ok = SpecLoader.load(write("specs/idx.yaml", spec));
        assertEquals(dir.resolve("data/train-images.gz").normalize(), ok.resolvePath(ok.dataset().idx().trainImages()));

        // 15 + 5 + 12 > 30 training images, no test file
        Path big = write("specs/big.yaml", spec.replace("test: 8", "test: 12"));
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(big));
        assertTrue(e.getMessage().contains("big.yaml:8: dataset.split: needs 32 images from train_images but it has 30"), e.getMessage());

        // test files: label count must match
        Path withTest = write("specs/test.yaml", spec.replace("  levels: 4",
                "    test_images: ../data/test-images.gz\n    test_labels: ../data/test-labels.gz\n  levels: 4"));
        SpecException e2 = assertThrows(SpecException.class, () -> SpecLoader.load(withTest));
        assertTrue(e2.getMessage().contains("dataset.idx.test_labels: has 9 labels for 10 images"), e2.getMessage());

        // a label file where images are expected
        Path swapped = write("specs/swapped.yaml", spec.replace("train_images: ../data/train-images.gz",
                "train_images: ../data/train-labels.gz"));
        SpecException e3 = assertThrows(SpecException.class, () -> SpecLoader.load(swapped));
        assertTrue(e3.getMessage().startsWith(swapped + ":5: dataset.idx.train_images: '../data/train-labels.gz' (resolved to "
                + dir.resolve("data/train-labels.gz") + "): wrong magic number 0x00000801, expected 0x00000803 for an IDX"
                + " image file"), e3.getMessage());
        // and without the file check all of these load
        assertEquals("idx", SpecLoader.load(big, false).name());
    }

    private static void writeIdx(Path file, int magic, int count, int rows, int cols) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file)); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(magic);
            d.writeInt(count);
            if (magic == IdxReader.IMAGES_MAGIC) {
                d.writeInt(rows);
                d.writeInt(cols);
                d.write(new byte[count * rows * cols]);
            } else {
                d.write(new byte[count]);
            }
        }
    }

    @Test
    void suggestionsUseEditDistance() {
        assertEquals("beta", Suggestions.closest("betta", List.of("hidden", "latent", "likelihood", "beta")));
        assertEquals("frechet", Suggestions.closest("frechett", ClaimSpec.SAMPLER_METRICS));
        assertNull(Suggestions.closest("zzzzzz", List.of("hidden", "beta")));
    }

    @Test
    void unknownShippedSpecIsAnError() {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.loadShipped("quik", false));
        assertTrue(e.getMessage().contains("did you mean 'quick'?"), e.getMessage());
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        Path doc = Path.of("../docs/spec.md");
        assumeTrue(Files.exists(doc), "docs/spec.md is not next to the suite module");
        String text = Files.readString(doc);
        for (String path : Schema.allPaths()) {
            assertTrue(text.contains("`" + path + "`"), "docs/spec.md does not document `" + path + "`");
        }
        for (String key : Schema.CLAIM.keys()) {
            assertTrue(text.contains("`" + key + "`"), "docs/spec.md does not document claim key `" + key + "`");
        }
    }
}
