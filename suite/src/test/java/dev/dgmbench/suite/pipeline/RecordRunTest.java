package dev.dgmbench.suite.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run writes its metrics through the catalogue: a name it does not know is refused, naming it. */
class RecordRunTest {
    @Test
    void aKeyOutsideTheCatalogueIsRefused() {
        RecordRun r = new RecordRun(null);
        assertDoesNotThrow(() -> r.model("nll", 1.0));
        assertDoesNotThrow(() -> r.timing("nll_seconds", 1.0));
        assertDoesNotThrow(() -> r.timing("prior_seconds", 1.0)); // named by its unit
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.model("nll_typo", 1.0));
        assertTrue(e.getMessage().contains("nll_typo") && e.getMessage().contains("MetricCatalogue"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.timing("train_minutes", 1.0));
        assertThrows(IllegalStateException.class, () -> r.model("frechet", 1.0)); // a sampler metric, not a model one
        assertThrows(IllegalStateException.class, () -> r.sampleSet("noise", new int[0][]));
    }
}
