package dev.dgmbench.suite.spec;

import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.run.WorkerLauncher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The schema is the one description of the spec: docs/spec.md's tables and the StudySpec records follow it. */
class SpecDocsTest {
    static final String REGENERATE = "mvn -o -q -pl suite -am test -Dtest=SpecDocsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Ddgmbench.writeDocs=true";

    @Test
    void docsTablesAreTheSchemas() throws IOException {
        Path doc = Path.of("../docs/spec.md");
        assumeTrue(Files.exists(doc), "docs/spec.md is not next to the suite module");
        String text = Files.readString(doc);
        String generated = SpecDocs.render(text);
        if (Boolean.getBoolean("dgmbench.writeDocs") && !generated.equals(text)) {
            Path tmp = doc.resolveSibling(".spec.md.tmp");
            Files.writeString(tmp, generated);
            Files.move(tmp, doc, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            text = generated;
        }
        assertEquals(generated, text, "docs/spec.md's field tables differ from the schema (Schema.java); regenerate"
                + " them with: " + REGENERATE);
        for (String block : List.of("top", "dataset", "model", "training", "griddable", "prior", "samplers", "metrics", "claims")) {
            assertTrue(text.contains("<!-- schema:" + block + " -->"), "docs/spec.md lacks the block " + block);
        }
        assertTrue(text.contains("| `samplers.langevin` | mapping | off | unadjusted Langevin dynamics on the NCE prior's"
                + " energy `E(z)`, started from N(0, I), each step `z <- z - (step_size^2 / 2) * grad E(z) + step_size"
                + " * noise_scale * xi`"), "the Langevin rule is the one LangevinSampler computes");
        assertTrue(!text.contains("validation_fraction"), "the dead field is gone from the docs");
    }

    @Test
    void everySectionRecordHasExactlyTheSchemasKeys() {
        Map<Class<? extends Record>, String> sections = Map.ofEntries(
                Map.entry(StudySpec.Dataset.class, "dataset"), Map.entry(StudySpec.Idx.class, "dataset.idx"),
                Map.entry(StudySpec.Split.class, "dataset.split"), Map.entry(StudySpec.Model.class, "model"),
                Map.entry(StudySpec.Training.class, "training"), Map.entry(StudySpec.Prior.class, "prior"),
                Map.entry(StudySpec.Nce.class, "prior.nce"), Map.entry(StudySpec.Metrics.class, "metrics"),
                Map.entry(StudySpec.Nll.class, "metrics.nll"),
                Map.entry(StudySpec.SampleQuality.class, "metrics.sample_quality"),
                Map.entry(StudySpec.Evaluator.class, "metrics.evaluator"));
        sections.forEach((type, path) -> {
            List<String> keys = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(SpecRecords::key).toList();
            assertEquals(Schema.ALL.get(path).keys(), keys, type.getSimpleName() + " vs schema " + path);
        });
        // samplers: the shared fields, then one section per descriptor, each with its settings record's keys
        List<String> samplerKeys = new java.util.ArrayList<>(List.of("samples", "decode"));
        samplerKeys.addAll(SamplerCatalogue.names());
        assertEquals(Schema.ALL.get("samplers").keys(), samplerKeys);
        for (SamplerCatalogue.Sampler<?> s : SamplerCatalogue.ALL) {
            List<String> keys = Arrays.stream(s.settings().getRecordComponents()).map(RecordComponent::getName)
                    .map(SpecRecords::key).toList();
            assertEquals(Schema.ALL.get("samplers." + s.name()).keys(), keys, s.name());
        }
        List<String> run = Arrays.stream(ResolvedRun.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertEquals(List.of("dataset", "model", "training", "prior", "samplers", "metrics"), run);
    }

    @Test
    void theHeapLimitIsTheWorkers() {
        assertTrue(WorkerLauncher.DEFAULT_JVM_ARGS.contains("-Xmx1g"), WorkerLauncher.DEFAULT_JVM_ARGS.toString());
        assertEquals(1L << 30, ResourceChecks.WORKER_HEAP_BYTES);
    }

    @Test
    void nllBatchSizeIsExposedToTheRun() {
        var s = SpecLoader.loadShipped("seed-digits", false);
        assertEquals(50, dev.dgmbench.suite.plan.Planner.plan(s).runs().get(0).config().metrics().nll().batchSize());
    }
}
