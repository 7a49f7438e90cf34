package dev.dgmbench.store;

import dev.dgmbench.results.RunResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The identity is read from the provenance keys the runner writes. */
class RunIdentityTest {
    @Test
    void readsTheRunnersProvenanceKeys() {
        RunResult r = Synthetic.run("ident", 5, "ignored", "cpu-avx2", "ci-1", false);
        RunResult runner = new RunResult(r.info(), r.metrics(), r.history(), r.timings(),
                Map.of("suite_commit", "0123abcd", "backend.classifier", "linux-x86_64-avx512", "backend.name", "cpu-avx512",
                        "host", "box"), r.samples(), r.traces(), r.digest());
        RunIdentity id = RunIdentity.of(runner);
        assertEquals(new RunIdentity(Synthetic.specDigest("ident"), Synthetic.runId(5), 2, "cpu-avx2",
                "linux-x86_64-avx512", "0123abcd"), id);
        RunIdentity bare = RunIdentity.of(new RunResult(r.info(), r.metrics(), r.history(), r.timings(), Map.of(),
                r.samples(), r.traces(), r.digest()));
        assertEquals("", bare.build());
        assertEquals("", bare.commit());
    }
}
