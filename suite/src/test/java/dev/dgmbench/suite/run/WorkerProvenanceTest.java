package dev.dgmbench.suite.run;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The worker's provenance writes the keys provenance.json has always had, and reads them back. */
class WorkerProvenanceTest {
    @Test
    void writesTheFlatKeysAndReadsThemBack() {
        WorkerProvenance system = WorkerProvenance.system(Map.of("cpu.model", "AMD EPYC", "backend.name", "cpu-avx2"),
                "abc123", "0.1.0-SNAPSHOT", 2, "vm");
        assertNull(system.evaluatorTestAccuracy());
        WorkerProvenance p = system.withEngine(Map.of("engine", "fused", "matmul", "java"), 0.9082774049217002,
                "2b42");
        Map<String, String> expected = new TreeMap<>(Map.of("cpu.model", "AMD EPYC", "backend.name", "cpu-avx2",
                "suite_commit", "abc123", "suite_version", "0.1.0-SNAPSHOT", "workers", "2", "host", "vm",
                "engine", "fused", "matmul", "java", "evaluator_test_accuracy", "0.9082774049217002"));
        expected.put("dataset_fingerprint", "2b42");
        assertEquals(expected, p.toMap());
        WorkerProvenance back = WorkerProvenance.from(p.toMap());
        assertEquals(2, back.workers());
        assertEquals(0.9082774049217002, back.evaluatorTestAccuracy());
        assertEquals("0.1.0-SNAPSHOT", back.suiteVersion());
        assertEquals(expected, back.toMap());
        assertEquals(Map.of("cpu.model", "AMD EPYC", "backend.name", "cpu-avx2"), WorkerProvenance.from(system.toMap()).machine());
    }
}
