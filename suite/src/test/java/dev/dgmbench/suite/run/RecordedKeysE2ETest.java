package dev.dgmbench.suite.run;

import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keys a run writes are the {@code MetricCatalogue}'s: the tiny study (every sampler, the NCE prior, like
 * {@code quick}) records only catalogued metrics and timings, and every catalogued one.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecordedKeysE2ETest extends ReferenceStudy {
    @Test
    void aRunRecordsOnlyCataloguedKeysAndEveryCataloguedOne() {
        List<RunResult> runs = StudyResults.read(reference).runs();
        assertFalse(runs.isEmpty());
        Set<String> samplerKeys = new TreeSet<>(), timingKeys = new TreeSet<>();
        for (RunResult r : runs) {
            assertEquals(RunStatus.OK, r.info().status(), r.info().runId());
            assertEquals(new TreeSet<>(MetricCatalogue.names(Metric.Scope.MODEL)), new TreeSet<>(r.metrics().model().keySet()),
                    r.info().runId() + ": model metrics against the catalogue");
            assertEquals(new TreeSet<>(MetricCatalogue.SAMPLERS), new TreeSet<>(r.metrics().samplers().keySet()));
            r.metrics().samplers().forEach((sampler, m) -> {
                for (String k : m.keySet()) {
                    assertTrue(MetricCatalogue.find(Metric.Scope.SAMPLER, k).isPresent(), sampler + "." + k + " is not catalogued");
                }
                samplerKeys.addAll(m.keySet());
            });
            for (String k : r.timings().keySet()) {
                assertTrue(MetricCatalogue.timing(k).isPresent(), "timing " + k + " is neither catalogued nor named by its unit");
            }
            timingKeys.addAll(r.timings().keySet());
            assertEquals(new TreeSet<>(MetricCatalogue.SAMPLE_SETS), new TreeSet<>(r.samples().sets().keySet()));
        }
        assertEquals(new TreeSet<>(MetricCatalogue.names(Metric.Scope.SAMPLER)), samplerKeys,
                "sampler metrics recorded by some sampler against the catalogue");
        assertTrue(timingKeys.containsAll(MetricCatalogue.names(Metric.Scope.TIMING)),
                "catalogued timings missing: " + MetricCatalogue.names(Metric.Scope.TIMING) + " in " + timingKeys);
    }

    @Test
    void provenanceReadsBackAsTheWorkersRecord() {
        for (RunResult r : StudyResults.read(reference).runs()) {
            WorkerProvenance p = WorkerProvenance.from(r.provenance());
            assertEquals(dev.dgmbench.suite.pipeline.SuiteVersion.VERSION, p.suiteVersion());
            assertTrue(p.suiteVersion().matches("\\d+\\.\\d+\\.\\d+.*"), p.suiteVersion());
            assertEquals(2, p.workers(), "the reference study runs 2 workers");
            assertTrue(p.evaluatorTestAccuracy() > 0 && p.evaluatorTestAccuracy() <= 1, "a share of the test images: " + p.evaluatorTestAccuracy());
            assertTrue(p.datasetFingerprint().matches("[0-9a-f]{64}"), p.datasetFingerprint());
            assertEquals("fused", p.machine().get("engine"), "the engine's own keys come back among the others");
            // nothing lost or changed on the way: the typed record writes back the mapping it was read from
            assertEquals(new java.util.TreeMap<>(r.provenance()), p.toMap());
        }
    }
}
